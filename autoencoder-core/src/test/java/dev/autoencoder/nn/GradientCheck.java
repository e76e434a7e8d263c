package dev.autoencoder.nn;

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

    /** Analytic gradients by forward + backward, averaged over the batch as the trainer does. */
    public static void backprop(Network net, Loss loss, Matrix x) {
        net.zeroGrad();
        Matrix out = net.forward(x);
        Matrix g = new Matrix(out.rows, out.cols);
        loss.gradient(out, x, g);
        net.backward(g);
        for (Parameter p : net.parameters()) {
            for (int i = 0; i < p.grad.length; i++) {
                p.grad[i] /= x.rows;
            }
        }
    }

    /** Central difference of the mean loss in parameter p's element i. */
    public static double numeric(Network net, Loss loss, Matrix x, Parameter p, int i) {
        double keep = p.value[i];
        p.value[i] = keep + H;
        double up = meanLoss(net, loss, x);
        p.value[i] = keep - H;
        double down = meanLoss(net, loss, x);
        p.value[i] = keep;
        return (up - down) / (2 * H);
    }

    /** Fails with a message naming the parameter when any element disagrees beyond rounding. */
    public static void assertGradientsMatch(Network net, Loss loss, Matrix x, String what) {
        backprop(net, loss, x);
        for (Parameter p : net.parameters()) {
            double[] analytic = p.grad.clone();
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
