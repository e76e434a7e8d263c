package dev.autoencoder.kernel;

import dev.autoencoder.nn.Activation;
import java.util.Arrays;

/**
 * The reference kernels in float64: plain loops over arrays, output last, each over a range of rows or
 * elements so that {@link PlainOps} can split the work among threads. Every output element is computed
 * whole by one call, in a fixed order, so results never depend on the split. {@code FloatKernels} is
 * generated from this file at build time (double becomes float), so there is one source to fix.
 *
 * <p>A product element is one run of fused multiply-adds over the inner index in ascending order,
 * starting from 0: exactly what the vector kernels compute, so the two give the same bits.
 */
final class DoubleKernels {
    private DoubleKernels() {}

    /**
     * Rows [from, to) of C (n x m) = A B, A's element (i, p) at a[i * rs + p * cs] (so either A or its
     * transpose), B (k x m) row-major.
     */
    static void product(double[] a, int rs, int cs, double[] b, double[] c, int k, int m, int from, int to) {
        if (m < 16) {
            // one element at a time: each a run of fused multiply-adds
            for (int i = from; i < to; i++) {
                for (int j = 0; j < m; j++) {
                    double x = 0.0;
                    for (int p = 0, ai = i * rs, bj = j; p < k; p++, bj += m) {
                        x = Math.fma(a[ai + p * cs], b[bj], x);
                    }
                    c[i * m + j] = x;
                }
            }
            return;
        }
        // a row of C at a time, so the inner loop walks rows of B contiguously: the same runs
        for (int i = from; i < to; i++) {
            int ci = i * m;
            Arrays.fill(c, ci, ci + m, 0.0);
            for (int p = 0; p < k; p++) {
                double aip = a[i * rs + p * cs];
                int bp = p * m;
                for (int j = 0; j < m; j++) {
                    c[ci + j] = Math.fma(aip, b[bp + j], c[ci + j]);
                }
            }
        }
    }

    /**
     * Rows [from, to) of C (n x m) = A B^T, A as in {@link #product}, B (m x k) row-major: the same sums in
     * the same order as {@link #product} of B's transpose, without making it.
     */
    static void productTransB(double[] a, int rs, int cs, double[] b, double[] c, int k, int m, int from, int to) {
        for (int i = from; i < to; i++) {
            for (int j = 0; j < m; j++) {
                double x = 0.0;
                for (int p = 0, bj = j * k; p < k; p++) {
                    x = Math.fma(a[i * rs + p * cs], b[bj + p], x);
                }
                c[i * m + j] = x;
            }
        }
    }

    /**
     * Rows [from, to) of a (n x m) into out = a^T (m x n), eight rows at a time, so each column of them is
     * written as 8 adjacent values.
     */
    static void transpose(double[] a, double[] out, int n, int m, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            for (int j = 0, q = i * m, o = i; j < m; j++, q++, o += n) {
                out[o] = a[q];
                out[o + 1] = a[q + m];
                out[o + 2] = a[q + 2 * m];
                out[o + 3] = a[q + 3 * m];
                out[o + 4] = a[q + 4 * m];
                out[o + 5] = a[q + 5 * m];
                out[o + 6] = a[q + 6 * m];
                out[o + 7] = a[q + 7 * m];
            }
        }
        for (; i < to; i++) {
            for (int j = 0; j < m; j++) {
                out[j * n + i] = a[i * m + j];
            }
        }
    }

    /** z (n x m) += b in every row. */
    static void addToRows(double[] z, double[] b, int n, int m) {
        for (int r = 0, o = 0; r < n; r++, o += m) {
            for (int j = 0; j < m; j++) {
                z[o + j] += b[j];
            }
        }
    }

    /** sums (m) = the column sums of a (n x m), each column added top to bottom from 0. */
    static void columnSums(double[] a, double[] sums, int n, int m) {
        Arrays.fill(sums, 0, m, 0.0);
        for (int r = 0, o = 0; r < n; r++, o += m) {
            for (int j = 0; j < m; j++) {
                sums[j] += a[o + j];
            }
        }
    }

    /** a = f(z) for elements [from, to). */
    static void activate(Activation f, double[] z, double[] a, int from, int to) {
        switch (f) {
            case TANH -> {
                for (int i = from; i < to; i++) {
                    a[i] = PortableMath.tanh(z[i]);
                }
            }
            case SIGMOID -> {
                for (int i = from; i < to; i++) {
                    a[i] = PortableMath.sigmoid(z[i]);
                }
            }
            case LINEAR -> System.arraycopy(z, from, a, from, to - from);
            default -> {
                for (int i = from; i < to; i++) {
                    a[i] = (double) f.apply(z[i]);
                }
            }
        }
    }

    /** dZ = dA f'(z) for elements [from, to), f' from z and a = f(z) as {@link Activation#derivative} has it. */
    static void activationBackward(Activation f, double[] z, double[] a, double[] dA, double[] dZ, int from, int to) {
        switch (f) {
            case TANH -> {
                for (int i = from; i < to; i++) {
                    dZ[i] = dA[i] * (1.0 - a[i] * a[i]);
                }
            }
            case SIGMOID -> {
                for (int i = from; i < to; i++) {
                    dZ[i] = dA[i] * (a[i] * (1.0 - a[i]));
                }
            }
            case LINEAR -> System.arraycopy(dA, from, dZ, from, to - from);
            default -> {
                for (int i = from; i < to; i++) {
                    dZ[i] = dA[i] * (double) f.derivative(z[i], a[i]);
                }
            }
        }
    }

    /**
     * Each row's loss (0.0 + d_0^2 + d_1^2 + ...) / divisor, d_j = out_j - target_j, into rowLoss; with grad not
     * null also grad_j = scale d_j. out, target and grad are (n x w).
     */
    static void loss(double[] out, double[] target, double[] grad, int n, int w, double divisor, double scale,
                     double[] rowLoss) {
        for (int r = 0, o = 0; r < n; r++, o += w) {
            double acc = 0.0;
            for (int j = 0; j < w; j++) {
                double d = out[o + j] - target[o + j];
                acc += d * d;
                if (grad != null) {
                    grad[o + j] = scale * d;
                }
            }
            rowLoss[r] = acc / divisor;
        }
    }

    /** t /= by, element by element. */
    static void divide(double[] t, double by) {
        for (int i = 0; i < t.length; i++) {
            t[i] /= by;
        }
    }

    /** Plain gradient descent: w -= rate g. */
    static void sgd(double[] w, double[] g, double rate) {
        for (int i = 0; i < w.length; i++) {
            w[i] -= rate * g[i];
        }
    }

    /** Momentum (PyTorch's form): v = mu v + g; w -= rate v, or with Nesterov w -= rate (g + mu v). */
    static void momentum(double[] w, double[] g, double[] v, double rate, double mu, boolean nesterov) {
        for (int i = 0; i < w.length; i++) {
            v[i] = mu * v[i] + g[i];
            w[i] -= rate * (nesterov ? g[i] + mu * v[i] : v[i]);
        }
    }

    /**
     * Adam for elements [from, to): g' = g + l2 w; m = b1 m + (1 - b1) g'; v = b2 v + (1 - b2) g'^2;
     * w = w decay - stepSize m / (sqrt(v) inverseRootC2 + eps) (see {@link AdamStep}).
     */
    static void adam(double[] w, double[] g, double[] m, double[] v, int from, int to, double b1, double b2,
                     double eps, double l2, double decay, double stepSize, double inverseRootC2) {
        double c1 = 1.0 - b1, c2 = 1.0 - b2;
        for (int i = from; i < to; i++) {
            double gi = g[i] + l2 * w[i];
            m[i] = b1 * m[i] + c1 * gi;
            v[i] = b2 * v[i] + c2 * gi * gi;
            w[i] = w[i] * decay - stepSize * m[i] / ((double) Math.sqrt(v[i]) * inverseRootC2 + eps);
        }
    }

    /** dst's rows = src's rows order[from], order[from + 1], ... (dst.length / w of them). */
    static void gatherRows(double[] src, int[] order, int from, double[] dst, int w) {
        for (int r = 0, o = 0; o < dst.length; r++, o += w) {
            System.arraycopy(src, order[from + r] * w, dst, o, w);
        }
    }
}
