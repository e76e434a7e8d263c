package dev.autoencoder.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.autoencoder.kernel.Ops;
import dev.autoencoder.kernel.Precision;
import dev.autoencoder.kernel.Tensor;
import dev.autoencoder.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Optimizer steps against their closed forms. */
class OptimizerTest {
    private static final Ops OPS = Ops.shared(Precision.FLOAT64);

    private static Parameter param(double[] w, double[] g) {
        Parameter p = new Parameter("p", Tensor.wrap(1, w.length, w.clone()));
        System.arraycopy(g, 0, p.gradients(), 0, g.length);
        return p;
    }

    private static final double[] W = {0.5, -1.25, 2.0, 0.0};
    private static final double[] G = {0.1, -0.02, 3.0, -7.5e-5};

    @Test
    void sgdStepIsExactlyWeightMinusRateTimesGradient() {
        Parameter p = param(W, G);
        new Sgd(0.1).step(OPS, List.of(p));
        for (int i = 0; i < W.length; i++) {
            assertEquals(W[i] - 0.1 * G[i], p.values()[i], 0.0);
        }
    }

    @Test
    void adamsFirstStepFromZeroStateIsRateTimesGradientOverItsMagnitude() {
        // m1 = (1 - b1) g and v1 = (1 - b2) g^2; bias correction divides by (1 - b1) and (1 - b2),
        // so m^ = g and v^ = g^2, and the step is lr * g / (sqrt(g^2) + eps) = lr * g / (|g| + eps).
        double lr = 0.01, eps = 1e-8;
        Parameter p = param(W, G);
        new Adam(lr, 0.9, 0.999, eps, 0.0, false).step(OPS, List.of(p));
        for (int i = 0; i < W.length; i++) {
            double expected = W[i] - lr * G[i] / (Math.abs(G[i]) + eps);
            assertEquals(expected, p.values()[i], 1e-15 * Math.max(1, Math.abs(expected)), "element " + i);
        }
    }

    @Test
    void adamwDecaysTheWeightSeparatelyFromTheGradientStep() {
        // AdamW: w1 = w0 - lr * wd * w0 - lr * g / (|g| + eps) on the first step
        double lr = 0.01, eps = 1e-8, wd = 0.1;
        Parameter p = param(W, G);
        new Adam(lr, 0.9, 0.999, eps, wd, true).step(OPS, List.of(p));
        for (int i = 0; i < W.length; i++) {
            double expected = W[i] - lr * wd * W[i] - lr * G[i] / (Math.abs(G[i]) + eps);
            assertEquals(expected, p.values()[i], 1e-15, "element " + i);
        }
    }

    @Test
    void adamSecondStepMatchesTheRecurrence() {
        double lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        double w = 1.0, g1 = 0.3, g2 = -0.4;
        Parameter p = param(new double[] {w}, new double[] {g1});
        Adam adam = new Adam(lr, b1, b2, eps, 0.0, false);
        adam.step(OPS, List.of(p));
        p.gradients()[0] = g2;
        adam.step(OPS, List.of(p));
        double m1 = (1 - b1) * g1, v1 = (1 - b2) * g1 * g1;
        double w1 = w - lr * (m1 / (1 - b1)) / (Math.sqrt(v1 / (1 - b2)) + eps);
        double m2 = b1 * m1 + (1 - b1) * g2, v2 = b2 * v1 + (1 - b2) * g2 * g2;
        double w2 = w1 - lr * (m2 / (1 - b1 * b1)) / (Math.sqrt(v2 / (1 - b2 * b2)) + eps);
        assertEquals(w2, p.values()[0], 1e-15);
    }

    @Test
    void momentumAndNesterovFollowTheirRecurrences() {
        double lr = 0.1, mu = 0.9, g1 = 0.5, g2 = -0.25;
        Parameter p = param(new double[] {1.0}, new double[] {g1});
        Momentum m = new Momentum(lr, mu, false);
        m.step(OPS, List.of(p));
        assertEquals(1.0 - lr * g1, p.values()[0], 1e-16);
        p.gradients()[0] = g2;
        m.step(OPS, List.of(p));
        assertEquals(1.0 - lr * g1 - lr * (mu * g1 + g2), p.values()[0], 1e-15);

        Parameter q = param(new double[] {1.0}, new double[] {g1});
        new Momentum(lr, mu, true).step(OPS, List.of(q));
        assertEquals(1.0 - lr * (g1 + mu * g1), q.values()[0], 1e-16);
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new Momentum(0.1, 1.0, false));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 0.9, 1.0, 1e-8, 0, false));
        assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.Kind.parse("rmsprop"));
    }
}
