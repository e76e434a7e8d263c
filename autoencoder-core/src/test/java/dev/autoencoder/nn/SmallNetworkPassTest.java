package dev.autoencoder.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.autoencoder.math.LaneKernels;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.random.NumpyRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lane-major pass for small networks against the layer-by-layer path: the same loss bit for bit,
 * and the same gradients to rounding (they are summed in a different fixed order), for random
 * architectures, activations, losses and batch sizes (including ones that are not a multiple of the
 * vector width). The vector kernels and the plain loops give the same bits.
 */
class SmallNetworkPassTest {

    @Test
    void lossEqualsTheLayerPathBitForBitAndGradientsToRounding() {
        NumpyRandom rng = new NumpyRandom(99);
        for (int trial = 0; trial < 60; trial++) {
            Network net = GradientCheck.randomNetwork(rng, 5, 12, Initializer.XAVIER_UNIFORM, 0.0);
            int[] widths = net.widths();
            Activation[] acts = net.activations();
            for (Parameter p : net.parameters()) {
                for (int i = 0; i < p.size(); i++) {
                    p.value[i] += rng.uniform(-0.5, 0.5);
                }
            }
            int rows = 1 + rng.nextInt(40);
            Matrix x = new Matrix(rows, widths[0]);
            for (int i = 0; i < x.data.length; i++) {
                x.data[i] = rng.uniform(-2, 2);
            }
            Loss loss = Loss.values()[trial % Loss.values().length];
            String what = java.util.Arrays.toString(widths) + " " + java.util.Arrays.toString(acts) + " " + loss
                    + " on " + rows + " rows";

            net.zeroGrad();
            Matrix out = net.forward(x);
            double expectedLoss = loss.sum(out, x);
            Matrix g = new Matrix(rows, widths[0]);
            loss.gradient(out, x, g);
            net.backward(g);
            List<double[]> expected = net.parameters().stream().map(p -> p.grad.clone()).toList();

            SmallNetworkPass pass = SmallNetworkPass.forNetwork(net);
            assertNotNull(pass, what);
            net.zeroGrad();
            // twice, so a reused buffer set is exercised too
            pass.step(x, x, loss);
            net.zeroGrad();
            double got = pass.step(x, x, loss);
            assertEquals(Double.doubleToRawLongBits(expectedLoss), Double.doubleToRawLongBits(got), what);
            List<double[]> fromDefault = net.parameters().stream().map(p -> p.grad.clone()).toList();
            for (boolean vector : LaneKernels.vectorAvailable() ? new boolean[] {false, true} : new boolean[] {false}) {
                net.zeroGrad();
                double l = pass.step(x, x, loss, vector);
                assertEquals(Double.doubleToRawLongBits(got), Double.doubleToRawLongBits(l), what + " vector " + vector);
                for (int i = 0; i < fromDefault.size(); i++) {
                    assertArrayEquals(fromDefault.get(i), net.parameters().get(i).grad, 0.0,
                            what + ", vector " + vector + ": " + net.parameters().get(i).name());
                }
            }
            // a target that is another matrix (as with denoising) takes the row-major loss: same bits
            net.zeroGrad();
            assertEquals(Double.doubleToRawLongBits(got), Double.doubleToRawLongBits(pass.step(x, x.copy(), loss)), what);
            for (int i = 0; i < fromDefault.size(); i++) {
                assertArrayEquals(fromDefault.get(i), net.parameters().get(i).grad, 0.0, what + ", separate target");
            }
            net.zeroGrad();
            pass.step(x, x, loss);
            assertEquals(expectedLoss, pass.lossSum(x, loss), 0.0, what);
            for (int i = 0; i < expected.size(); i++) {
                double[] e = expected.get(i);
                double scale = 0;
                for (double v : e) {
                    scale = Math.max(scale, Math.abs(v));
                }
                // a sum of up to 40 terms in another order: a few ulps of the largest gradient
                assertArrayEquals(e, net.parameters().get(i).grad, 1e-13 * Math.max(scale, 1e-300) * rows,
                        what + ": " + net.parameters().get(i).name());
            }
        }
    }

    @Test
    void meanGradientsAndAFixedInputGiveTheSameBitsAsSummingCopyingAndDividing() {
        NumpyRandom rng = new NumpyRandom(31);
        Network net = Network.initialize(new int[] {3, 2, 1, 2, 3},
                new Activation[] {Activation.SIGMOID, Activation.SIGMOID, Activation.SIGMOID, Activation.LINEAR},
                Initializer.XAVIER_UNIFORM, 0.0, rng);
        Matrix x = new Matrix(12, 3), other = new Matrix(12, 3);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.uniform(-1, 1);
            other.data[i] = rng.uniform(-1, 1);
        }
        SmallNetworkPass plain = SmallNetworkPass.forNetwork(net);
        net.zeroGrad();
        double expectedLoss = plain.step(x, x, Loss.MSE);
        List<double[]> expected = net.parameters().stream().map(p -> {
            double[] g = p.grad.clone();
            for (int i = 0; i < g.length; i++) {
                g[i] /= 12;
            }
            return g;
        }).toList();

        SmallNetworkPass fixed = SmallNetworkPass.forNetwork(net);
        fixed.fixInput(x);
        for (int round = 0; round < 3; round++) {
            for (Parameter p : net.parameters()) {
                java.util.Arrays.fill(p.grad, 123.0); // overwritten, not added to
            }
            assertEquals(expectedLoss, fixed.meanGradientStep(x, x, Loss.MSE), 0.0);
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), net.parameters().get(i).grad, 0.0, "round " + round);
            }
            // another matrix of the same shape in between (as validation rows are): x must be copied again
            assertEquals(plain.lossSum(other, Loss.MSE), fixed.lossSum(other, Loss.MSE), 0.0);
        }
    }

    @Test
    void networksWithALargeLayerUseTheMatrixKernels() {
        Network wide = Network.initialize(new int[] {64, 8, 64}, new Activation[] {Activation.TANH, Activation.LINEAR},
                Initializer.XAVIER_UNIFORM, 0.0, new NumpyRandom(1));
        assertNull(SmallNetworkPass.forNetwork(wide));
    }
}
