package dev.autoencoder.math;

/**
 * Kernels for small layers with the batch along the vector lanes: a layer's values are stored
 * unit-major, unit u's value for sample s at {@code data[u * stride + s]}, where {@code stride} is
 * the batch size rounded up to the lane count (the padding lanes compute harmless values that
 * nothing reads back). A 3-2-1-2-3 network on 12 samples then does two vector operations per weight
 * instead of twelve scalar ones, and no call pays for tiling or threads.
 *
 * <p>Every element is the same sequence of IEEE operations as in the row-major plain loops of
 * {@link Kernels} (a product, then an addition, never fused, in ascending index from 0.0), so a
 * network computed here equals one computed there bit for bit, with or without the Vector API.
 */
public final class LaneKernels {
    private LaneKernels() {}

    /** The unit stride for a batch of n samples: n rounded up to the vector lane count. */
    public static int stride(int n) {
        int lanes = Kernels.VECTOR ? VectorKernels.lanes() : 1;
        return (n + lanes - 1) / lanes * lanes;
    }

    /**
     * z = W x + b for every sample: z[j][s] = (0.0 + w[j,0] x[0][s] + ... + w[j,k-1] x[k-1][s]) + b[j].
     * w is (m x k) row-major; x has k units, z has m units, both with the given stride.
     */
    public static void affine(double[] w, double[] b, double[] x, int k, int m, int stride, double[] z) {
        if (Kernels.VECTOR) {
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
     * dX = W^T dZ for every sample: dx[i][s] = 0.0 + dz[0][s] w[0,i] + ... + dz[m-1][s] w[m-1,i]
     * (the order of {@link Kernels#gemm}).
     */
    public static void inputGradient(double[] dz, double[] w, int k, int m, int stride, double[] dx) {
        if (Kernels.VECTOR) {
            VectorKernels.laneInputGradient(dz, w, k, m, stride, dx);
            return;
        }
        for (int i = 0; i < k; i++) {
            int xi = i * stride;
            for (int s = 0; s < stride; s++) {
                double acc = 0.0;
                for (int j = 0; j < m; j++) {
                    acc += dz[j * stride + s] * w[j * k + i];
                }
                dx[xi + s] = acc;
            }
        }
    }

    /**
     * a = sigmoid(z) and d = a (1 - a) for the first len values, len a multiple of the lane count (the
     * same bits as {@link PortableMath#sigmoid} and {@code Activation.SIGMOID}'s derivative).
     */
    public static void sigmoid(double[] z, double[] a, double[] d, int len) {
        if (Kernels.VECTOR) {
            VectorKernels.sigmoidAndDerivative(z, a, d, len);
            return;
        }
        for (int i = 0; i < len; i++) {
            double v = PortableMath.sigmoid(z[i]);
            a[i] = v;
            d[i] = v * (1.0 - v);
        }
    }

    /** out[i] = a[i] * b[i] for i < len (element-wise, as {@code dZ = dA * f'(z)}). */
    public static void multiply(double[] a, double[] b, double[] out, int len) {
        if (Kernels.VECTOR) {
            VectorKernels.laneMultiply(a, b, out, len);
            return;
        }
        for (int i = 0; i < len; i++) {
            out[i] = a[i] * b[i];
        }
    }

    /**
     * acc[p] += sum over the first n samples of left[p][leftAt[p] + s] * right[p][rightAt[p] + s], added in
     * ascending sample order after the old value: the order of {@link Kernels#gemmTransAAccumulate} and,
     * with a right-hand unit of ones (x * 1.0 is x exactly), of {@link Kernels#columnSumsAccumulate}.
     *
     * <p>A sum over samples is a sum across lanes, so it stays scalar: that keeps the order, and with it
     * the bits. One such sum alone is a chain of dependent additions that leaves the core idle, so
     * the sums for a whole network's weights and biases are handed over at once and run four side by side.
     */
    public static void pairSums(double[][] left, int[] leftAt, double[][] right, int[] rightAt, int n, double[] acc) {
        int p = 0;
        for (; p + 4 <= acc.length; p += 4) {
            double[] l0 = left[p], l1 = left[p + 1], l2 = left[p + 2], l3 = left[p + 3];
            double[] r0 = right[p], r1 = right[p + 1], r2 = right[p + 2], r3 = right[p + 3];
            int i0 = leftAt[p], i1 = leftAt[p + 1], i2 = leftAt[p + 2], i3 = leftAt[p + 3];
            int j0 = rightAt[p], j1 = rightAt[p + 1], j2 = rightAt[p + 2], j3 = rightAt[p + 3];
            double a0 = acc[p], a1 = acc[p + 1], a2 = acc[p + 2], a3 = acc[p + 3];
            for (int s = 0; s < n; s++) {
                a0 += l0[i0 + s] * r0[j0 + s];
                a1 += l1[i1 + s] * r1[j1 + s];
                a2 += l2[i2 + s] * r2[j2 + s];
                a3 += l3[i3 + s] * r3[j3 + s];
            }
            acc[p] = a0;
            acc[p + 1] = a1;
            acc[p + 2] = a2;
            acc[p + 3] = a3;
        }
        for (; p < acc.length; p++) {
            double[] l = left[p], r = right[p];
            int i = leftAt[p], j = rightAt[p];
            double a = acc[p];
            for (int s = 0; s < n; s++) {
                a += l[i + s] * r[j + s];
            }
            acc[p] = a;
        }
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
