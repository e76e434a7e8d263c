package dev.autoencoder.chapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.nn.Loss;
import dev.autoencoder.nn.Network;
import org.junit.jupiter.api.Test;

/** The executable chain rule against backpropagation and finite differences, for all 24 parameters. */
class ChainRuleExplainTest {

    private static void assertClose(double expected, double actual, double rel, String what) {
        double tol = rel * Math.max(Math.abs(expected), Math.abs(actual)) + 1e-13;
        assertTrue(Math.abs(expected - actual) <= tol, what + ": " + expected + " vs " + actual);
    }

    @Test
    void chainRuleAgreesWithBackpropAndFiniteDifferencesForEveryParameter() {
        DemoResult trained = ChapterDemo.run(DemoConfig.CHAPTER.withEpochs(6_000));
        SlopedLines train = trained.train();
        for (Network net : new Network[] {ChapterDemo.initialNetwork(DemoConfig.CHAPTER), trained.network()}) {
            for (String p : NodeNames.parameters(net).keySet()) {
                ChainRule.Explanation e = ChainRule.explain(net, Loss.MSE, train.x(), p, null);
                assertEquals(12, e.chains().size());
                assertClose(e.backprop(), e.chainRule(), 1e-6, p + " chain rule vs backprop");
                assertClose(e.finiteDifference(), e.chainRule(), 1e-6, p + " chain rule vs finite difference");
                ChainRule.Explanation one = ChainRule.explain(net, Loss.MSE, train.x(), p, 5);
                assertClose(one.backprop(), one.chainRule(), 1e-6, p + " sample 5");
            }
        }
    }

    @Test
    void oneSamplesFactorsMultiplyToItsChainRuleAndSumsListTheirTerms() {
        Network net = ChapterDemo.initialNetwork(DemoConfig.CHAPTER);
        SlopedLines train = SlopedLines.generate(14, 12);
        for (String p : new String[] {"w14", "b6", "w67", "w811", "b10"}) {
            ChainRule.Explanation e = ChainRule.explain(net, Loss.MSE, train.x(), p, 3);
            ChainRule.SampleChain c = e.chains().get(0);
            assertEquals(3, c.factors().size(), p);
            double product = 1;
            for (ChainRule.Factor f : c.factors()) {
                product *= f.value();
                if (!f.terms().isEmpty()) {
                    double sum = 0;
                    for (ChainRule.Term t : f.terms()) {
                        sum += t.value();
                    }
                    assertClose(sum, f.value(), 1e-12, p + " " + f.symbol() + " is the sum of its paths");
                }
            }
            assertEquals(product, e.chainRule(), 0.0, p);
        }
        ChainRule.Explanation w14 = ChainRule.explain(net, Loss.MSE, train.x(), "w14", 1);
        assertEquals("dL/dL4", w14.chains().get(0).factors().get(0).symbol());
        assertEquals("L4(1-L4)", w14.chains().get(0).factors().get(1).form());
        assertEquals("I1", w14.chains().get(0).factors().get(2).form());
        assertEquals(train.x().get(0, 0), w14.chains().get(0).factors().get(2).value(), 0.0);
    }

    @Test
    void rejectsUnknownParametersAndSamples() {
        Network net = ChapterDemo.initialNetwork(DemoConfig.CHAPTER);
        SlopedLines train = SlopedLines.generate(14, 12);
        assertThrows(IllegalArgumentException.class, () -> ChainRule.explain(net, Loss.MSE, train.x(), "w13", null));
        assertThrows(IllegalArgumentException.class, () -> ChainRule.explain(net, Loss.MSE, train.x(), "w14", 13));
    }
}
