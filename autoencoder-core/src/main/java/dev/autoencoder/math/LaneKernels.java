package dev.autoencoder.math;

/**
 * Kernels for small layers with the batch along the vector lanes: a layer's values are stored
 * unit-major, unit u's value for sample s at {@code data[u * stride + s]}, where {@code stride} is
 * the batch size rounded up to a multiple of 8 ({@link #stride}; the padding lanes compute harmless
 * values that nothing reads back). A 3-2-1-2-3 network on 12 samples then does two vector operations per weight
 * instead of twelve scalar ones, and no call pays for tiling or threads.
 *
 * <p>The forward pass and the input gradients are, element for element, the same sequence of IEEE
 * operations as the row-major plain loops of {@link Kernels} (a product, then an addition, never fused,
 * in ascending index from 0.0), so they equal those bit for bit. Sums over the samples (the weight and
 * bias gradients) use eight partial sums in a fixed order instead ({@link #layerGradients}): the same bits
 * on every machine and thread count, but not the row-major loops' bits.
 *
 * <p>Each kernel takes {@code vector}: true for the Vector API code (only when {@link #vectorAvailable()}),
 * false for plain loops. The two give the same bits (tested), so a caller may switch between them at
 * any step; see {@link VectorWarmup} for why it would.
 */
public final class LaneKernels {
    private LaneKernels() {}

    /** Whether the Vector API versions can run here (the module is present, with 4 or 8 double lanes). */
    public static boolean vectorAvailable() {
        return Kernels.VECTOR && (VectorKernels.lanes() == 4 || VectorKernels.lanes() == 8);
    }

    /**
     * The unit stride for a batch of n samples: n rounded up to a multiple of {@link #PARTIALS}, which is
     * also a multiple of the lane count (2, 4 or 8 doubles), with or without the Vector API.
     */
    public static int stride(int n) {
        return (n + PARTIALS - 1) / PARTIALS * PARTIALS;
    }

    /**
     * z = W x + b for every sample: z[j][s] = (0.0 + w[j,0] x[0][s] + ... + w[j,k-1] x[k-1][s]) + b[j].
     * w is (m x k) row-major; x has k units, z has m units, both with the given stride.
     */
    public static void affine(boolean vector, double[] w, double[] b, double[] x, int k, int m, int stride, double[] z) {
        if (vector) {
            VectorKernels.laneAffine(w, b, x, k, m, stride, z);
            return;
        }
        for (int j = 0; j < m; j++) {
            int zj = j * stride;
            for (int s = 0; s < stride; s++) {
                double acc = 0.0;
                for (int i = 0; i < k; i++) {
                    acc += w[j * k + i] * x[i * stride + s];
                }
                z[zj + s] = acc + b[j];
            }
        }
    }

    /**
     * dL/dz of the layer below, for every sample: dx[i][s] = (0.0 + dz[0][s] w[0,i] + ... + dz[m-1][s] w[m-1,i])
     * * derivative[i][s], that is W^T dZ (in the order of {@link Kernels#gemm}) times f'(z) of the units below,
     * element by element: the same bits as the two steps one after the other.
     */
    public static void inputGradient(boolean vector, double[] dz, double[] w, int k, int m, int stride,
                                     double[] derivative, double[] dx) {
        if (vector) {
            VectorKernels.laneInputGradient(dz, w, k, m, stride, derivative, dx);
            return;
        }
        for (int i = 0; i < k; i++) {
            int xi = i * stride;
            for (int s = 0; s < stride; s++) {
                double acc = 0.0;
                for (int j = 0; j < m; j++) {
                    acc += dz[j * stride + s] * w[j * k + i];
                }
                dx[xi + s] = acc * derivative[xi + s];
            }
        }
    }

    /**
     * a = sigmoid(z) and d = a (1 - a) for the first len values, len a multiple of the lane count (the
     * same bits as {@link PortableMath#sigmoid} and {@code Activation.SIGMOID}'s derivative).
     */
    public static void sigmoid(boolean vector, double[] z, double[] a, double[] d, int len) {
        if (vector) {
            VectorKernels.sigmoidAndDerivative(z, a, d, len);
            return;
        }
        for (int i = 0; i < len; i++) {
            double v = PortableMath.sigmoid(z[i]);
            a[i] = v;
            d[i] = v * (1.0 - v);
        }
    }

    /** a = tanh(z) and d = 1 - a^2 for the first len values (the same bits as {@link PortableMath#tanh}). */
    public static void tanh(boolean vector, double[] z, double[] a, double[] d, int len) {
        if (vector) {
            VectorKernels.tanh(z, a, len);
        } else {
            for (int i = 0; i < len; i++) {
                a[i] = PortableMath.tanh(z[i]);
            }
        }
        for (int i = 0; i < len; i++) {
            d[i] = 1.0 - a[i] * a[i];
        }
    }

    /** out[i] = a[i] * b[i] for i < len (element-wise, as {@code dZ = dA * f'(z)}). */
    public static void multiply(boolean vector, double[] a, double[] b, double[] out, int len) {
        if (vector) {
            VectorKernels.laneMultiply(a, b, out, len);
            return;
        }
        for (int i = 0; i < len; i++) {
            out[i] = a[i] * b[i];
        }
    }

    /**
     * Whether {@link #pairStep} runs here for this stride: the Vector API with 8 double lanes (AVX-512) or 4
     * (AVX2), and a stride of 16 (9 to 16 samples, the chapter's 12).
     */
    public static boolean pairStepRuns(int stride) {
        return vectorAvailable() && stride == VectorKernels.PAIR_STRIDE;
    }

    /**
     * A whole training step of a network whose layers are each sigmoid ({@code sigmoid[l]}) or linear, on the
     * lanes, in one call (only where {@link #pairStepRuns}): forward through every layer (a[l + 1] and f'(z) in
     * fprime[l], 1.0 for a linear layer), the squared-error loss against {@code target} with the given divisor
     * and gradient scale, then dL/dz of every layer in d and the weight and bias gradients, as
     * {@link #layerGradients} writes them. valid[s] is 1.0 for the n samples and 0.0 for the padding lanes.
     * The same bits as {@link #affine}, {@link #sigmoid}, {@link #squaredError}, {@link #multiply},
     * {@link #inputGradient} and {@link #layerGradients} one after the other (tested); returns the summed loss.
     * With {@code rate} not 0 it also takes a plain gradient-descent step as {@link #layerGradients} does.
     */
    public static double pairStep(double[][] w, double[][] bias, double[][] gw, double[][] gb, int[] widths,
                                  boolean[] sigmoid, double[][] a, double[][] fprime, double[][] d, double[] target,
                                  double[] valid, int n, boolean mean, double divisor, double scale, double[] scratch,
                                  double[] perSample, double rate) {
        return VectorKernels.pairStep(w, bias, gw, gb, widths, sigmoid, a, fprime, d, target, valid, n, mean, divisor,
                scale, scratch, perSample, rate);
    }

    /** Sums over samples are kept as this many partial sums (see {@link #layerGradients}). */
    public static final int PARTIALS = 8;

    /** The scratch length {@link #layerGradients} needs for a layer of k inputs and m units. */
    public static int scratchLength(int k, int m) {
        return m * (k + 1) * PARTIALS;
    }

    /**
     * A layer's weight and bias gradients, summed over the samples: for unit j and input i, the sum of
     * dz[j][s] x[i][s], and for bias j the sum of dz[j][s]. With {@code mean} they are written as
     * gw[j k + i] = (0.0 + sum) / n and gb[j] = (0.0 + sum) / n (the batch mean); otherwise added to what
     * gw and gb hold. Padding lanes of dz must hold 0. scratch holds {@link #scratchLength} values.
     *
     * <p>The order is fixed and the same on every machine, with or without the Vector API: sample s goes to
     * partial sum s mod 8 (each summed in ascending s from 0.0), and the partial sums are added as
     * ((P0 + P1) + (P2 + P3)) + ((P4 + P5) + (P6 + P7)). Eight partial sums are one AVX-512 vector (two
     * AVX2 ones), so a sum over samples runs a vector at a time where a single running sum would be a chain
     * of dependent scalar additions.
     */
    public static void layerGradients(boolean vector, double[] dz, double[] x, int k, int m, int stride, int n,
                                      boolean mean, double[] gw, double[] gb, double[] scratch) {
        layerGradients(vector, dz, x, k, m, stride, n, mean, gw, gb, scratch, null, null, 0.0);
    }

    /**
     * {@link #layerGradients}, then, with {@code rate} not 0, a plain gradient-descent step on the layer's
     * weights w and biases b as each gradient is written: w -= rate g, the same bits as {@code Sgd.step}
     * after the step.
     */
    public static void layerGradients(boolean vector, double[] dz, double[] x, int k, int m, int stride, int n,
                                      boolean mean, double[] gw, double[] gb, double[] scratch, double[] w, double[] b,
                                      double rate) {
        if (vector) {
            VectorKernels.layerPartials(dz, x, k, m, stride, scratch);
        } else {
            layerPartialsReference(dz, x, k, m, stride, scratch);
        }
        finishGradients(scratch, k, m, n, mean, gw, gb, w, b, rate);
    }

    /**
     * The second half of {@link #layerGradients}: each gradient from its 8 partial sums in scratch, written
     * as the batch mean or added to, and with {@code rate} not 0 the descent step on w and b.
     */
    static void finishGradients(double[] scratch, int k, int m, int n, boolean mean, double[] gw, double[] gb,
                                double[] w, double[] b, double rate) {
        for (int j = 0; j < m; j++) {
            int o = j * (k + 1) * PARTIALS;
            for (int i = 0; i < k; i++) {
                double sum = treeSum(scratch, o + i * PARTIALS);
                double v = mean ? (0.0 + sum) / n : gw[j * k + i] + sum;
                gw[j * k + i] = v;
                if (rate != 0.0) {
                    w[j * k + i] -= rate * v;
                }
            }
            double sum = treeSum(scratch, o + k * PARTIALS);
            double v = mean ? (0.0 + sum) / n : gb[j] + sum;
            gb[j] = v;
            if (rate != 0.0) {
                b[j] -= rate * v;
            }
        }
    }

    /**
     * The partial sums of {@link #layerGradients} one value at a time, the reference the vector version must
     * equal bit for bit: for unit j, the 8 partial sums of input i at scratch[(j (k + 1) + i) 8], then the
     * bias's at i = k.
     */
    static void layerPartialsReference(double[] dz, double[] x, int k, int m, int stride, double[] scratch) {
        for (int j = 0; j < m; j++) {
            for (int i = 0; i <= k; i++) {
                int o = (j * (k + 1) + i) * PARTIALS;
                java.util.Arrays.fill(scratch, o, o + PARTIALS, 0.0);
                for (int s = 0; s < stride; s++) {
                    double d = dz[j * stride + s];
                    scratch[o + s % PARTIALS] += i < k ? d * x[i * stride + s] : d;
                }
            }
        }
    }

    /** ((x0 + x1) + (x2 + x3)) + ((x4 + x5) + (x6 + x7)) from x[at]. */
    static double treeSum(double[] x, int at) {
        return ((x[at] + x[at + 1]) + (x[at + 2] + x[at + 3])) + ((x[at + 4] + x[at + 5]) + (x[at + 6] + x[at + 7]));
    }

    /**
     * The summed squared-error loss of n samples, with output o and target x both unit-major (w units):
     * sample s's loss is (0.0 + d_0^2 + d_1^2 + ...) / divisor with d_j = o_j - x_j, summed over s in
     * ascending order; with grad not null, grad_j = scale * d_j for s < n and 0 in the padding lanes.
     * The per-sample losses are left in perSample (length stride).
     */
    public static double squaredError(boolean vector, double[] o, double[] x, int w, int n, int stride, double divisor,
                                      double scale, double[] grad, double[] perSample) {
        if (vector) {
            VectorKernels.laneSquaredError(o, x, w, stride, divisor, scale, grad, perSample);
            if (grad != null) {
                for (int j = 0; j < w; j++) {
                    java.util.Arrays.fill(grad, j * stride + n, (j + 1) * stride, 0.0);
                }
            }
        } else {
            for (int s = 0; s < n; s++) {
                double acc = 0.0;
                for (int j = 0; j < w; j++) {
                    double d = o[j * stride + s] - x[j * stride + s];
                    acc += d * d;
                    if (grad != null) {
                        grad[j * stride + s] = scale * d;
                    }
                }
                perSample[s] = acc / divisor;
            }
        }
        double sum = 0.0;
        for (int s = 0; s < n; s++) {
            sum += perSample[s];
        }
        return sum;
    }

    /** Row-major (n x w) matrix into unit-major lanes; padding lanes are left as they are. */
    public static void toLanes(Matrix rows, double[] lanes, int stride) {
        int n = rows.rows, w = rows.cols;
        for (int s = 0; s < n; s++) {
            for (int u = 0; u < w; u++) {
                lanes[u * stride + s] = rows.data[s * w + u];
            }
        }
    }
}
