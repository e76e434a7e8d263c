package dev.autoencoder.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float64 kernels on the JDK Vector API that the plain loops cannot match: the matrix product, and the
 * bias and column-sum loops (which C2 does not vectorize, since it cannot tell the arrays apart).
 * {@code FloatVectorKernels} is generated from this file at build time.
 *
 * <p>The product C = A B runs in register blocks of 4 rows by 4 vectors (16 accumulators; on AVX-512 a
 * 4 x 32 tile of C in float64), or 4 by 3 where vectors are narrower than 512 bits (AVX2 has 16 vector
 * registers), so each loaded piece of B feeds four rows of A. Every element of C is one run of fused
 * multiply-adds over k in ascending order from 0, whatever block, lane or thread computes it: the same bits
 * as {@link DoubleKernels#product}.
 * Loaded only when the {@code jdk.incubator.vector} module is present.
 */
final class DoubleVectorKernels {
    private DoubleVectorKernels() {}

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Vectors narrower than 512 bits (AVX2): 16 vector registers, so the 4 x 3 block instead of 4 x 4. */
    private static final boolean NARROW = S.vectorBitSize() < 512;

    /** Values in one vector. */
    static int lanes() {
        return L;
    }

    /** Columns of C (and of B) in one 4 x 4 block. */
    private static final int W = 4 * L;
    /** This thread's buffer for the packed copy of B, grown to the largest product it has done. */
    private static final ThreadLocal<double[]> PANEL = ThreadLocal.withInitial(() -> new double[0]);

    /**
     * Rows [rowFrom, rowTo) of C (M x N) = A B where A's element (i, p) is a[i * rs + p * cs]: (k, 1) for a
     * row-major A, (1, M) for the transpose of a row-major (K x M) matrix, which saves copying it. With
     * 512-bit vectors, B's columns go in strips of 4 vectors, each strip's rows copied next to each other (a
     * block then reads B contiguously; each thread copies B for its own rows), and every 4-row block of a
     * strip runs before the next strip, so the strip stays in the nearest cache. Other blocks are 4 rows by
     * 3 (AVX2), 2 or 1 vectors; rows left over go one at a time. Every block computes its piece of C from
     * zero and stores it; none holds a branch, so each compiles to one straight loop of fused multiply-adds.
     */
    static void product(double[] a, int rs, int cs, double[] b, double[] c, int k, int n, int rowFrom, int rowTo) {
        int strips = NARROW || rowTo - rowFrom < 4 ? 0 : n / W;
        int rows = rowFrom + (rowTo - rowFrom) / 4 * 4;
        if (strips > 0) {
            double[] panel = PANEL.get();
            if (panel.length < strips * k * W) {
                panel = new double[strips * k * W];
                PANEL.set(panel);
            }
            for (int s = 0; s < strips; s++) {
                for (int p = 0; p < k; p++) {
                    System.arraycopy(b, p * n + s * W, panel, (s * k + p) * W, W);
                }
            }
            for (int s = 0; s < strips; s++) {
                for (int i = rowFrom; i < rows; i += 4) {
                    block4x4(a, rs, cs, panel, s * k * W, W, k, i, c, i * n + s * W, n);
                }
            }
        }
        int i = rowFrom;
        for (; i < rows; i += 4) {
            int j = strips * W;
            if (NARROW) { // 3 vectors at a time, but 4 left take one 4 x 4 block, not a 4 x 3 and a 4 x 1
                for (; j + 3 * L <= n && n - j != 4 * L; j += 3 * L) {
                    block4x3(a, rs, cs, b, j, n, k, i, c, i * n + j, n);
                }
            }
            for (; j + 4 * L <= n; j += 4 * L) {
                block4x4(a, rs, cs, b, j, n, k, i, c, i * n + j, n);
            }
            for (; j + 2 * L <= n; j += 2 * L) {
                block4x2(a, rs, cs, b, j, n, k, i, c, i * n + j, n);
            }
            for (; j + L <= n; j += L) {
                block4x1(a, rs, cs, b, j, n, k, i, c, i * n + j, n);
            }
            for (int r = i; r < i + 4; r++) {
                scalarTail(a, rs, cs, b, c, k, n, r, j);
            }
        }
        for (; i < rowTo; i++) {
            int j = 0;
            for (; j + 4 * L <= n; j += 4 * L) {
                block1x4(a, rs, cs, b, j, n, k, i, c, i * n + j);
            }
            for (; j + L <= n; j += L) {
                block1x1(a, rs, cs, b, j, n, k, i, c, i * n + j);
            }
            scalarTail(a, rs, cs, b, c, k, n, i, j);
        }
    }

    /**
     * The 4 x 4-vector block of A B from zero: rows i..i+3 of A times the 4 vectors of B's columns read at
     * b[bj + p * bn] (B itself, or its packed copy), stored at c[co + r * n + v * L] for row r and vector v (C is n wide).
     */
    private static void block4x4(double[] a, int rs, int cs, double[] b, int bj, int bn, int k, int i, double[] c, int co, int n) {
        DoubleVector x00 = DoubleVector.zero(S), x01 = DoubleVector.zero(S), x02 = DoubleVector.zero(S), x03 = DoubleVector.zero(S);
        DoubleVector x10 = DoubleVector.zero(S), x11 = DoubleVector.zero(S), x12 = DoubleVector.zero(S), x13 = DoubleVector.zero(S);
        DoubleVector x20 = DoubleVector.zero(S), x21 = DoubleVector.zero(S), x22 = DoubleVector.zero(S), x23 = DoubleVector.zero(S);
        DoubleVector x30 = DoubleVector.zero(S), x31 = DoubleVector.zero(S), x32 = DoubleVector.zero(S), x33 = DoubleVector.zero(S);
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bn, ap = p * cs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bo + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bo + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, b, bo + 3 * L);
            DoubleVector v = DoubleVector.broadcast(S, a[a0 + ap]);
            x00 = v.fma(b0, x00); x01 = v.fma(b1, x01); x02 = v.fma(b2, x02); x03 = v.fma(b3, x03);
            v = DoubleVector.broadcast(S, a[a1 + ap]);
            x10 = v.fma(b0, x10); x11 = v.fma(b1, x11); x12 = v.fma(b2, x12); x13 = v.fma(b3, x13);
            v = DoubleVector.broadcast(S, a[a2 + ap]);
            x20 = v.fma(b0, x20); x21 = v.fma(b1, x21); x22 = v.fma(b2, x22); x23 = v.fma(b3, x23);
            v = DoubleVector.broadcast(S, a[a3 + ap]);
            x30 = v.fma(b0, x30); x31 = v.fma(b1, x31); x32 = v.fma(b2, x32); x33 = v.fma(b3, x33);
        }
        int c0 = co, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        x00.intoArray(c, c0); x01.intoArray(c, c0 + L); x02.intoArray(c, c0 + 2 * L); x03.intoArray(c, c0 + 3 * L);
        x10.intoArray(c, c1); x11.intoArray(c, c1 + L); x12.intoArray(c, c1 + 2 * L); x13.intoArray(c, c1 + 3 * L);
        x20.intoArray(c, c2); x21.intoArray(c, c2 + L); x22.intoArray(c, c2 + 2 * L); x23.intoArray(c, c2 + 3 * L);
        x30.intoArray(c, c3); x31.intoArray(c, c3 + L); x32.intoArray(c, c3 + 2 * L); x33.intoArray(c, c3 + 3 * L);
    }

    /**
     * The 4 x 3-vector block, as {@link #block4x4}, where vectors are narrower than 512 bits: AVX2 has 16
     * vector registers, which the 4 x 4 block's 16 accumulators alone would take.
     */
    private static void block4x3(double[] a, int rs, int cs, double[] b, int bj, int bn, int k, int i, double[] c, int co, int n) {
        DoubleVector x00 = DoubleVector.zero(S), x01 = DoubleVector.zero(S), x02 = DoubleVector.zero(S);
        DoubleVector x10 = DoubleVector.zero(S), x11 = DoubleVector.zero(S), x12 = DoubleVector.zero(S);
        DoubleVector x20 = DoubleVector.zero(S), x21 = DoubleVector.zero(S), x22 = DoubleVector.zero(S);
        DoubleVector x30 = DoubleVector.zero(S), x31 = DoubleVector.zero(S), x32 = DoubleVector.zero(S);
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bn, ap = p * cs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bo + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bo + 2 * L);
            DoubleVector v = DoubleVector.broadcast(S, a[a0 + ap]);
            x00 = v.fma(b0, x00); x01 = v.fma(b1, x01); x02 = v.fma(b2, x02);
            v = DoubleVector.broadcast(S, a[a1 + ap]);
            x10 = v.fma(b0, x10); x11 = v.fma(b1, x11); x12 = v.fma(b2, x12);
            v = DoubleVector.broadcast(S, a[a2 + ap]);
            x20 = v.fma(b0, x20); x21 = v.fma(b1, x21); x22 = v.fma(b2, x22);
            v = DoubleVector.broadcast(S, a[a3 + ap]);
            x30 = v.fma(b0, x30); x31 = v.fma(b1, x31); x32 = v.fma(b2, x32);
        }
        int c0 = co, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        x00.intoArray(c, c0); x01.intoArray(c, c0 + L); x02.intoArray(c, c0 + 2 * L);
        x10.intoArray(c, c1); x11.intoArray(c, c1 + L); x12.intoArray(c, c1 + 2 * L);
        x20.intoArray(c, c2); x21.intoArray(c, c2 + L); x22.intoArray(c, c2 + 2 * L);
        x30.intoArray(c, c3); x31.intoArray(c, c3 + L); x32.intoArray(c, c3 + 2 * L);
    }

    /** The 4 x 2-vector block, as {@link #block4x4}, for the columns and rows that are left. */
    private static void block4x2(double[] a, int rs, int cs, double[] b, int bj, int bn, int k, int i, double[] c, int co, int n) {
        DoubleVector x00 = DoubleVector.zero(S), x01 = DoubleVector.zero(S);
        DoubleVector x10 = DoubleVector.zero(S), x11 = DoubleVector.zero(S);
        DoubleVector x20 = DoubleVector.zero(S), x21 = DoubleVector.zero(S);
        DoubleVector x30 = DoubleVector.zero(S), x31 = DoubleVector.zero(S);
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bn, ap = p * cs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bo + L);
            DoubleVector v = DoubleVector.broadcast(S, a[a0 + ap]);
            x00 = v.fma(b0, x00); x01 = v.fma(b1, x01);
            v = DoubleVector.broadcast(S, a[a1 + ap]);
            x10 = v.fma(b0, x10); x11 = v.fma(b1, x11);
            v = DoubleVector.broadcast(S, a[a2 + ap]);
            x20 = v.fma(b0, x20); x21 = v.fma(b1, x21);
            v = DoubleVector.broadcast(S, a[a3 + ap]);
            x30 = v.fma(b0, x30); x31 = v.fma(b1, x31);
        }
        int c0 = co, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        x00.intoArray(c, c0); x01.intoArray(c, c0 + L);
        x10.intoArray(c, c1); x11.intoArray(c, c1 + L);
        x20.intoArray(c, c2); x21.intoArray(c, c2 + L);
        x30.intoArray(c, c3); x31.intoArray(c, c3 + L);
    }

    /** The 4 x 1-vector block, as {@link #block4x4}, for the columns and rows that are left. */
    private static void block4x1(double[] a, int rs, int cs, double[] b, int bj, int bn, int k, int i, double[] c, int co, int n) {
        DoubleVector x00 = DoubleVector.zero(S);
        DoubleVector x10 = DoubleVector.zero(S);
        DoubleVector x20 = DoubleVector.zero(S);
        DoubleVector x30 = DoubleVector.zero(S);
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bn, ap = p * cs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
            DoubleVector v = DoubleVector.broadcast(S, a[a0 + ap]);
            x00 = v.fma(b0, x00);
            v = DoubleVector.broadcast(S, a[a1 + ap]);
            x10 = v.fma(b0, x10);
            v = DoubleVector.broadcast(S, a[a2 + ap]);
            x20 = v.fma(b0, x20);
            v = DoubleVector.broadcast(S, a[a3 + ap]);
            x30 = v.fma(b0, x30);
        }
        int c0 = co, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        x00.intoArray(c, c0);
        x10.intoArray(c, c1);
        x20.intoArray(c, c2);
        x30.intoArray(c, c3);
    }

    /** The 1 x 4-vector block, as {@link #block4x4}, for the columns and rows that are left. */
    private static void block1x4(double[] a, int rs, int cs, double[] b, int bj, int bn, int k, int i, double[] c, int co) {
        DoubleVector x00 = DoubleVector.zero(S), x01 = DoubleVector.zero(S), x02 = DoubleVector.zero(S), x03 = DoubleVector.zero(S);
        int a0 = i * rs;
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bn, ap = p * cs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bo + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bo + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, b, bo + 3 * L);
            DoubleVector v = DoubleVector.broadcast(S, a[a0 + ap]);
            x00 = v.fma(b0, x00); x01 = v.fma(b1, x01); x02 = v.fma(b2, x02); x03 = v.fma(b3, x03);
        }
        x00.intoArray(c, co); x01.intoArray(c, co + L); x02.intoArray(c, co + 2 * L); x03.intoArray(c, co + 3 * L);
    }

    /** The 1 x 1-vector block, as {@link #block4x4}, for the columns and rows that are left. */
    private static void block1x1(double[] a, int rs, int cs, double[] b, int bj, int bn, int k, int i, double[] c, int co) {
        DoubleVector x00 = DoubleVector.zero(S);
        int a0 = i * rs;
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bn, ap = p * cs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
            DoubleVector v = DoubleVector.broadcast(S, a[a0 + ap]);
            x00 = v.fma(b0, x00);
        }
        x00.intoArray(c, co);
    }

    private static void scalarTail(double[] a, int rs, int cs, double[] b, double[] c, int k, int n, int i, int jFrom) {
        int ao = i * rs;
        for (int j = jFrom; j < n; j++) {
            double x = 0.0;
            for (int p = 0; p < k; p++) {
                x = Math.fma(a[ao + p * cs], b[p * n + j], x);
            }
            c[i * n + j] = x;
        }
    }

    /**
     * z (n x m) += b in every row, a vector of columns at a time: the plain loop's additions. (C2 does not
     * vectorize that loop itself: it cannot tell that z and b are different arrays.)
     */
    static void addToRows(double[] z, double[] b, int n, int m) {
        int top = S.loopBound(m);
        for (int r = 0, o = 0; r < n; r++, o += m) {
            int j = 0;
            for (; j < top; j += L) {
                DoubleVector.fromArray(S, z, o + j).add(DoubleVector.fromArray(S, b, j)).intoArray(z, o + j);
            }
            for (; j < m; j++) {
                z[o + j] += b[j];
            }
        }
    }

    /** sums (m) = the column sums of a (n x m), each column top to bottom from 0, in registers. */
    static void columnSums(double[] a, double[] sums, int n, int m) {
        int j = 0;
        for (int top = S.loopBound(m); j < top; j += L) {
            DoubleVector acc = DoubleVector.zero(S);
            for (int r = 0, o = j; r < n; r++, o += m) {
                acc = acc.add(DoubleVector.fromArray(S, a, o));
            }
            acc.intoArray(sums, j);
        }
        for (; j < m; j++) {
            double acc = 0.0;
            for (int r = 0, o = j; r < n; r++, o += m) {
                acc += a[o];
            }
            sums[j] = acc;
        }
    }
}
