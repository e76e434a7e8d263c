package dev.autoencoder.chapter;

import static dev.autoencoder.chapter.ChapterReference.assertRelative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.nn.Network;
import dev.autoencoder.random.NumpyRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chapter's workflow against the numbers its own numpy code prints (SEED-SPEC section 8). */
class ChapterReproductionTest {
    private static DemoResult result;

    @BeforeAll
    static void runTheChapter() {
        result = ChapterDemo.run(DemoConfig.CHAPTER);
    }

    @Test
    void trainingAndTestDataAreNumpysToTheLastBit() {
        Map<String, double[]> ref = ChapterReference.draws();
        SlopedLines train = SlopedLines.generate(14, 12);
        SlopedLines test = SlopedLines.generate(20, 12);
        assertArrayEquals(ref.get("train-x"), train.x().data, 0.0);
        assertArrayEquals(ref.get("test-x"), test.x().data, 0.0);
        assertArrayEquals(ChapterReference.X0, train.x().row(0), 0.0);
        assertArrayEquals(ChapterReference.X1, train.x().row(1), 0.0);
        // labels: numpy's dot may sum in another order, so allow one rounding
        assertArrayEquals(ref.get("train-slope"), train.slope(), 1e-16);
        assertArrayEquals(ref.get("test-slope"), test.slope(), 1e-16);
        assertArrayEquals(train.x().data, result.train().x().data, 0.0);
    }

    @Test
    void initialWeightsAreNumpysInTheChaptersOrder() {
        double[] ref = ChapterReference.draws().get("weights");
        List<String> order = List.of("w14", "w24", "w34", "w15", "w25", "w35", "w46", "w56", "w67", "w68",
                "w79", "w89", "w710", "w810", "w711", "w811");
        Map<String, Double> initial = result.initialParameters();
        for (int i = 0; i < order.size(); i++) {
            assertEquals(ref[i], initial.get(order.get(i)), 0.0, order.get(i));
        }
        assertEquals(ChapterReference.W14_W24_W34[0], initial.get("w14"), 0.0);
        assertEquals(ChapterReference.W14_W24_W34[1], initial.get("w24"), 0.0);
        assertEquals(ChapterReference.W14_W24_W34[2], initial.get("w34"), 0.0);
        assertEquals(ChapterReference.W811, initial.get("w811"), 0.0);
        for (int b = 4; b <= 11; b++) {
            assertEquals(0.0, initial.get("b" + b), 0.0);
        }
        assertEquals(24, initial.size());
    }

    @Test
    void lossHistoryMatchesTheChapter() {
        double[] loss = result.lossHistory();
        assertEquals(10_000, loss.length);
        assertRelative(ChapterReference.LOSS_0, loss[0], 1e-12, "loss at epoch 0");
        assertRelative(ChapterReference.LOSS_1000, loss[1000], 1e-12, "loss at epoch 1000");
        assertRelative(ChapterReference.LOSS_6000, loss[6000], 1e-12, "loss at epoch 6000");
        assertRelative(ChapterReference.LOSS_9999, loss[9999], 1e-12, "loss at epoch 9999");
    }

    @Test
    void testMseAndLatentSlopeCorrelationMatchTheChapter() {
        assertRelative(ChapterReference.TEST_MSE, result.testMse(), 1e-12, "test MSE");
        assertRelative(ChapterReference.R, result.latentVsSlope().r(), 1e-12, "Pearson r of M6 vs slope");
        assertTrue(result.latentVsSlope().slope() < 0, "the chapter's latent falls with the slope");
    }

    @Test
    void recordedLatentIsTheLastForwardPassBeforeTheFinalUpdate() {
        // Rebuild the parameters before the last update by replaying 9,999 epochs, then one forward pass.
        DemoResult shorter = ChapterDemo.run(DemoConfig.CHAPTER.withEpochs(9_999));
        Network before = shorter.network();
        Network.Pass pass = before.record(result.train().x());
        int bottleneck = before.bottleneckLayer();
        assertArrayEquals(pass.output(bottleneck - 1).doubles(), result.latent().data, 0.0);
        assertArrayEquals(pass.output().doubles(), result.reconstructionTrain().data, 0.0);
        // and the test reconstruction uses the final parameters
        Network fin = result.network().copy();
        assertArrayEquals(fin.forward(result.test().x()).data, result.reconstructionTest().data, 0.0);
    }

    @Test
    void sameSeedGivesBitIdenticalResults() {
        DemoConfig c = DemoConfig.CHAPTER.withEpochs(300);
        DemoResult a = ChapterDemo.run(c);
        DemoResult b = ChapterDemo.run(c);
        assertArrayEquals(a.lossHistory(), b.lossHistory(), 0.0);
        assertEquals(a.parameters(), b.parameters());
        assertArrayEquals(a.reconstructionTest().data, b.reconstructionTest().data, 0.0);
    }

    @Test
    void differentSeedGivesDifferentWeights() {
        Network a = Network.initialize(new int[] {3, 2, 1, 2, 3}, DemoConfig.CHAPTER.activations(),
                DemoConfig.CHAPTER.initializer(), 0.0, new NumpyRandom(13));
        Network b = Network.initialize(new int[] {3, 2, 1, 2, 3}, DemoConfig.CHAPTER.activations(),
                DemoConfig.CHAPTER.initializer(), 0.0, new NumpyRandom(14));
        for (int l = 0; l < 4; l++) {
            double[] wa = a.layer(l).weights().values(), wb = b.layer(l).weights().values();
            for (int i = 0; i < wa.length; i++) {
                assertTrue(wa[i] != wb[i], "weight " + i + " of layer " + (l + 1) + " is the same under seeds 13 and 14");
            }
        }
    }

    @Test
    void withoutNoiseEachSampleIsAnExactLineThroughTheMiddleNode() {
        SlopedLines exact = SlopedLines.generate(3, 20, 0.0);
        SlopedLines chapter = SlopedLines.generate(3, 20);
        for (int i = 0; i < 20; i++) {
            assertEquals(0.0, exact.x().get(i, 1), 0.0, "I2 is m * 0");
            assertEquals(-exact.x().get(i, 0), exact.x().get(i, 2), 0.0, "I3 = -I1 = m");
            // the same uniform draws: the slopes agree with the noisy lines' up to the noise
            assertEquals(exact.x().get(i, 2), chapter.x().get(i, 2), 0.5);
        }
        assertTrue(chapter.x().get(0, 1) != 0.0, "the chapter's lines carry noise");
    }
}
