package dev.autoencoder.math;

/**
 * The matrix kernels a dense network needs, in plain loops, output last (EJML style).
 *
 * <p>Shapes: a batch is (n x in), a weight matrix is (out x in), so a layer's forward pass is
 * {@code Z = X W^T + b}. Every kernel sums in a fixed order (ascending index), which is what makes
 * results independent of anything but the inputs, and what makes the chapter's numbers come out to
 * the last bit: the chapter computes {@code w14*I1 + w24*I2 + w34*I3 + b4} left to right, and so
 * do these.
 */
public final class Kernels {
    private Kernels() {}

    /** out = a b^T + bias (row vector). a: (n x k), b: (m x k), bias: (m), out: (n x m). */
    public static void gemmTransBAddBias(Matrix a, Matrix b, double[] bias, Matrix out) {
        check(a.cols == b.cols && out.rows == a.rows && out.cols == b.rows && bias.length == b.rows,
                "gemmTransBAddBias", a, b, out);
        int n = a.rows, k = a.cols, m = b.rows;
        double[] ad = a.data, bd = b.data, od = out.data;
        for (int i = 0; i < n; i++) {
            int ai = i * k;
            for (int j = 0; j < m; j++) {
                int bj = j * k;
                double acc = 0.0;
                for (int p = 0; p < k; p++) {
                    acc += bd[bj + p] * ad[ai + p];
                }
                od[i * m + j] = acc + bias[j];
            }
        }
    }

    /**
     * out = a b. a: (n x m), b: (m x k), out: (n x k). Used for dX = dZ W. Each output element is
     * summed over j in ascending order; the loops run i, j, p so the innermost loop walks rows of b
     * and out contiguously (the same sums, in the same order, as the textbook i, p, j loop).
     */
    public static void gemm(Matrix a, Matrix b, Matrix out) {
        check(a.cols == b.rows && out.rows == a.rows && out.cols == b.cols, "gemm", a, b, out);
        int n = a.rows, m = a.cols, k = b.cols;
        double[] ad = a.data, bd = b.data, od = out.data;
        java.util.Arrays.fill(od, 0, n * k, 0.0);
        for (int i = 0; i < n; i++) {
            int oi = i * k;
            for (int j = 0; j < m; j++) {
                double aij = ad[i * m + j];
                int bj = j * k;
                for (int p = 0; p < k; p++) {
                    od[oi + p] += aij * bd[bj + p];
                }
            }
        }
    }

    /**
     * out += a^T b, summed over rows i in ascending order. a: (n x m), b: (n x k), out: (m x k).
     * The i loop is outermost so the inner loop is contiguous; every element still adds its terms
     * in ascending i, after the value it had.
     */
    public static void gemmTransAAccumulate(Matrix a, Matrix b, double[] out) {
        check(a.rows == b.rows && out.length == a.cols * b.cols, "gemmTransAAccumulate", a, b, null);
        int n = a.rows, m = a.cols, k = b.cols;
        double[] ad = a.data, bd = b.data;
        for (int i = 0; i < n; i++) {
            int bi = i * k;
            for (int j = 0; j < m; j++) {
                double aij = ad[i * m + j];
                int oj = j * k;
                for (int p = 0; p < k; p++) {
                    out[oj + p] += aij * bd[bi + p];
                }
            }
        }
    }

    /** out += column sums of a, in ascending row order. a: (n x m), out: (m). */
    public static void columnSumsAccumulate(Matrix a, double[] out) {
        if (out.length != a.cols) {
            throw new IllegalArgumentException("columnSumsAccumulate: " + a + " into " + out.length);
        }
        int n = a.rows, m = a.cols;
        for (int j = 0; j < m; j++) {
            double acc = out[j];
            for (int i = 0; i < n; i++) {
                acc += a.data[i * m + j];
            }
            out[j] = acc;
        }
    }

    /** Whether the Vector API module is present (run with --add-modules jdk.incubator.vector). */
    public static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("autoencoder.noVector");

    /**
     * Layers with fewer weights than this run in the plain loops above, which keep the chapter's
     * order of operations (and so its numbers to the last bit); larger layers use the vector kernel.
     * The choice depends on the layer alone, never on the batch, so a row's result is the same
     * whatever batch or block it is computed in.
     */
    public static final long FAST_THRESHOLD = 512;

    /** Whether a layer of k inputs and m outputs takes the fast path (n, the batch size, plays no part). */
    public static boolean fast(int n, int k, int m) {
        return VECTOR && (long) k * m >= FAST_THRESHOLD;
    }

    /**
     * out = a b (or out += a b): a (n x k), b (k x m), out (n x m), all row-major. Vector kernel when
     * available (rows split over {@link Parallel#threads()}), fused multiply-adds in ascending k per
     * element otherwise: either way equal to {@link #fmaReference} bit for bit.
     */
    public static void matmul(Matrix a, Matrix b, Matrix out, boolean accumulate) {
        check(a.cols == b.rows && out.rows == a.rows && out.cols == b.cols, "matmul", a, b, out);
        int n = a.rows, k = a.cols, m = b.cols;
        if (VECTOR) {
            Parallel.forRows(n, 6, (long) n * k * m,
                    (from, to) -> VectorKernels.gemmRows(a.data, b.data, out.data, k, m, from, to, accumulate));
        } else {
            fmaReference(a, b, out, accumulate);
        }
    }

    /** The reference for {@link #matmul}: per element, Math.fma over k in ascending order from 0, then + old value. */
    public static void fmaReference(Matrix a, Matrix b, Matrix out, boolean accumulate) {
        int n = a.rows, k = a.cols, m = b.cols;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double x = 0.0;
                for (int p = 0; p < k; p++) {
                    x = Math.fma(a.data[i * k + p], b.data[p * m + j], x);
                }
                out.data[i * m + j] = accumulate ? x + out.data[i * m + j] : x;
            }
        }
    }

    /** out = a^T: a (n x m), out (m x n). */
    public static void transpose(Matrix a, Matrix out) {
        check(out.rows == a.cols && out.cols == a.rows, "transpose", a, a, out);
        int n = a.rows, m = a.cols;
        final int tile = 32; // tiles keep both the reads and the writes in cache
        for (int i0 = 0; i0 < n; i0 += tile) {
            int i1 = Math.min(n, i0 + tile);
            for (int j0 = 0; j0 < m; j0 += tile) {
                int j1 = Math.min(m, j0 + tile);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        out.data[j * n + i] = a.data[i * m + j];
                    }
                }
            }
        }
    }

    /** tanh of every element (vectorized when available). */
    public static void tanh(double[] z, double[] out, int len) {
        if (VECTOR) {
            VectorKernels.tanh(z, out, len);
        } else {
            for (int i = 0; i < len; i++) {
                out[i] = PortableMath.tanh(z[i]);
            }
        }
    }

    /** Per-row mean squared difference between two matrices of the same shape. */
    public static double[] rowMeanSquaredErrors(Matrix a, Matrix b) {
        double[] s = new double[a.rows];
        for (int r = 0; r < a.rows; r++) {
            double acc = 0;
            for (int c = 0; c < a.cols; c++) {
                double d = a.data[r * a.cols + c] - b.data[r * b.cols + c];
                acc += d * d;
            }
            s[r] = acc / a.cols;
        }
        return s;
    }

    private static void check(boolean ok, String op, Matrix a, Matrix b, Matrix out) {
        if (!ok) {
            throw new IllegalArgumentException(op + ": shapes do not fit: " + a + ", " + b
                    + (out == null ? "" : " -> " + out));
        }
    }
}
