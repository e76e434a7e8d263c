package dev.autoencoder.nn;

import dev.autoencoder.math.Kernels;
import dev.autoencoder.math.LaneKernels;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.math.VectorWarmup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Forward and backward passes for a network whose layers are all small (each below
 * {@link Kernels#FAST_THRESHOLD} weights, such as the chapter's 3-2-1-2-3), with the batch's samples
 * along the vector lanes ({@link LaneKernels}). The per-layer row-major path spends most of such a
 * network's time on loop overhead and scalar arithmetic; this one keeps each layer's values for all
 * samples in one short array and does the arithmetic a vector at a time.
 *
 * <p>It reads and writes the network's own parameter and gradient arrays. Outputs and losses are the
 * same IEEE operations in the same order as {@link Network#forward}, so the same bits; the weight and
 * bias gradients, sums over the batch, are added in the fixed order of {@link LaneKernels#layerGradients}, so
 * they agree with {@link Network#backward} to rounding (tested) and are the same on every machine.
 * What it does not do is leave per-layer activations in the layers; call {@link Network#forward} for
 * those.
 *
 * <p>On 9 to 16 samples with AVX-512 or AVX2, a network of sigmoid and linear layers takes the whole step in
 * one call, {@link LaneKernels#pairStep} (the same bits again), and {@link #sgdStep} lets that call apply
 * plain gradient descent as it writes the gradients.
 */
public final class SmallNetworkPass {
    private final Network network;
    private final List<DenseLayer> layers;
    // for LaneKernels.pairStep: the layers' arrays side by side, and whether every layer is sigmoid or linear
    private final double[][] weights, biases, weightGrads, biasGrads;
    private final int[] widths;
    private final boolean[] sigmoid;
    private final boolean pairable;
    private final Map<Integer, Buffers> buffers = new HashMap<>();
    private Buffers lastUsed;
    private Matrix fixedInput;

    private SmallNetworkPass(Network network) {
        this.network = network;
        this.layers = network.layers();
        int count = layers.size();
        weights = new double[count][];
        biases = new double[count][];
        weightGrads = new double[count][];
        biasGrads = new double[count][];
        sigmoid = new boolean[count];
        boolean all = true;
        for (int l = 0; l < count; l++) {
            DenseLayer layer = layers.get(l);
            weights[l] = layer.weights().value;
            biases[l] = layer.bias().value;
            weightGrads[l] = layer.weights().grad;
            biasGrads[l] = layer.bias().grad;
            sigmoid[l] = layer.activation() == Activation.SIGMOID;
            all &= sigmoid[l] || layer.activation() == Activation.LINEAR;
        }
        widths = network.widths();
        pairable = all;
    }

    /** A pass for {@code network}, or null when one of its layers is large enough for the matrix kernels. */
    public static SmallNetworkPass forNetwork(Network network) {
        for (DenseLayer l : network.layers()) {
            if ((long) l.inputs() * l.outputs() >= Kernels.FAST_THRESHOLD) {
                return null;
            }
        }
        return new SmallNetworkPass(network);
    }

    /** Unit-major work arrays for one batch size: z, a and dL/dz per layer, a[0] being the input. */
    private static final class Buffers {
        final int n;
        final int stride;
        final double[][] a;
        final double[][] z;
        final double[][] d;
        final double[][] derivative;
        final double[] scratch;     // one layer's partial sums over samples
        final double[] perSample;
        final double[] target;      // a target that is not the input, unit-major
        final double[] valid;       // 1.0 for the n samples, 0.0 for the padding lanes
        Matrix lanesHold; // the matrix whose values a[0] holds

        Buffers(int n, Network net) {
            int[] widths = net.widths();
            this.n = n;
            this.stride = LaneKernels.stride(n);
            int layers = widths.length - 1;
            a = new double[layers + 1][];
            z = new double[layers][];
            d = new double[layers + 1][];
            derivative = new double[layers][];
            for (int l = 0; l <= layers; l++) {
                a[l] = new double[widths[l] * stride];
                d[l] = new double[widths[l] * stride];
            }
            int scratchLength = 0;
            for (int l = 0; l < layers; l++) {
                z[l] = new double[widths[l + 1] * stride];
                derivative[l] = new double[widths[l + 1] * stride];
                scratchLength = Math.max(scratchLength, LaneKernels.scratchLength(widths[l], widths[l + 1]));
            }
            scratch = new double[scratchLength];
            perSample = new double[stride];
            target = new double[widths[layers] * stride];
            valid = new double[stride];
            java.util.Arrays.fill(valid, 0, n, 1.0);
        }
    }

    private Buffers buffers(int n) {
        if (lastUsed != null && lastUsed.n == n) {
            return lastUsed;
        }
        Buffers b = buffers.get(n);
        if (b == null) {
            if (buffers.size() >= 4) {
                buffers.clear();
            }
            b = new Buffers(n, network);
            buffers.put(n, b);
        }
        lastUsed = b;
        return b;
    }

    /**
     * One training pass: forward {@code input}, the loss against {@code target}, backward. Adds the
     * batch's summed gradients to the parameters' gradients (+=) and returns the summed loss.
     */
    public double step(Matrix input, Matrix target, Loss loss) {
        return step(input, target, loss, VectorWarmup.useVectors(), false);
    }

    /**
     * As {@link #step}, but sets each parameter's gradient to the batch mean (the summed gradient divided
     * by the batch size: the same bits as zeroing the gradients, {@link #step}, then dividing by the
     * rows), which saves the trainer two passes over the gradients.
     */
    public double meanGradientStep(Matrix input, Matrix target, Loss loss) {
        return step(input, target, loss, VectorWarmup.useVectors(), true);
    }

    /**
     * {@link #meanGradientStep}, then plain gradient descent, {@code w -= rate * g} for every parameter, each
     * as its gradient is written (the same bits as {@code Sgd.step} after the step), so the trainer skips its
     * optimizer's own pass. Returns the summed loss.
     */
    public double sgdStep(Matrix input, Matrix target, Loss loss, double rate) {
        return sgdStep(input, target, loss, rate, VectorWarmup.useVectors());
    }

    double sgdStep(Matrix input, Matrix target, Loss loss, double rate, boolean vector) {
        return step(input, target, loss, vector, true, true, rate);
    }

    /**
     * Promises that {@code x}'s values will not change while this pass is used (full-batch training on
     * fixed data), so steps on it need not copy it into the lanes again. null withdraws the promise.
     */
    public void fixInput(Matrix x) {
        fixedInput = x;
    }

    /** {@link #step} on the vector kernels or the plain loops (the same bits either way). */
    double step(Matrix input, Matrix target, Loss loss, boolean vector) {
        return step(input, target, loss, vector, false);
    }

    /**
     * {@link #step} (or with {@code mean}, {@link #meanGradientStep}) on the vector kernels, in one call of
     * {@link LaneKernels#pairStep} where it applies ({@code pair}) or kernel by kernel: the same bits.
     */
    double vectorStep(Matrix input, Matrix target, Loss loss, boolean mean, boolean pair) {
        return step(input, target, loss, true, mean, pair, 0.0);
    }

    private double step(Matrix input, Matrix target, Loss loss, boolean vector, boolean mean) {
        return step(input, target, loss, vector, mean, true, 0.0);
    }

    /**
     * The step, on {@link LaneKernels#pairStep} where {@code pair} and it runs, kernel by kernel otherwise; with
     * {@code rate} not 0 (only with {@code mean}) gradient descent in the gradients' sweep.
     */
    private double step(Matrix input, Matrix target, Loss loss, boolean vector, boolean mean, boolean pair,
                        double rate) {
        checkTarget(input, target);
        Buffers b = withInput(input);
        int last = layers.size();
        // an autoencoder's target is usually its input, already in the lanes; a separate one (the clean
        // rows of a denoising run) is copied in beside it
        double[] targetLanes = b.a[0];
        if (target != input) {
            LaneKernels.toLanes(target, b.target, b.stride);
            targetLanes = b.target;
        }
        if (vector && pair && pairable && LaneKernels.pairStepRuns(b.stride)) {
            int width = target.cols;
            return LaneKernels.pairStep(weights, biases, weightGrads, biasGrads, widths, sigmoid, b.a, b.derivative, b.d,
                    targetLanes, b.valid, b.n, mean, loss.divisor(width), loss.gradientScale(width), b.scratch,
                    b.perSample, rate);
        }
        forwardLayers(b, vector);
        double sum = loss.sumLanes(b.a[last], targetLanes, target.cols, b.n, b.stride, vector, b.d[last], b.perSample);
        DenseLayer output = layers.get(last - 1);
        if (output.activation() != Activation.LINEAR) { // a linear output's f'(z) is 1.0, and x * 1.0 is x
            LaneKernels.multiply(vector, b.d[last], b.derivative[last - 1], b.d[last], output.outputs() * b.stride);
        }
        // dL/dz of every layer, from the top: dZ below = (W^T dZ) f'(z below); then the layer's weight and bias
        // gradients, sums over samples, from its dZ and its input
        for (int l = last - 1; l >= 0; l--) {
            DenseLayer layer = layers.get(l);
            if (l > 0) {
                LaneKernels.inputGradient(vector, b.d[l + 1], layer.weights().value, layer.inputs(), layer.outputs(),
                        b.stride, b.derivative[l - 1], b.d[l]);
            }
            LaneKernels.layerGradients(vector, b.d[l + 1], b.a[l], layer.inputs(), layer.outputs(), b.stride, b.n, mean,
                    weightGrads[l], biasGrads[l], b.scratch, weights[l], biases[l], rate);
        }
        return sum;
    }

    /** The summed loss of the network reconstructing the rows of x (no gradients). */
    public double lossSum(Matrix x, Loss loss) {
        boolean vector = VectorWarmup.useVectors();
        Buffers b = forward(x, vector);
        return loss.sumLanes(b.a[layers.size()], b.a[0], x.cols, b.n, b.stride, vector, null, b.perSample);
    }

    private void checkTarget(Matrix input, Matrix target) {
        if (target.rows != input.rows || target.cols != network.outputWidth()) {
            throw new IllegalArgumentException("the target must be " + input.rows + " x " + network.outputWidth()
                    + ", found " + target);
        }
    }

    /** Forward pass; leaves every layer's output and f'(z) in the buffers. */
    private Buffers forward(Matrix x, boolean vector) {
        Buffers b = withInput(x);
        forwardLayers(b, vector);
        return b;
    }

    /** The buffers for x's batch size, with x in the input lanes. */
    private Buffers withInput(Matrix x) {
        if (x.cols != network.inputWidth()) {
            throw new IllegalArgumentException("the network takes " + network.inputWidth() + " inputs, found " + x.cols);
        }
        Buffers b = buffers(x.rows);
        if (x != fixedInput || b.lanesHold != x) {
            LaneKernels.toLanes(x, b.a[0], b.stride);
            b.lanesHold = x;
        }
        return b;
    }

    private void forwardLayers(Buffers b, boolean vector) {
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            LaneKernels.affine(vector, layer.weights().value, layer.bias().value, b.a[l], layer.inputs(), layer.outputs(),
                    b.stride, b.z[l]);
            activate(vector, layer.activation(), b.z[l], b.a[l + 1], b.derivative[l], layer.outputs(), b.n, b.stride);
        }
    }

    /** a = f(z) and f'(z) for the first n samples of each of m units (sigmoid and tanh do every lane). */
    private static void activate(boolean vector, Activation f, double[] z, double[] a, double[] derivative, int m, int n,
                                 int stride) {
        if (f == Activation.SIGMOID) {
            LaneKernels.sigmoid(vector, z, a, derivative, m * stride);
        } else if (f == Activation.TANH) {
            LaneKernels.tanh(vector, z, a, derivative, m * stride);
        } else {
            for (int u = 0; u < m; u++) {
                for (int s = u * stride; s < u * stride + n; s++) {
                    double v = f.apply(z[s]);
                    a[s] = v;
                    derivative[s] = f.derivative(z[s], v);
                }
            }
        }
    }
}
