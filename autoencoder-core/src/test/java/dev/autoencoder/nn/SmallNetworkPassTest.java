package dev.autoencoder.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.autoencoder.math.LaneKernels;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.optim.Sgd;
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
    private static final Activation[] SIGMOID_OR_LINEAR = {Activation.SIGMOID, Activation.LINEAR};

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

    /**
     * The one-call step ({@link LaneKernels#pairStep}: 9 to 16 samples, sigmoid and linear layers) against the
     * same step kernel by kernel and on the plain loops: the same loss and gradients bit for bit, summed or
     * as batch means, with the input or another matrix as the target. Runs where the one-call step does (4 or
     * 8 double lanes: the build runs it on both widths where the machine has AVX-512); skipped, and reported so,
     * elsewhere.
     */
    @Test
    void theOneCallStepGivesTheBitsOfTheKernelsOneByOne() {
        assumeTrue(LaneKernels.pairStepRuns(16), "needs the Vector API with 4 or 8 double lanes");
        NumpyRandom rng = new NumpyRandom(2026);
        for (int trial = 0; trial < 80; trial++) {
            GradientCheck.Shape shape = GradientCheck.randomShape(rng, 5, 6, SIGMOID_OR_LINEAR);
            int[] widths = shape.widths();
            Activation[] acts = shape.activations();
            Network net = Network.initialize(widths, acts, Initializer.XAVIER_UNIFORM, 0.1, rng);
            int rows = 9 + rng.nextInt(8);
            Matrix x = new Matrix(rows, widths[0]), other = new Matrix(rows, widths[0]);
            for (int i = 0; i < x.data.length; i++) {
                x.data[i] = rng.uniform(-3, 3);
                other.data[i] = rng.uniform(-3, 3);
            }
            Loss loss = Loss.values()[trial % Loss.values().length];
            boolean mean = trial % 3 != 0;
            Matrix target = trial % 4 == 0 ? other : x;
            String what = java.util.Arrays.toString(widths) + " " + java.util.Arrays.toString(acts) + " " + loss
                    + " on " + rows + " rows, mean " + mean + ", other target " + (target == other);
            SmallNetworkPass pass = SmallNetworkPass.forNetwork(net);
            double[] losses = new double[3];
            List<List<double[]>> grads = new java.util.ArrayList<>();
            for (int way = 0; way < 3; way++) {
                for (Parameter p : net.parameters()) {
                    java.util.Arrays.fill(p.grad, mean ? 77.0 : 0.25); // overwritten by a mean, added to by a sum
                }
                losses[way] = switch (way) {
                    case 0 -> pass.vectorStep(x, target, loss, mean, true);
                    case 1 -> pass.vectorStep(x, target, loss, mean, false);
                    default -> mean ? plainMeanStep(pass, net, x, target, loss) : pass.step(x, target, loss, false);
                };
                grads.add(net.parameters().stream().map(p -> p.grad.clone()).toList());
            }
            for (int way = 1; way < 3; way++) {
                assertEquals(Double.doubleToRawLongBits(losses[way]), Double.doubleToRawLongBits(losses[0]),
                        what + ", way " + way);
                for (int i = 0; i < grads.get(0).size(); i++) {
                    double[] want = grads.get(way).get(i), got = grads.get(0).get(i);
                    for (int j = 0; j < want.length; j++) {
                        assertEquals(Double.doubleToRawLongBits(want[j]), Double.doubleToRawLongBits(got[j]),
                                what + ", way " + way + ": " + net.parameters().get(i).name() + "[" + j + "]");
                    }
                }
            }
        }
    }

    /**
     * The step with plain gradient descent folded in ({@link SmallNetworkPass#sgdStep}) against the mean-gradient
     * step followed by {@link Sgd#step}: the same parameters and gradients bit for bit, over several steps, on
     * the one-call step (9 to 16 rows, where it runs), the vector kernels one by one and the plain loops.
     */
    @Test
    void descentFoldedIntoTheStepGivesTheBitsOfTheOptimizerAfterIt() {
        for (int trial = 0; trial < 60; trial++) {
            NumpyRandom rng = new NumpyRandom(500 + trial);
            GradientCheck.Shape shape = GradientCheck.randomShape(rng, 4, 5, SIGMOID_OR_LINEAR);
            int[] widths = shape.widths();
            Activation[] acts = shape.activations();
            long seed = rng.nextInt(1 << 30);
            Network folded = Network.initialize(widths, acts, Initializer.XAVIER_UNIFORM, 0.1, new NumpyRandom(seed));
            Network separate = Network.initialize(widths, acts, Initializer.XAVIER_UNIFORM, 0.1, new NumpyRandom(seed));
            int rows = trial % 3 == 0 ? 1 + rng.nextInt(30) : 9 + rng.nextInt(8);
            Matrix x = new Matrix(rows, widths[0]);
            for (int i = 0; i < x.data.length; i++) {
                x.data[i] = rng.uniform(-2, 2);
            }
            Loss loss = Loss.values()[trial % Loss.values().length];
            boolean vector = LaneKernels.vectorAvailable() && trial % 2 == 0;
            String what = java.util.Arrays.toString(widths) + " " + java.util.Arrays.toString(acts) + " " + loss
                    + " on " + rows + " rows, vector " + vector;
            SmallNetworkPass a = SmallNetworkPass.forNetwork(folded), b = SmallNetworkPass.forNetwork(separate);
            Sgd sgd = new Sgd(0.3);
            for (int step = 0; step < 4; step++) {
                double la = a.sgdStep(x, x, loss, 0.3, vector);
                double lb = vector ? b.vectorStep(x, x, loss, true, true) : plainMeanStep(b, separate, x, x, loss);
                sgd.step(separate.parameters());
                assertEquals(Double.doubleToRawLongBits(lb), Double.doubleToRawLongBits(la), what + ", step " + step);
                for (int i = 0; i < folded.parameters().size(); i++) {
                    Parameter pa = folded.parameters().get(i), pb = separate.parameters().get(i);
                    for (int j = 0; j < pa.size(); j++) {
                        assertEquals(Double.doubleToRawLongBits(pb.value[j]), Double.doubleToRawLongBits(pa.value[j]),
                                what + ", step " + step + ": " + pa.name() + "[" + j + "]");
                        assertEquals(Double.doubleToRawLongBits(pb.grad[j]), Double.doubleToRawLongBits(pa.grad[j]),
                                what + ", step " + step + ": gradient of " + pa.name() + "[" + j + "]");
                    }
                }
            }
        }
    }

    /** The mean-gradient step on the plain loops: zeroed gradients, the summed step, then divided by the rows. */
    private static double plainMeanStep(SmallNetworkPass pass, Network net, Matrix x, Matrix target, Loss loss) {
        net.zeroGrad();
        double l = pass.step(x, target, loss, false);
        for (Parameter p : net.parameters()) {
            for (int i = 0; i < p.grad.length; i++) {
                p.grad[i] /= x.rows;
            }
        }
        return l;
    }

    @Test
    void networksWithALargeLayerUseTheMatrixKernels() {
        Network wide = Network.initialize(new int[] {64, 8, 64}, new Activation[] {Activation.TANH, Activation.LINEAR},
                Initializer.XAVIER_UNIFORM, 0.0, new NumpyRandom(1));
        assertNull(SmallNetworkPass.forNetwork(wide));
    }
}
