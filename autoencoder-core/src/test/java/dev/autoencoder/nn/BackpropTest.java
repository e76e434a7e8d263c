package dev.autoencoder.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.kernel.Ops;
import dev.autoencoder.kernel.Precision;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.random.NumpyRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every differentiable piece against central finite differences. */
class BackpropTest {

    private static Matrix randomBatch(int rows, int cols, NumpyRandom rng) {
        Matrix x = new Matrix(rows, cols);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.uniform(-1.5, 1.5);
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationDerivativeMatchesFiniteDifferences(Activation f) {
        for (double z : new double[] {-3.1, -0.7, -0.05, 0.03, 0.4, 2.6}) {
            double h = 1e-6;
            double numeric = (f.apply(z + h) - f.apply(z - h)) / (2 * h);
            double analytic = f.derivative(z, f.apply(z));
            assertEquals(numeric, analytic, 1e-8, f + " at z = " + z);
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyActivationWithEveryLossBackpropagatesCorrectly(Activation f) {
        for (Loss loss : Loss.values()) {
            NumpyRandom rng = new NumpyRandom(7 + f.ordinal());
            Network net = Network.initialize(new int[] {4, 3, 2, 3, 4}, new Activation[] {f, f, f, f},
                    Initializer.XAVIER_UNIFORM, 0.0, rng);
            for (Parameter p : net.parameters()) {
                for (int i = 0; i < p.size(); i++) {
                    p.values()[i] += rng.uniform(-0.3, 0.3); // non-zero biases too
                }
            }
            GradientCheck.assertGradientsMatch(net, loss, randomBatch(5, 4, rng), f + " / " + loss);
        }
    }

    @Test
    void randomNetworksOfAnyWidthAndDepthBackpropagateCorrectly() {
        NumpyRandom rng = new NumpyRandom(2024);
        for (int trial = 0; trial < 40; trial++) {
            Initializer init = Initializer.values()[rng.nextInt(Initializer.values().length)];
            Network net = GradientCheck.randomNetwork(rng, 6, 8, init, 0.1);
            Loss loss = Loss.values()[trial % 2];
            GradientCheck.assertGradientsMatch(net, loss, randomBatch(1 + rng.nextInt(6), net.inputWidth(), rng),
                    Arrays.toString(net.widths()) + " " + Arrays.toString(net.activations()) + " " + loss);
        }
    }

    @Test
    void wideLayersBackpropagateCorrectly() {
        NumpyRandom rng = new NumpyRandom(77);
        int[] widths = {40, 36, 30, 36, 40};
        Network net = Network.initialize(widths,
                new Activation[] {Activation.TANH, Activation.ELU, Activation.SIGMOID, Activation.LINEAR},
                Initializer.XAVIER_UNIFORM, 0.05, rng);
        GradientCheck.assertGradientsMatch(net, Loss.MSE, randomBatch(50, 40, rng), "wide");
    }

    /** The backward pass writes every gradient: what a parameter's gradient held before changes nothing. */
    @Test
    void backwardWritesTheGradientsWhateverTheyHeld() {
        NumpyRandom rng = new NumpyRandom(31);
        Network net = Network.initialize(new int[] {40, 36, 3, 36, 40},
                new Activation[] {Activation.TANH, Activation.TANH, Activation.TANH, Activation.LINEAR},
                Initializer.XAVIER_UNIFORM, 0.05, rng);
        Matrix x = randomBatch(50, 40, rng);
        Network fresh = net.copy();
        fresh.computeGradients(x, Loss.MSE);
        for (Parameter p : net.parameters()) {
            p.grad.fill(1e3);
        }
        net.computeGradients(x, Loss.MSE);
        net.computeGradients(x, Loss.MSE);
        for (int k = 0; k < net.parameters().size(); k++) {
            // assertArrayEquals on doubles compares bits (doubleToLongBits), so -0.0 differs from 0.0
            assertArrayEquals(fresh.parameters().get(k).gradients(), net.parameters().get(k).gradients(),
                    net.parameters().get(k).name());
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void float32BackpropagatesCorrectlyWithEveryActivation(Activation f) {
        NumpyRandom rng = new NumpyRandom(17 + f.ordinal());
        Network net = Network.initialize(new int[] {40, 36, 3, 36, 40}, new Activation[] {f, f, f, Activation.LINEAR},
                Initializer.XAVIER_UNIFORM, 0.05, rng);
        try (Ops ops = Ops.create(Precision.FLOAT32, 2)) {
            for (Loss loss : Loss.values()) {
                GradientCheck.assertFloat32GradientsMatch(ops, net, loss, randomBatch(50, 40, rng), f + " / " + loss);
            }
        }
    }

    @Test
    void float32RandomNetworksBackpropagateCorrectly() {
        NumpyRandom rng = new NumpyRandom(2025);
        try (Ops ops = Ops.create(Precision.FLOAT32, 1)) {
            for (int trial = 0; trial < 20; trial++) {
                Network net = GradientCheck.randomNetwork(rng, 5, 8, Initializer.XAVIER_UNIFORM, 0.1);
                GradientCheck.assertFloat32GradientsMatch(ops, net, Loss.MSE, randomBatch(1 + rng.nextInt(6),
                        net.inputWidth(), rng), Arrays.toString(net.widths()) + " " + Arrays.toString(net.activations()));
            }
        }
    }

    @Test
    void sigmoidIsStableForLargeInputs() {
        assertEquals(1.0, Activation.SIGMOID.apply(800), 0.0);
        double tiny = Activation.SIGMOID.apply(-700);
        assertTrue(tiny > 0 && Double.isFinite(tiny));
        assertEquals(Math.exp(-700), tiny, Math.exp(-700) * 1e-15);
        assertTrue(Activation.SIGMOID.apply(-800) >= 0.0);
        assertEquals(800.0, Activation.SOFTPLUS.apply(800), 0.0);
        assertTrue(Activation.SOFTPLUS.apply(-800) >= 0.0);
    }

    @Test
    void lossesMatchTheirClosedForms() {
        Matrix o = Matrix.of(new double[][] {{1.0, 2.0, 4.0}});
        Matrix x = Matrix.of(new double[][] {{0.0, 2.0, 2.0}});
        // differences 1, 0, 2: mse = (1 + 0 + 4) / 3, half-sse = (1 + 0 + 4) / 2
        assertEquals(5.0 / 3.0, Loss.MSE.sum(o, x), 1e-15);
        assertEquals(2.5, Loss.HALF_SSE.sum(o, x), 0.0);
        Matrix g = new Matrix(1, 3);
        Loss.MSE.gradient(o, x, g);
        assertEquals(2.0 / 3.0, g.data[0], 1e-15);
        assertEquals(4.0 / 3.0, g.data[2], 1e-15);
        Loss.HALF_SSE.gradient(o, x, g);
        assertEquals(2.0, g.data[2], 0.0);
    }

    @Test
    void initializersDrawWithinTheirDocumentedLimits() {
        NumpyRandom rng = new NumpyRandom(1);
        int p = 3, k = 1;
        double[][] limits = {
            {Initializer.XAVIER_UNIFORM.ordinal(), Math.sqrt(6.0 / (p + k))},
            {Initializer.XAVIER_TEXT.ordinal(), 1 / Math.sqrt(p)},
            {Initializer.XAVIER_NORMALIZED_TEXT.ordinal(), 1 / (Math.sqrt(3) + 1)},
            {Initializer.HE_UNIFORM.ordinal(), Math.sqrt(6.0 / p)}};
        for (double[] row : limits) {
            Initializer init = Initializer.values()[(int) row[0]];
            double max = 0;
            for (int i = 0; i < 20_000; i++) {
                double w = init.draw(p, k, rng);
                assertTrue(Math.abs(w) <= row[1], init + " drew " + w + " outside +-" + row[1]);
                max = Math.max(max, Math.abs(w));
            }
            assertTrue(max > 0.99 * row[1], init + " never came near its limit " + row[1]);
        }
        double sum2 = 0;
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            double w = Initializer.HE_NORMAL.draw(8, 4, rng);
            sum2 += w * w;
        }
        assertEquals(2.0 / 8.0, sum2 / n, 0.01, "he-normal variance is 2 / p");
    }
}
