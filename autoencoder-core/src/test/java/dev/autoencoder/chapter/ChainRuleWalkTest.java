package dev.autoencoder.chapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.Loss;
import dev.autoencoder.nn.Network;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chapter's walk b9, w79, R7, b7, w67, M6, b6, w46, L4, b4, w14: the steps in the chapter's order, and
 * every parameter step equal to the gradient the matrix backward pass (an independent computation) gives
 * for that sample, at the initial and the trained parameters.
 */
class ChainRuleWalkTest {
    @Test
    void theWalkToW14FollowsTheChapterAndEveryStepIsTheBackpropGradient() {
        DemoResult demo = ChapterDemo.run(DemoConfig.CHAPTER.withEpochs(300));
        for (Network net : List.of(ChapterDemo.initialNetwork(DemoConfig.CHAPTER), demo.network())) {
            for (int sample = 0; sample < 3; sample++) {
                double[] input = demo.train().x().row(sample);
                List<ChainRule.Step> steps = ChainRule.walk(net, Loss.MSE, input, "w14");
                assertEquals(List.of("b9", "w79", "R7", "b7", "w67", "M6", "b6", "w46", "L4", "b4", "w14"),
                        steps.stream().map(ChainRule.Step::name).toList());
                Network copy = net.copy();
                copy.computeGradients(new Matrix(1, input.length, input.clone()), Loss.MSE);
                var slots = NodeNames.parameters(copy);
                for (ChainRule.Step s : steps) {
                    if (slots.containsKey(s.name())) {
                        double backprop = NodeNames.gradient(copy, slots.get(s.name()));
                        assertEquals(backprop, s.value(), 1e-12 * Math.max(1e-6, Math.abs(backprop)), s.name());
                    }
                }
            }
        }
    }

    @Test
    void everyParametersWalkEndsAtItWithItsGradient() {
        Network net = ChapterDemo.initialNetwork(DemoConfig.CHAPTER);
        double[] input = SlopedLines.generate(DemoConfig.CHAPTER.seed() + 1, DemoConfig.SAMPLES).x().row(0);
        Network copy = net.copy();
        copy.computeGradients(new Matrix(1, input.length, input.clone()), Loss.MSE);
        var slots = NodeNames.parameters(copy);
        for (String p : slots.keySet()) {
            List<ChainRule.Step> steps = ChainRule.walk(net, Loss.MSE, input, p);
            ChainRule.Step last = steps.get(steps.size() - 1);
            assertEquals(p, last.name(), "the walk to " + p + " ends at it");
            double backprop = NodeNames.gradient(copy, slots.get(p));
            assertEquals(backprop, last.value(), 1e-12 * Math.max(1e-6, Math.abs(backprop)), p);
        }
    }
}
