package dev.autoencoder.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float64 kernels on the JDK Vector API that the plain loops cannot match: the matrix product, and the
 * bias and column-sum loops (which C2 does not vectorize, since it cannot tell the arrays apart).
 * {@code FloatVectorKernels} is generated from this file at build time.
 *
 * <p>The product C = A B [+ C] runs in register blocks of 4 rows by 4 vectors (16 accumulators; on
 * AVX-512 a 4 x 32 tile of C in float64), or 4 by 3 where vectors are narrower than 512 bits (AVX2 has
 * 16 vector registers), so each loaded piece of B feeds four rows of A. Every element of C is one run of
 * fused multiply-adds over k in ascending order from 0, then added to C's old value when accumulating,
 * whatever block, lane or thread computes it: the same bits as {@link DoubleKernels#product}.
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
    /** This thread's 4 x 4-vector tile for a block that is added to C. */
    private static final ThreadLocal<double[]> TILE = ThreadLocal.withInitial(() -> new double[4 * W]);

    /**
     * Rows [rowFrom, rowTo) of C (M x N) = [C +] A B where A's element (i, p) is a[i * rs + p * cs]: (k, 1)
     * for a row-major A, (1, M) for the transpose of a row-major (K x M) matrix, which saves copying it.
     * With 512-bit vectors, B's columns go in strips of 4 vectors, each strip's rows copied next to each
     * other (a block then reads B contiguously; each thread copies B for its own rows), and every 4-row
     * block of a strip runs before the next strip, so the strip stays in the nearest cache. Other blocks are 4 rows by 3 (AVX2), 2 or 1 vectors;
     * rows left over go one at a time.
     */
    static void product(double[] a, int rs, int cs, double[] b, double[] c, int k, int n, int rowFrom, int rowTo,
                        boolean accumulate) {
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
                    block4x4(a, rs, cs, panel, s * k * W, W, c, k, n, i, s * W, accumulate);
                }
            }
        }
        int i = rowFrom;
        for (; i < rows; i += 4) {
            int j = strips * W;
            if (NARROW) { // 3 vectors at a time, but 4 left take one 4 x 4 block, not a 4 x 3 and a 4 x 1
                for (; j + 3 * L <= n && n - j != 4 * L; j += 3 * L) {
                    block4x3(a, rs, cs, b, c, k, n, i, j, accumulate);
                }
            }
            for (; j + 4 * L <= n; j += 4 * L) {
                block4x4(a, rs, cs, b, j, n, c, k, n, i, j, accumulate);
            }
            for (; j + 2 * L <= n; j += 2 * L) {
                block4x2(a, rs, cs, b, c, k, n, i, j, accumulate);
            }
            for (; j + L <= n; j += L) {
                block4x1(a, rs, cs, b, c, k, n, i, j, accumulate);
            }
            for (int r = i; r < i + 4; r++) {
                scalarTail(a, rs, cs, b, c, k, n, r, j, accumulate);
            }
        }
        for (; i < rowTo; i++) {
            int j = 0;
            for (; j + 4 * L <= n; j += 4 * L) {
                block1x4(a, rs, cs, b, c, k, n, i, j, accumulate);
            }
            for (; j + L <= n; j += L) {
                block1x1(a, rs, cs, b, c, k, n, i, j, accumulate);
            }
            scalarTail(a, rs, cs, b, c, k, n, i, j, accumulate);
        }
    }

    /**
     * The 4 x 3-vector block that {@link #gemmRows} uses where vectors are narrower than 512 bits (AVX2, which
     * has 16 vector registers): 12 accumulators, 3 pieces of B and a broadcast, where the 4 x 4 block's 16
     * accumulators alone take all 16. On a Zen 3 host (2026-12-02; W2's eight product shapes, alternating in one
     * JVM, two JVMs each) the products took a median 0.83-0.94 of the 4 x 4 block's time in float64 and 0.87-0.91
     * in float32, and with the running indices below 0.77-0.79 and 0.72-0.88 (25-32 GFLOP/s in float64, of a
     * 48 GFLOP/s peak at 3.0 GHz); where exactly 4 vectors are left, one 4 x 4 block is still the faster.
     */
    private static void block4x3(double[] a, int rs, int cs, double[] b, double[] c, int k, int n, int i, int j, boolean acc) {
        int c0 = i * n + j, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        DoubleVector x00 = DoubleVector.zero(S), x01 = DoubleVector.zero(S), x02 = DoubleVector.zero(S);
        DoubleVector x10 = DoubleVector.zero(S), x11 = DoubleVector.zero(S), x12 = DoubleVector.zero(S);
        DoubleVector x20 = DoubleVector.zero(S), x21 = DoubleVector.zero(S), x22 = DoubleVector.zero(S);
        DoubleVector x30 = DoubleVector.zero(S), x31 = DoubleVector.zero(S), x32 = DoubleVector.zero(S);
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        // running indices, not p * n and p * cs: the JIT (JDK 17) multiplies those out and checks their bounds
        // every step; where A is row-major (cs = 1) its index is the loop counter plus a constant, and the JIT
        // drops A's bounds checks as well
        if (cs == 1) {
            for (int p = 0, bo = j; p < k; p++, bo += n) {
                DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
                DoubleVector b1 = DoubleVector.fromArray(S, b, bo + L);
                DoubleVector b2 = DoubleVector.fromArray(S, b, bo + 2 * L);
                DoubleVector v = DoubleVector.broadcast(S, a[a0 + p]);
                x00 = v.fma(b0, x00); x01 = v.fma(b1, x01); x02 = v.fma(b2, x02);
                v = DoubleVector.broadcast(S, a[a1 + p]);
                x10 = v.fma(b0, x10); x11 = v.fma(b1, x11); x12 = v.fma(b2, x12);
                v = DoubleVector.broadcast(S, a[a2 + p]);
                x20 = v.fma(b0, x20); x21 = v.fma(b1, x21); x22 = v.fma(b2, x22);
                v = DoubleVector.broadcast(S, a[a3 + p]);
                x30 = v.fma(b0, x30); x31 = v.fma(b1, x31); x32 = v.fma(b2, x32);
            }
        } else {
            for (int p = 0, ap = 0, bo = j; p < k; p++, ap += cs, bo += n) {
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
        }
        // the old values are added in two separate branches, as in block4x4
        if (acc) {
            x00.add(DoubleVector.fromArray(S, c, c0)).intoArray(c, c0);
            x01.add(DoubleVector.fromArray(S, c, c0 + L)).intoArray(c, c0 + L);
            x02.add(DoubleVector.fromArray(S, c, c0 + 2 * L)).intoArray(c, c0 + 2 * L);
            x10.add(DoubleVector.fromArray(S, c, c1)).intoArray(c, c1);
            x11.add(DoubleVector.fromArray(S, c, c1 + L)).intoArray(c, c1 + L);
            x12.add(DoubleVector.fromArray(S, c, c1 + 2 * L)).intoArray(c, c1 + 2 * L);
            x20.add(DoubleVector.fromArray(S, c, c2)).intoArray(c, c2);
            x21.add(DoubleVector.fromArray(S, c, c2 + L)).intoArray(c, c2 + L);
            x22.add(DoubleVector.fromArray(S, c, c2 + 2 * L)).intoArray(c, c2 + 2 * L);
            x30.add(DoubleVector.fromArray(S, c, c3)).intoArray(c, c3);
            x31.add(DoubleVector.fromArray(S, c, c3 + L)).intoArray(c, c3 + L);
            x32.add(DoubleVector.fromArray(S, c, c3 + 2 * L)).intoArray(c, c3 + 2 * L);
        } else {
            x00.intoArray(c, c0);
            x01.intoArray(c, c0 + L);
            x02.intoArray(c, c0 + 2 * L);
            x10.intoArray(c, c1);
            x11.intoArray(c, c1 + L);
            x12.intoArray(c, c1 + 2 * L);
            x20.intoArray(c, c2);
            x21.intoArray(c, c2 + L);
            x22.intoArray(c, c2 + 2 * L);
            x30.intoArray(c, c3);
            x31.intoArray(c, c3 + L);
            x32.intoArray(c, c3 + 2 * L);
        }
    }

    /**
     * The 4 x 4-vector block of A B from zero: rows i..i+3 of A times B's columns read at b[bj + p * bn]
     * (B itself, or its packed copy), written to t[to + r * tn + v * L] for row r and vector v of the block.
     * It never adds to old values: {@link #product} writes such a block to a tile and adds that.
     */
    private static void block4x4(double[] a, int rs, int cs, double[] b, int bj, int bn, int k, int i,
                                 double[] t, int to, int tn) {
        DoubleVector x00 = DoubleVector.zero(S), x01 = DoubleVector.zero(S), x02 = DoubleVector.zero(S), x03 = DoubleVector.zero(S);
        DoubleVector x10 = DoubleVector.zero(S), x11 = DoubleVector.zero(S), x12 = DoubleVector.zero(S), x13 = DoubleVector.zero(S);
        DoubleVector x20 = DoubleVector.zero(S), x21 = DoubleVector.zero(S), x22 = DoubleVector.zero(S), x23 = DoubleVector.zero(S);
        DoubleVector x30 = DoubleVector.zero(S), x31 = DoubleVector.zero(S), x32 = DoubleVector.zero(S), x33 = DoubleVector.zero(S);
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        // running indices, not bj + p * bn and a0 + p * cs: the JIT multiplies those out and checks them every step
        for (int p = 0, bo = bj, ap = 0; p < k; p++, bo += bn, ap += cs) {
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
        int t0 = to, t1 = t0 + tn, t2 = t1 + tn, t3 = t2 + tn;
        x00.intoArray(t, t0); x01.intoArray(t, t0 + L); x02.intoArray(t, t0 + 2 * L); x03.intoArray(t, t0 + 3 * L);
        x10.intoArray(t, t1); x11.intoArray(t, t1 + L); x12.intoArray(t, t1 + 2 * L); x13.intoArray(t, t1 + 3 * L);
        x20.intoArray(t, t2); x21.intoArray(t, t2 + L); x22.intoArray(t, t2 + 2 * L); x23.intoArray(t, t2 + 3 * L);
        x30.intoArray(t, t3); x31.intoArray(t, t3 + L); x32.intoArray(t, t3 + 2 * L); x33.intoArray(t, t3 + 3 * L);
    }

    /** Rows i..i+3, columns j..j+W-1 of C = [C +] A B, B's columns read at b[bj + p * bn]. */
    private static void block4x4(double[] a, int rs, int cs, double[] b, int bj, int bn, double[] c, int k, int n, int i, int j,
                                 boolean acc) {
        double[] t = acc ? TILE.get() : c;
        block4x4(a, rs, cs, b, bj, bn, k, i, t, acc ? 0 : i * n + j, acc ? W : n);
        if (acc) {
            addTile(t, W, c, i * n + j, n);
        }
    }

    /** C's 4 x w block at c0 (rows n apart) += the tile (rows w apart), one vector at a time. */
    private static void addTile(double[] tile, int w, double[] c, int c0, int n) {
        for (int r = 0; r < 4; r++) {
            for (int q = 0, o = c0 + r * n; q < w; q += L, o += L) {
                DoubleVector.fromArray(S, c, o).add(DoubleVector.fromArray(S, tile, r * w + q)).intoArray(c, o);
            }
        }
    }

    private static void block4x2(double[] a, int rs, int cs, double[] b, double[] c, int k, int n, int i, int j, boolean acc) {
        int c0 = i * n + j, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        DoubleVector x00 = DoubleVector.zero(S), x01 = DoubleVector.zero(S);
        DoubleVector x10 = DoubleVector.zero(S), x11 = DoubleVector.zero(S);
        DoubleVector x20 = DoubleVector.zero(S), x21 = DoubleVector.zero(S);
        DoubleVector x30 = DoubleVector.zero(S), x31 = DoubleVector.zero(S);
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int p = 0; p < k; p++) {
            int bo = p * n + j;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bo + L);
            DoubleVector v = DoubleVector.broadcast(S, a[a0 + p * cs]);
            x00 = v.fma(b0, x00); x01 = v.fma(b1, x01);
            v = DoubleVector.broadcast(S, a[a1 + p * cs]);
            x10 = v.fma(b0, x10); x11 = v.fma(b1, x11);
            v = DoubleVector.broadcast(S, a[a2 + p * cs]);
            x20 = v.fma(b0, x20); x21 = v.fma(b1, x21);
            v = DoubleVector.broadcast(S, a[a3 + p * cs]);
            x30 = v.fma(b0, x30); x31 = v.fma(b1, x31);
        }
        // the old values are added in two separate branches: reassigning a vector inside a branch makes
        // a merge point where the JIT (JDK 17) keeps it as an object, and the kernel runs 20 times slower
        if (acc) {
            x00.add(DoubleVector.fromArray(S, c, c0)).intoArray(c, c0);
            x01.add(DoubleVector.fromArray(S, c, c0 + L)).intoArray(c, c0 + L);
            x10.add(DoubleVector.fromArray(S, c, c1)).intoArray(c, c1);
            x11.add(DoubleVector.fromArray(S, c, c1 + L)).intoArray(c, c1 + L);
            x20.add(DoubleVector.fromArray(S, c, c2)).intoArray(c, c2);
            x21.add(DoubleVector.fromArray(S, c, c2 + L)).intoArray(c, c2 + L);
            x30.add(DoubleVector.fromArray(S, c, c3)).intoArray(c, c3);
            x31.add(DoubleVector.fromArray(S, c, c3 + L)).intoArray(c, c3 + L);
        } else {
            x00.intoArray(c, c0);
            x01.intoArray(c, c0 + L);
            x10.intoArray(c, c1);
            x11.intoArray(c, c1 + L);
            x20.intoArray(c, c2);
            x21.intoArray(c, c2 + L);
            x30.intoArray(c, c3);
            x31.intoArray(c, c3 + L);
        }
    }

    private static void block4x1(double[] a, int rs, int cs, double[] b, double[] c, int k, int n, int i, int j, boolean acc) {
        int c0 = i * n + j, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        DoubleVector x00 = DoubleVector.zero(S);
        DoubleVector x10 = DoubleVector.zero(S);
        DoubleVector x20 = DoubleVector.zero(S);
        DoubleVector x30 = DoubleVector.zero(S);
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int p = 0; p < k; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, p * n + j);
            x00 = DoubleVector.broadcast(S, a[a0 + p * cs]).fma(b0, x00);
            x10 = DoubleVector.broadcast(S, a[a1 + p * cs]).fma(b0, x10);
            x20 = DoubleVector.broadcast(S, a[a2 + p * cs]).fma(b0, x20);
            x30 = DoubleVector.broadcast(S, a[a3 + p * cs]).fma(b0, x30);
        }
        // the old values are added in two separate branches: reassigning a vector inside a branch makes
        // a merge point where the JIT (JDK 17) keeps it as an object, and the kernel runs 20 times slower
        if (acc) {
            x00.add(DoubleVector.fromArray(S, c, c0)).intoArray(c, c0);
            x10.add(DoubleVector.fromArray(S, c, c1)).intoArray(c, c1);
            x20.add(DoubleVector.fromArray(S, c, c2)).intoArray(c, c2);
            x30.add(DoubleVector.fromArray(S, c, c3)).intoArray(c, c3);
        } else {
            x00.intoArray(c, c0);
            x10.intoArray(c, c1);
            x20.intoArray(c, c2);
            x30.intoArray(c, c3);
        }
    }

    private static void block1x4(double[] a, int rs, int cs, double[] b, double[] c, int k, int n, int i, int j, boolean acc) {
        int c0 = i * n + j;
        DoubleVector x00 = DoubleVector.zero(S), x01 = DoubleVector.zero(S), x02 = DoubleVector.zero(S), x03 = DoubleVector.zero(S);
        int a0 = i * rs;
        for (int p = 0; p < k; p++) {
            int bo = p * n + j;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bo + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bo + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, b, bo + 3 * L);
            DoubleVector v = DoubleVector.broadcast(S, a[a0 + p * cs]);
            x00 = v.fma(b0, x00); x01 = v.fma(b1, x01); x02 = v.fma(b2, x02); x03 = v.fma(b3, x03);
        }
        // the old values are added in two separate branches: reassigning a vector inside a branch makes
        // a merge point where the JIT (JDK 17) keeps it as an object, and the kernel runs 20 times slower
        if (acc) {
            x00.add(DoubleVector.fromArray(S, c, c0)).intoArray(c, c0);
            x01.add(DoubleVector.fromArray(S, c, c0 + L)).intoArray(c, c0 + L);
            x02.add(DoubleVector.fromArray(S, c, c0 + 2 * L)).intoArray(c, c0 + 2 * L);
            x03.add(DoubleVector.fromArray(S, c, c0 + 3 * L)).intoArray(c, c0 + 3 * L);
        } else {
            x00.intoArray(c, c0);
            x01.intoArray(c, c0 + L);
            x02.intoArray(c, c0 + 2 * L);
            x03.intoArray(c, c0 + 3 * L);
        }
    }

    private static void block1x1(double[] a, int rs, int cs, double[] b, double[] c, int k, int n, int i, int j, boolean acc) {
        int c0 = i * n + j;
        DoubleVector x00 = DoubleVector.zero(S);
        int a0 = i * rs;
        for (int p = 0; p < k; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, p * n + j);
            x00 = DoubleVector.broadcast(S, a[a0 + p * cs]).fma(b0, x00);
        }
        // the old values are added in two separate branches: reassigning a vector inside a branch makes
        // a merge point where the JIT (JDK 17) keeps it as an object, and the kernel runs 20 times slower
        if (acc) {
            x00.add(DoubleVector.fromArray(S, c, c0)).intoArray(c, c0);
        } else {
            x00.intoArray(c, c0);
        }
    }

    private static void scalarTail(double[] a, int rs, int cs, double[] b, double[] c, int k, int n, int i, int jFrom, boolean acc) {
        int ao = i * rs;
        for (int j = jFrom; j < n; j++) {
            double x = 0.0;
            for (int p = 0; p < k; p++) {
                x = Math.fma(a[ao + p * cs], b[p * n + j], x);
            }
            c[i * n + j] = acc ? x + c[i * n + j] : x;
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

    /** sums (m) += the column sums of a (n x m), each column top to bottom after its old value, in registers. */
    static void addColumnSums(double[] a, double[] sums, int n, int m) {
        int j = 0;
        for (int top = S.loopBound(m); j < top; j += L) {
            DoubleVector acc = DoubleVector.fromArray(S, sums, j);
            for (int r = 0, o = j; r < n; r++, o += m) {
                acc = acc.add(DoubleVector.fromArray(S, a, o));
            }
            acc.intoArray(sums, j);
        }
        for (; j < m; j++) {
            double acc = sums[j];
            for (int r = 0, o = j; r < n; r++, o += m) {
                acc += a[o];
            }
            sums[j] = acc;
        }
    }
}
