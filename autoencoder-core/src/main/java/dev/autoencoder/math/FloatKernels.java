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
            Parallel.forRows(n, 4, (long) n * k * m,
                    (from, to) -> FloatVectorKernels.gemmRows(a, rs, cs, b, c, k, m, from, to, accumulate));
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
        final int tile = 32;
        Parallel.forRows(n, tile, 8L * n * m, (from, to) -> {
            for (int i0 = from; i0 < to; i0 += tile) {
                int i1 = Math.min(to, i0 + tile);
                for (int j0 = 0; j0 < m; j0 += tile) {
                    int j1 = Math.min(m, j0 + tile);
                    for (int i = i0; i < i1; i++) {
                        for (int j = j0; j < j1; j++) {
                            out[j * n + i] = a[i * m + j];
                        }
                    }
                }
            }
        });
    }

    public static void tanh(float[] z, float[] out, int len) {
        if (Kernels.VECTOR && ProductWarmup.tanhReady(true)) {
            FloatVectorKernels.tanh(z, out, len);
        } else {
            for (int i = 0; i < len; i++) {
                out[i] = PortableMath.tanh(z[i]);
            }
        }
    }
}
