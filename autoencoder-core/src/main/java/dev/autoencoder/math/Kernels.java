package dev.autoencoder.math;

/**
 * The matrix kernels a dense network needs, in plain loops, output last (EJML style).
 *
 * <p>Shapes: a batch is (n x in), a weight matrix is (out x in), so a layer's forward pass is
 * {@code Z = X W^T + b}. Every kernel sums in a fixed order (ascending index), which is what makes
 * results independent of anything but the inputs; the forward sums follow the chapter's
 * {@code w14*I1 + w24*I2 + w34*I3 + b4}, left to right. Layers too large for these loops go to
 * {@link #matmul} (the vector kernel); networks too small for them train on {@link LaneKernels}.
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

    /**
     * out += column sums of a, in ascending row order. a: (n x m), out: (m). The rows are added one at a
     * time onto out (each element still sums its column top to bottom after its old value), so the inner
     * loop walks memory contiguously and the compiler can vectorize it.
     */
    public static void columnSumsAccumulate(Matrix a, double[] out) {
        if (out.length != a.cols) {
            throw new IllegalArgumentException("columnSumsAccumulate: " + a + " into " + out.length);
        }
        int n = a.rows, m = a.cols;
        double[] d = a.data;
        if (VECTOR && ProductWarmup.elementwiseReady(false)) {
            VectorKernels.addColumnSums(d, out, n, m);
            return;
        }
        for (int i = 0; i < n; i++) {
            int o = i * m;
            for (int j = 0; j < m; j++) {
                out[j] += d[o + j];
            }
        }
    }

    /** z (n x m) += b in every row: a layer's bias. */
    public static void addToRows(Matrix z, double[] b) {
        if (b.length != z.cols) {
            throw new IllegalArgumentException("addToRows: " + b.length + " values for " + z);
        }
        double[] d = z.data;
        int m = z.cols;
        if (VECTOR && ProductWarmup.elementwiseReady(false)) {
            VectorKernels.addToRows(d, b, z.rows, m);
            return;
        }
        for (int r = 0, o = 0; r < z.rows; r++, o += m) {
            for (int j = 0; j < m; j++) {
                d[o + j] += b[j];
            }
        }
    }

    /** dz = dOut (1 - a^2) for {@code count} elements: tanh's backward step, as {@code Activation.TANH} computes f'. */
    public static void tanhBackward(double[] dOut, double[] a, double[] dz, int count) {
        for (int i = 0; i < count; i++) {
            dz[i] = dOut[i] * (1.0 - a[i] * a[i]);
        }
    }

    /** Whether the Vector API module is present (run with --add-modules jdk.incubator.vector). */
    public static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("autoencoder.noVector");

    /**
     * Layers with fewer weights than this run in the plain loops above (or, in training, on
     * {@link LaneKernels} when the whole network is that small); larger layers use the vector kernel.
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
        product(a.data, a.cols, 1, b.data, out.data, a.rows, a.cols, b.cols, accumulate);
    }

    /**
     * out = a^T b (or out += a^T b): a (k x n), b (k x m), out (n x m), without copying a. Used for the
     * weight gradient dW = dZ^T x. The same bits as {@code matmul(transpose(a), b, out, accumulate)}
     * (tested): each element is still one ascending-k run of fused multiply-adds from zero.
     */
    public static void matmulTransA(Matrix a, Matrix b, Matrix out, boolean accumulate) {
        check(a.rows == b.rows && out.rows == a.cols && out.cols == b.cols, "matmulTransA", a, b, out);
        product(a.data, 1, a.cols, b.data, out.data, a.cols, a.rows, b.cols, accumulate);
    }

    /**
     * C (n x m) = [C +] A B with A's element (i, p) at a[i * rs + p * cs]: the vector kernel, or without
     * the Vector API {@link #rowFma}; the two give the same bits. Rows are split over
     * {@link Parallel#threads()}. The plain loops also run while {@link ProductWarmup} waits for the vector
     * kernel to be compiled.
     */
    private static void product(double[] a, int rs, int cs, double[] b, double[] c, int n, int k, int m,
                                boolean accumulate) {
        if (VECTOR && ProductWarmup.productReady(false)) {
            // the packed copy of B on one thread only: with two, W2 ran no faster or slower with it (docs/performance.md)
            double[] panel = Parallel.threads() == 1 ? VectorKernels.packed(b, k, m, n) : null;
            Parallel.forRows(n, 4, (long) n * k * m,
                    (from, to) -> VectorKernels.gemmRows(a, rs, cs, b, panel, c, k, m, from, to, accumulate));
        } else {
            Parallel.forRows(n, 4, (long) n * k * m,
                    (from, to) -> rowFma(a, rs, cs, b, c, k, m, from, to, accumulate));
        }
    }

    /**
     * Rows [from, to) of the product in plain loops with the vector kernel's arithmetic: each element a
     * run of {@code Math.fma} over p ascending from 0, then + its old value. The p loop is outside the
     * column loop, so the inner loop walks rows of B and C contiguously. It runs at about 2.3 GFLOP/s on
     * W2's shapes (measured; the JIT's auto-vectorization adds little), a twentieth of the vector kernel:
     * it is the fallback without the Vector API and the stand-in while the vector kernel compiles.
     */
    public static void rowFma(double[] a, int rs, int cs, double[] b, double[] c, int k, int m, int from, int to,
                       boolean accumulate) {
        double[] row = new double[m];
        for (int i = from; i < to; i++) {
            java.util.Arrays.fill(row, 0.0);
            for (int p = 0; p < k; p++) {
                double aip = a[i * rs + p * cs];
                int bp = p * m;
                for (int j = 0; j < m; j++) {
                    row[j] = Math.fma(aip, b[bp + j], row[j]);
                }
            }
            int ci = i * m;
            for (int j = 0; j < m; j++) {
                c[ci + j] = accumulate ? row[j] + c[ci + j] : row[j];
            }
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
        double[] ad = a.data, od = out.data;
        // eight rows at a time: each column of them is written as 8 adjacent values (measured 2-4x faster
        // than 32 x 32 tiles on W2's weights); bands of 8 rows go to threads
        Parallel.forRows(n, 8, 8L * n * m, (from, to) -> {
            int i = from;
            for (; i + 8 <= to; i += 8) {
                for (int j = 0, q = i * m, o = i; j < m; j++, q++, o += n) {
                    od[o] = ad[q];
                    od[o + 1] = ad[q + m];
                    od[o + 2] = ad[q + 2 * m];
                    od[o + 3] = ad[q + 3 * m];
                    od[o + 4] = ad[q + 4 * m];
                    od[o + 5] = ad[q + 5 * m];
                    od[o + 6] = ad[q + 6 * m];
                    od[o + 7] = ad[q + 7 * m];
                }
            }
            for (; i < to; i++) {
                for (int j = 0; j < m; j++) {
                    od[j * n + i] = ad[i * m + j];
                }
            }
        });
    }

    /** tanh of every element: {@link PortableMath#tanh}, on vectors once {@link ProductWarmup} has them compiled. */
    public static void tanh(double[] z, double[] out, int len) {
        if (VECTOR && ProductWarmup.elementwiseReady(false)) {
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
