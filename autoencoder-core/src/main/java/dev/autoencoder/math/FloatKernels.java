package dev.autoencoder.math;

/**
 * The float32 counterparts of {@link Kernels} that float32 training needs: C = A B (or C += A B) in
 * row-major float arrays, with the same per-element order (fused multiply-adds over k ascending from
 * zero, then added to C's old value), a tiled transpose and tanh. Vector API when available.
 */
public final class FloatKernels {
    private FloatKernels() {}

    /** c (n x m) = [c +] a (n x k) b (k x m). */
    public static void matmul(float[] a, float[] b, float[] c, int n, int k, int m, boolean accumulate) {
        product(a, k, 1, b, c, n, k, m, accumulate);
    }

    /** As {@link Kernels}' product: the vector kernel, or without the Vector API row-wise fused multiply-adds. */
    private static void product(float[] a, int rs, int cs, float[] b, float[] c, int n, int k, int m,
                                boolean accumulate) {
        if (Kernels.VECTOR && ProductWarmup.productReady(true)) {
            // the packed copy of B on one thread only: with two, W2 ran no faster or slower with it (docs/performance.md)
            float[] panel = Parallel.threads() == 1 ? FloatVectorKernels.packed(b, k, m, n) : null;
            Parallel.forRows(n, 4, (long) n * k * m,
                    (from, to) -> FloatVectorKernels.gemmRows(a, rs, cs, b, panel, c, k, m, from, to, accumulate));
        } else {
            Parallel.forRows(n, 4, (long) n * k * m, (from, to) -> rowFma(a, rs, cs, b, c, k, m, from, to, accumulate));
        }
    }

    /** {@link Kernels#rowFma} in float32: the vector kernel's arithmetic in plain loops (the same bits). */
    static void rowFma(float[] a, int rs, int cs, float[] b, float[] c, int k, int m, int from, int to,
                       boolean accumulate) {
        float[] row = new float[m];
        for (int i = from; i < to; i++) {
            java.util.Arrays.fill(row, 0f);
            for (int p = 0; p < k; p++) {
                float aip = a[i * rs + p * cs];
                for (int j = 0; j < m; j++) {
                    row[j] = Math.fma(aip, b[p * m + j], row[j]);
                }
            }
            for (int j = 0; j < m; j++) {
                c[i * m + j] = accumulate ? row[j] + c[i * m + j] : row[j];
            }
        }
    }

    /**
     * c (m x n) = [c +] a^T b for a (k x m) and b (k x n), without copying a: the same bits as transposing a
     * and calling {@link #matmul}.
     */
    public static void matmulTransA(float[] a, float[] b, float[] c, int k, int m, int n, boolean accumulate) {
        product(a, 1, m, b, c, m, k, n, accumulate);
    }

    /** The scalar reference for {@link #matmul}, rows [from, to). */
    public static void reference(float[] a, float[] b, float[] c, int n, int k, int m, boolean accumulate,
                                 int from, int to) {
        for (int i = from; i < to; i++) {
            for (int j = 0; j < m; j++) {
                float x = 0f;
                for (int p = 0; p < k; p++) {
                    x = Math.fma(a[i * k + p], b[p * m + j], x);
                }
                c[i * m + j] = accumulate ? x + c[i * m + j] : x;
            }
        }
    }

    /** out (m x n) = a^T, a (n x m). */
    public static void transpose(float[] a, float[] out, int n, int m) {
        // eight rows at a time: each column of them is written as 8 adjacent values (measured 2-4x faster
        // than 32 x 32 tiles on W2's weights); bands of 8 rows go to threads
        Parallel.forRows(n, 8, 8L * n * m, (from, to) -> {
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
        });
    }

    /** z (n x m) += b in every row: a layer's bias. */
    public static void addToRows(float[] z, float[] b, int n, int m) {
        if (Kernels.VECTOR && ProductWarmup.elementwiseReady(true)) {
            FloatVectorKernels.addToRows(z, b, n, m);
            return;
        }
        for (int r = 0, o = 0; r < n; r++, o += m) {
            for (int j = 0; j < m; j++) {
                z[o + j] += b[j];
            }
        }
    }

    /** sums (m) += the column sums of a (n x m), row by row: each column sums top to bottom after its old value. */
    public static void addColumnSums(float[] a, float[] sums, int n, int m) {
        if (Kernels.VECTOR && ProductWarmup.elementwiseReady(true)) {
            FloatVectorKernels.addColumnSums(a, sums, n, m);
            return;
        }
        for (int r = 0, o = 0; r < n; r++, o += m) {
            for (int j = 0; j < m; j++) {
                sums[j] += a[o + j];
            }
        }
    }

    /**
     * dz = dOut f'(z) for tanh, f' = 1 - a^2 as one fused multiply-add in float (1 - a^2 rounded once),
     * which the compiler vectorizes, where a round trip through double did not vectorize and took 17% of a
     * float32 W2 epoch. ({@link Kernels#tanhBackward} is float64's, with {@code Activation.TANH}'s arithmetic.)
     */
    public static void tanhBackward(float[] dOut, float[] a, float[] dz, int count) {
        for (int i = 0; i < count; i++) {
            dz[i] = dOut[i] * Math.fma(-a[i], a[i], 1f);
        }
    }

    public static void tanh(float[] z, float[] out, int len) {
        if (Kernels.VECTOR && ProductWarmup.elementwiseReady(true)) {
            // over the threads in halves (or thirds...) of the array, which for a batch's activations are the
            // same rows each thread's product just wrote; vector and scalar tanh give the same bits
            Parallel.forRows(len, 64, 16L * len, (from, to) -> FloatVectorKernels.tanh(z, out, from, to));
        } else {
            for (int i = 0; i < len; i++) {
                out[i] = PortableMath.tanh(z[i]);
            }
        }
    }
}
