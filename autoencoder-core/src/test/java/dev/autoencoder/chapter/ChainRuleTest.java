package dev.autoencoder.chapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.GradientCheck;
import dev.autoencoder.nn.Loss;
import dev.autoencoder.nn.Network;
import dev.autoencoder.random.NumpyRandom;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The general backward pass against the chapter's per-parameter chain rule (SEED-SPEC section 4),
 * written out here node by node as the chapter writes it, at a random point.
 */
class ChainRuleTest {

    private static double sig(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** The chapter's hand-written forward and backward for one sample, MSE over 3 outputs. */
    private static Map<String, Double> chapterGradients(Map<String, Double> w, double[] in) {
        double i1 = in[0], i2 = in[1], i3 = in[2];
        double l4 = sig(w.get("w14") * i1 + w.get("w24") * i2 + w.get("w34") * i3 + w.get("b4"));
        double l5 = sig(w.get("w15") * i1 + w.get("w25") * i2 + w.get("w35") * i3 + w.get("b5"));
        double m6 = sig(w.get("w46") * l4 + w.get("w56") * l5 + w.get("b6"));
        double r7 = sig(w.get("w67") * m6 + w.get("b7"));
        double r8 = sig(w.get("w68") * m6 + w.get("b8"));
        double o9 = w.get("w79") * r7 + w.get("w89") * r8 + w.get("b9");
        double o10 = w.get("w710") * r7 + w.get("w810") * r8 + w.get("b10");
        double o11 = w.get("w711") * r7 + w.get("w811") * r8 + w.get("b11");
        // dL/dO for L = mean of squared differences over 3 outputs
        double d9 = 2.0 / 3.0 * (o9 - i1), d10 = 2.0 / 3.0 * (o10 - i2), d11 = 2.0 / 3.0 * (o11 - i3);
        double d7 = (d9 * w.get("w79") + d10 * w.get("w710") + d11 * w.get("w711")) * r7 * (1 - r7);
        double d8 = (d9 * w.get("w89") + d10 * w.get("w810") + d11 * w.get("w811")) * r8 * (1 - r8);
        double d6 = (d7 * w.get("w67") + d8 * w.get("w68")) * m6 * (1 - m6);
        double d4 = d6 * w.get("w46") * l4 * (1 - l4);
        double d5 = d6 * w.get("w56") * l5 * (1 - l5);
        Map<String, Double> g = new HashMap<>();
        g.put("w79", d9 * r7); g.put("w89", d9 * r8);
        g.put("w710", d10 * r7); g.put("w810", d10 * r8);
        g.put("w711", d11 * r7); g.put("w811", d11 * r8);
        g.put("b9", d9); g.put("b10", d10); g.put("b11", d11);
        g.put("w67", d7 * m6); g.put("w68", d8 * m6); g.put("b7", d7); g.put("b8", d8);
        g.put("w46", d6 * l4); g.put("w56", d6 * l5); g.put("b6", d6);
        g.put("w14", d4 * i1); g.put("w24", d4 * i2); g.put("w34", d4 * i3); g.put("b4", d4);
        g.put("w15", d5 * i1); g.put("w25", d5 * i2); g.put("w35", d5 * i3); g.put("b5", d5);
        return g;
    }

    @Test
    void namedGradientsEqualTheChaptersChainRuleAtARandomPoint() {
        NumpyRandom rng = new NumpyRandom(31337);
        Network net = Network.initialize(new int[] {3, 2, 1, 2, 3}, DemoConfig.CHAPTER.activations(),
                DemoConfig.CHAPTER.initializer(), 0.0, rng);
        Map<String, NodeNames.Slot> slots = NodeNames.parameters(net);
        for (NodeNames.Slot s : slots.values()) {
            NodeNames.set(net, s, rng.uniform(-2, 2));
        }
        Matrix x = new Matrix(5, 3);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.uniform(-1, 1);
        }
        Map<String, Double> w = NodeNames.values(net);

        // one sample: the chapter's product exactly
        Matrix one = new Matrix(1, 3, x.row(2));
        GradientCheck.backprop(net, Loss.MSE, one);
        Map<String, Double> chapter = chapterGradients(w, x.row(2));
        assertEquals(24, slots.size());
        for (Map.Entry<String, NodeNames.Slot> e : slots.entrySet()) {
            double expected = chapter.get(e.getKey());
            assertEquals(expected, NodeNames.gradient(net, e.getValue()), 1e-15 * Math.max(1, Math.abs(expected)),
                    e.getKey());
        }

        // a batch: the average of the per-sample products
        GradientCheck.backprop(net, Loss.MSE, x);
        for (Map.Entry<String, NodeNames.Slot> e : slots.entrySet()) {
            double sum = 0;
            for (int i = 0; i < x.rows; i++) {
                sum += chapterGradients(w, x.row(i)).get(e.getKey());
            }
            assertEquals(sum / x.rows, NodeNames.gradient(net, e.getValue()), 1e-14, e.getKey());
        }
    }

    @Test
    void namesFollowTheChaptersNumbering() {
        Network net = Network.initialize(new int[] {3, 2, 1, 2, 3}, DemoConfig.CHAPTER.activations(),
                DemoConfig.CHAPTER.initializer(), 0.0, new NumpyRandom(13));
        assertEquals("[w14, w24, w34, w15, w25, w35, w46, w56, w67, w68, w79, w89, w710, w810, w711, w811, "
                + "b4, b5, b6, b7, b8, b9, b10, b11]", NodeNames.parameters(net).keySet().toString());
        assertEquals("[[I1, I2, I3], [L4, L5], [M6], [R7, R8], [O9, O10, O11]]",
                NodeNames.nodeLabels(net.widths()).toString());
        assertEquals("w10_12", NodeNames.weightName(10, 12));
    }
}
