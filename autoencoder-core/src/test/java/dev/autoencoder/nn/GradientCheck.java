package dev.autoencoder.nn;

import dev.autoencoder.kernel.Ops;
import dev.autoencoder.kernel.Precision;
import dev.autoencoder.kernel.Tensor;
import java.util.List;

import dev.autoencoder.random.NumpyRandom;

import dev.autoencoder.math.Matrix;

/**
 * Central finite differences of the batch-mean loss, the reference every backward pass is checked
 * against: dL/dw ~ (L(w + h) - L(w - h)) / 2h, in double precision.
 */
public final class GradientCheck {
    private GradientCheck() {}

    public static final double H = 1e-6;

    /** The batch-mean loss of the network on x. */
    public static double meanLoss(Network net, Loss loss, Matrix x) {
        return loss.sum(net.forward(x), x) / x.rows;
    }

    /** Analytic gradients by forward + backward, averaged over the batch as the trainer does (float64). */
    public static void backprop(Network net, Loss loss, Matrix x) {
        net.computeGradients(x, loss);
        for (Parameter p : net.parameters()) {
            double[] g = p.gradients();
            for (int i = 0; i < g.length; i++) {
                g[i] /= x.rows;
            }
        }
    }

    /** Central difference of the mean loss in parameter p's element i (float64). */
    public static double numeric(Network net, Loss loss, Matrix x, Parameter p, int i) {
        double[] v = p.values();
        double keep = v[i];
        v[i] = keep + H;
        double up = meanLoss(net, loss, x);
        v[i] = keep - H;
        double down = meanLoss(net, loss, x);
        v[i] = keep;
        return (up - down) / (2 * H);
    }

    /** Fails with a message naming the parameter when any float64 element disagrees beyond rounding. */
    public static void assertGradientsMatch(Network net, Loss loss, Matrix x, String what) {
        backprop(net, loss, x);
        for (Parameter p : net.parameters()) {
            double[] analytic = p.gradients().clone();
            for (int i = 0; i < p.size(); i++) {
                double n = numeric(net, loss, x, p, i);
                double a = analytic[i];
                double tol = 1e-6 * Math.max(Math.abs(a), Math.abs(n)) + 1e-8;
                if (!(Math.abs(a - n) <= tol)) {
                    throw new AssertionError(what + ": " + p.name() + "[" + i + "]: backprop " + a
                            + ", finite difference " + n);
                }
            }
        }
    }

    /**
     * The float32 backward pass (on {@code ops}, a float32 instance) against float64 central differences of the
     * same network: the network and x are first rounded to float32, so both sides see the same numbers, and
     * the tolerance is float32's (about 1e-3 relative after a forward and a backward pass).
     */
    public static void assertFloat32GradientsMatch(Ops ops, Network net, Loss loss, Matrix x, String what) {
        Network net32 = net.to(Precision.FLOAT32);
        Network net64 = net32.to(Precision.FLOAT64);
        Tensor x32 = Tensor.of(x, Precision.FLOAT32);
        Matrix x64 = x32.toMatrix();
        Network.Pass pass = net32.newPass(Precision.FLOAT32, x.rows);
        Tensor out = net32.forward(ops, x32, pass);
        Tensor g = ops.zeros(x.rows, x.cols);
        ops.loss(loss, out, x32, g);
        net32.backward(ops, pass, g);
        List<Parameter> p32 = net32.parameters(), p64 = net64.parameters();
        for (int k = 0; k < p32.size(); k++) {
            for (int i = 0; i < p32.get(k).size(); i++) {
                double a = p32.get(k).grad.get(i) / x.rows;
                double n = numeric(net64, loss, x64, p64.get(k), i);
                double tol = 2e-3 * Math.max(Math.abs(a), Math.abs(n)) + 2e-5;
                if (!(Math.abs(a - n) <= tol)) {
                    throw new AssertionError(what + " (float32): " + p32.get(k).name() + "[" + i + "]: backprop " + a
                            + ", finite difference " + n);
                }
            }
        }
    }

    /**
     * Random autoencoder shape for property tests: 1 to maxLayers layers, widths 1 to maxWidth, the output as
     * wide as the input, activations drawn from all of them.
     */
    static Network randomNetwork(NumpyRandom rng, int maxLayers, int maxWidth, Initializer init, double bias) {
        Shape shape = randomShape(rng, maxLayers, maxWidth, Activation.values());
        return Network.initialize(shape.widths(), shape.activations(), init, bias, rng);
    }

    /** An autoencoder's widths and activations. */
    record Shape(int[] widths, Activation[] activations) {}

    /** As {@link #randomNetwork} draws it, with the activations drawn from {@code from}. */
    static Shape randomShape(NumpyRandom rng, int maxLayers, int maxWidth, Activation[] from) {
        int layers = 1 + rng.nextInt(maxLayers);
        int[] widths = new int[layers + 1];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = 1 + rng.nextInt(maxWidth);
        }
        widths[layers] = widths[0];
        Activation[] acts = new Activation[layers];
        for (int i = 0; i < layers; i++) {
            acts[i] = from[rng.nextInt(from.length)];
        }
        return new Shape(widths, acts);
    }
}
