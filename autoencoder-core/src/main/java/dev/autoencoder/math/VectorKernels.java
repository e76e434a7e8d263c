package dev.autoencoder.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast matrix product on the JDK Vector API: C = A B (or C += A B), all row-major, with a
 * 4 x 4-vector register block (16 accumulators, on AVX-512 a 4 x 32 tile of C) so each loaded
 * piece of B feeds four rows of A.
 *
 * <p>Every element of C is one sequence of fused multiply-adds over k in ascending order, starting
 * from 0, then added to C's old value when accumulating, whatever block, lane or thread computes it
 * (the accumulators always start at zero, which keeps them in registers): so the
 * result does not depend on the tiling or the thread count, and equals {@link Kernels#fmaReference}
 * bit for bit. Loaded only when the {@code jdk.incubator.vector} module is present.
 */
final class VectorKernels {
    private VectorKernels() {}

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Vectors narrower than 512 bits (AVX2): 16 vector registers, so the 4 x 3 block instead of 4 x 4. */
    static final boolean NARROW = S.vectorBitSize() < 512;

    /** Columns of C (and of B) in one 4 x 4 block. */
    private static final int W = 4 * L;
    /**
     * Where the packed copy of B starts in its array: 48 bytes past the array's 16-byte header, so on a
     * 64-byte line when the JVM aligns objects to 64 bytes, as the launcher has it
     * ({@code -XX:ObjectAlignmentInBytes=64}); elsewhere the loads' alignment is left to chance, as for any
     * array. A 512-bit load that straddles two cache lines costs two: see docs/performance.md.
     */
    private static final int PAD = 6;
    /** Each thread's buffer for the packed copy of B, grown to the largest product it has done. */
    private static final ThreadLocal<double[]> PANEL = ThreadLocal.withInitial(() -> new double[0]);

    private static double[] panel(int size) {
        double[] panel = PANEL.get();
        if (panel.length < size) {
            panel = new double[size];
            PANEL.set(panel);
        }
        return panel;
    }

    /** Copies the first strips x 4L columns of B (k x n) to panel: strip s's row p at PAD + (s * k + p) * 4L. */
    private static void pack(double[] b, int k, int n, int strips, double[] panel) {
        for (int s = 0; s < strips; s++) {
            for (int p = 0; p < k; p++) {
                int from = p * n + s * W, to = PAD + (s * k + p) * W;
                DoubleVector.fromArray(S, b, from).intoArray(panel, to);
                DoubleVector.fromArray(S, b, from + L).intoArray(panel, to + L);
                DoubleVector.fromArray(S, b, from + 2 * L).intoArray(panel, to + 2 * L);
                DoubleVector.fromArray(S, b, from + 3 * L).intoArray(panel, to + 3 * L);
            }
        }
    }

    /** Rows [rowFrom, rowTo) of C (M x N) = [C +] A (M x K) B (K x N). */
    static void gemmRows(double[] a, double[] b, double[] c, int k, int n, int rowFrom, int rowTo, boolean accumulate) {
        gemmRows(a, k, 1, b, c, k, n, rowFrom, rowTo, accumulate);
    }

    /**
     * Rows [rowFrom, rowTo) of C (M x N) = [C +] A B where A's element (i, p) is a[i * rs + p * cs]: (k, 1)
     * for a row-major A, (1, M) for the transpose of a row-major (K x M) matrix, which saves copying it.
     * Blocks of 4 rows by 4 (by 3 on AVX2), 2 or 1 vectors; rows left over go one at a time.
     */
    static void gemmRows(double[] a, int rs, int cs, double[] b, double[] c, int k, int n, int rowFrom, int rowTo,
                         boolean accumulate) {
        gemmRows(a, rs, cs, b, packed(b, k, n, rowTo - rowFrom), c, k, n, rowFrom, rowTo, accumulate);
    }

    /**
     * B's columns in strips of 4 vectors for the 4 x 4 blocks of a product of this many rows, in this thread's
     * buffer, or null where the blocks read B in place (vectors narrower than 512 bits, fewer than 4 rows or
     * than 4 vectors of columns). Each strip's rows lie next to each other from a cache-line boundary, so a
     * block's loads of B are contiguous and, under the launcher, aligned.
     */
    static double[] packed(double[] b, int k, int n, int rows) {
        int strips = n / W;
        if (NARROW || rows < 4 || strips == 0) {
            return null;
        }
        double[] panel = panel(PAD + strips * k * W);
        pack(b, k, n, strips, panel);
        return panel;
    }

    /** {@link #gemmRows} with B also in the strips {@link #packed} made of it (or null). */
    static void gemmRows(double[] a, int rs, int cs, double[] b, double[] panel, double[] c, int k, int n, int rowFrom,
                         int rowTo, boolean accumulate) {
        int i = rowFrom;
        // every 4-row block of a strip before the next strip, so the strip stays in the nearest cache
        int strips = panel == null ? 0 : n / W;
        int rows = rowFrom + (rowTo - rowFrom) / 4 * 4;
        for (int s = 0; s < strips; s++) {
            for (int r = rowFrom; r < rows; r += 4) {
                block4x4(a, rs, cs, panel, PAD + s * k * W, W, c, k, n, r, s * W, accumulate);
            }
        }
        for (; i + 4 <= rowTo; i += 4) {
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
     * The 4 x 4-vector block: rows i..i+3, columns j..j+4L-1 of C, reading B's row p of those columns at
     * b[bj + p * bn] (B itself, or its packed copy).
     */
    private static void block4x4(double[] a, int rs, int cs, double[] b, int bj, int bn, double[] c, int k, int n, int i, int j,
                                 boolean acc) {
        int c0 = i * n + j, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        DoubleVector x00 = DoubleVector.zero(S), x01 = DoubleVector.zero(S), x02 = DoubleVector.zero(S), x03 = DoubleVector.zero(S);
        DoubleVector x10 = DoubleVector.zero(S), x11 = DoubleVector.zero(S), x12 = DoubleVector.zero(S), x13 = DoubleVector.zero(S);
        DoubleVector x20 = DoubleVector.zero(S), x21 = DoubleVector.zero(S), x22 = DoubleVector.zero(S), x23 = DoubleVector.zero(S);
        DoubleVector x30 = DoubleVector.zero(S), x31 = DoubleVector.zero(S), x32 = DoubleVector.zero(S), x33 = DoubleVector.zero(S);
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bn;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bo + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bo + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, b, bo + 3 * L);
            DoubleVector v = DoubleVector.broadcast(S, a[a0 + p * cs]);
            x00 = v.fma(b0, x00); x01 = v.fma(b1, x01); x02 = v.fma(b2, x02); x03 = v.fma(b3, x03);
            v = DoubleVector.broadcast(S, a[a1 + p * cs]);
            x10 = v.fma(b0, x10); x11 = v.fma(b1, x11); x12 = v.fma(b2, x12); x13 = v.fma(b3, x13);
            v = DoubleVector.broadcast(S, a[a2 + p * cs]);
            x20 = v.fma(b0, x20); x21 = v.fma(b1, x21); x22 = v.fma(b2, x22); x23 = v.fma(b3, x23);
            v = DoubleVector.broadcast(S, a[a3 + p * cs]);
            x30 = v.fma(b0, x30); x31 = v.fma(b1, x31); x32 = v.fma(b2, x32); x33 = v.fma(b3, x33);
        }
        // the old values are added in two separate branches: reassigning a vector inside a branch makes
        // a merge point where the JIT (JDK 17) keeps it as an object, and the kernel runs 20 times slower
        if (acc) {
            x00.add(DoubleVector.fromArray(S, c, c0)).intoArray(c, c0);
            x01.add(DoubleVector.fromArray(S, c, c0 + L)).intoArray(c, c0 + L);
            x02.add(DoubleVector.fromArray(S, c, c0 + 2 * L)).intoArray(c, c0 + 2 * L);
            x03.add(DoubleVector.fromArray(S, c, c0 + 3 * L)).intoArray(c, c0 + 3 * L);
            x10.add(DoubleVector.fromArray(S, c, c1)).intoArray(c, c1);
            x11.add(DoubleVector.fromArray(S, c, c1 + L)).intoArray(c, c1 + L);
            x12.add(DoubleVector.fromArray(S, c, c1 + 2 * L)).intoArray(c, c1 + 2 * L);
            x13.add(DoubleVector.fromArray(S, c, c1 + 3 * L)).intoArray(c, c1 + 3 * L);
            x20.add(DoubleVector.fromArray(S, c, c2)).intoArray(c, c2);
            x21.add(DoubleVector.fromArray(S, c, c2 + L)).intoArray(c, c2 + L);
            x22.add(DoubleVector.fromArray(S, c, c2 + 2 * L)).intoArray(c, c2 + 2 * L);
            x23.add(DoubleVector.fromArray(S, c, c2 + 3 * L)).intoArray(c, c2 + 3 * L);
            x30.add(DoubleVector.fromArray(S, c, c3)).intoArray(c, c3);
            x31.add(DoubleVector.fromArray(S, c, c3 + L)).intoArray(c, c3 + L);
            x32.add(DoubleVector.fromArray(S, c, c3 + 2 * L)).intoArray(c, c3 + 2 * L);
            x33.add(DoubleVector.fromArray(S, c, c3 + 3 * L)).intoArray(c, c3 + 3 * L);
        } else {
            x00.intoArray(c, c0);
            x01.intoArray(c, c0 + L);
            x02.intoArray(c, c0 + 2 * L);
            x03.intoArray(c, c0 + 3 * L);
            x10.intoArray(c, c1);
            x11.intoArray(c, c1 + L);
            x12.intoArray(c, c1 + 2 * L);
            x13.intoArray(c, c1 + 3 * L);
            x20.intoArray(c, c2);
            x21.intoArray(c, c2 + L);
            x22.intoArray(c, c2 + 2 * L);
            x23.intoArray(c, c2 + 3 * L);
            x30.intoArray(c, c3);
            x31.intoArray(c, c3 + L);
            x32.intoArray(c, c3 + 2 * L);
            x33.intoArray(c, c3 + 3 * L);
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

    // The elementary functions go in three array-to-array passes (argument, exp, finish), so that no
    // vector ever crosses a method boundary: a vector argument of a helper that C2 declines to inline is
    // boxed and each operation on it becomes a call. Whether C2 inlined a vector helper differed from one
    // JVM to the next, and W1 ran in 8 ms in one and 17 ms in another.

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

    /** tanh on a whole array: {@link PortableMath}'s method lane by lane (the same bits as {@link PortableMath#tanh(double)}). */
    static void tanh(double[] z, double[] out, int len) {
        int whole = len / L * L;
        for (int i = 0; i < whole; i += L) {
            DoubleVector.fromArray(S, z, i).abs().mul(2.0).min(PortableMath.CAP).intoArray(out, i);
        }
        expm1(out, out, whole);                                           // expm1(2|x|)
        for (int i = 0; i < whole; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, z, i);
            DoubleVector e = DoubleVector.fromArray(S, out, i);
            DoubleVector t = e.div(e.add(2.0));
            DoubleVector signed = t.reinterpretAsLongs().or(x.reinterpretAsLongs().and(Long.MIN_VALUE))
                    .reinterpretAsDoubles();
            signed.blend(x, x.test(VectorOperators.IS_NAN)).intoArray(out, i);
        }
        for (int i = whole; i < len; i++) {
            out[i] = PortableMath.tanh(z[i]);
        }
    }

    /**
     * a = sigmoid(z) and d = a (1 - a) for i < len (a multiple of the lane count): {@link PortableMath#sigmoid}
     * lane by lane, the derivative as {@code Activation.SIGMOID} writes it.
     */
    static void sigmoidAndDerivative(double[] z, double[] a, double[] d, int len) {
        for (int i = 0; i < len; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, z, i);
            x.neg().min(x).max(PortableMath.EXP_FLOOR).intoArray(a, i);  // -|z|
        }
        expNonPositive(a, a, len);                                        // e = exp(-|z|)
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int i = 0; i < len; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, z, i);
            DoubleVector e = DoubleVector.fromArray(S, a, i);
            DoubleVector v = one.blend(e, x.compare(VectorOperators.LT, 0.0)).div(e.add(1.0));
            v = v.blend(x, x.test(VectorOperators.IS_NAN));
            v.intoArray(a, i);
            v.mul(one.sub(v)).intoArray(d, i);
        }
    }

    /**
     * out = PortableMath's expm1Core of y, lane by lane, for i < len (a multiple of the lane count). In
     * place is fine.
     */
    private static void expm1(double[] y, double[] out, int len) {
        double[] a = PortableMath.A;
        for (int i = 0; i < len; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, y, i);
            DoubleVector n = x.fma(PortableMath.LOG2E, -0.5).add(PortableMath.ROUND).sub(PortableMath.ROUND);
            DoubleVector minusN = n.neg();
            DoubleVector r = minusN.fma(DoubleVector.broadcast(S, PortableMath.LN2_HI), x);
            r = minusN.fma(DoubleVector.broadcast(S, PortableMath.LN2_LO), r);
            // expm1(r) = r + r^2 (A1 + r (A2 + ... + A16 r^14)), the inner sum by Estrin's scheme
            DoubleVector r2 = r.mul(r);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector r8 = r4.mul(r4);
            DoubleVector p0 = r.fma(a[3], a[2]);
            DoubleVector p1 = r.fma(a[5], a[4]);
            DoubleVector p2 = r.fma(a[7], a[6]);
            DoubleVector p3 = r.fma(a[9], a[8]);
            DoubleVector p4 = r.fma(a[11], a[10]);
            DoubleVector p5 = r.fma(a[13], a[12]);
            DoubleVector p6 = r.fma(a[15], a[14]);
            DoubleVector s0 = p1.fma(r2, p0);
            DoubleVector s1 = p3.fma(r2, p2);
            DoubleVector s2 = p5.fma(r2, p4);
            DoubleVector s3 = r2.fma(DoubleVector.broadcast(S, a[16]), p6);
            DoubleVector t0 = s1.fma(r4, s0);
            DoubleVector t1 = s3.fma(r4, s2);
            DoubleVector h = t1.fma(r8, t0);
            DoubleVector g = h.fma(r, DoubleVector.broadcast(S, a[1]));
            DoubleVector p = g.mul(r).fma(r, r);
            DoubleVector twoN = n.add(PortableMath.ROUND).reinterpretAsLongs().sub(PortableMath.ROUND_BITS - 1023)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            twoN.fma(p, twoN.sub(1.0)).intoArray(out, i);
        }
    }

    /**
     * out = {@link PortableMath#expNonPositive} of y, lane by lane, for i < len (a multiple of the lane
     * count), y in [-708, 0]. In place is fine.
     */
    private static void expNonPositive(double[] y, double[] out, int len) {
        double[] b = PortableMath.B;
        for (int i = 0; i < len; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, y, i);
            DoubleVector n = x.fma(PortableMath.LOG2E, PortableMath.ROUND).sub(PortableMath.ROUND);
            DoubleVector r = n.fma(DoubleVector.broadcast(S, -PortableMath.LN2_HI), x);
            r = n.fma(DoubleVector.broadcast(S, -PortableMath.LN2_LO), r);
            DoubleVector r2 = r.mul(r);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector r8 = r4.mul(r4);
            DoubleVector q0 = r.fma(b[3], b[2]).fma(r2, r.fma(b[1], b[0]));
            DoubleVector q1 = r.fma(b[7], b[6]).fma(r2, r.fma(b[5], b[4]));
            DoubleVector q2 = r.fma(b[11], b[10]).fma(r2, r.fma(b[9], b[8]));
            DoubleVector q = q2.fma(r8, q1.fma(r4, q0));
            DoubleVector p = q.fma(r2, r).add(1.0);
            DoubleVector twoN = n.add(PortableMath.ROUND).reinterpretAsLongs().sub(PortableMath.ROUND_BITS - 1023)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            twoN.mul(p).intoArray(out, i);
        }
    }

    /** The unit stride {@link #pairStep} takes: two vectors of 8 doubles or four of 4. */
    static final int PAIR_STRIDE = 16;

    /**
     * {@link LaneKernels#pairStep}: a small network's whole training step for a stride of 16 (9 to 16 samples),
     * one method a layer forward and two back, each loop over the samples written out as two vectors (with 8
     * lanes the whole stride; with 4 lanes, on AVX2, each half of it in turn). Each value goes through the same
     * IEEE operations in the same order as in the separate kernels ({@link #laneAffine},
     * {@link #sigmoidAndDerivative}, {@link #laneSquaredError}, {@link #laneMultiply}, {@link #laneInputGradient},
     * then {@link #layerPartials} and
     * {@link LaneKernels#finishGradients} as they are), so the result has the same bits. What it saves is calls, loop
     * set-ups and passes over the arrays: on the chapter's network 16 calls a step instead of about 35,
     * and W1 settled at 4.9-5.9 ms (one JVM of 24 at 7.3) against 5.5-8.5 kernel by kernel, faster in 23
     * of 24 alternating pairs of fresh JVMs (median of runs 161-200 each). Measured and not kept: the
     * whole step in one method (8.6-10.7 ms: C2 compiles the big method worse), the exponential written
     * into the layer's method (5.5-7.7 ms against 5.0-5.9), and {@link #laneInputGradient} in place of
     * the two-vector copy (5.1-7.0 ms). With {@code rate} not 0 the gradient sweep also applies plain gradient
     * descent (W1's fastest runs 4.2-4.3 ms to 4.0, by saving the optimizer's own pass over the parameters).
     * On an AVX2 machine (4 lanes; 2026-12-02, Zen 3) the chapter's 10,000 epochs took 0.88 of the time kernel by
     * kernel (medians of 150 alternating runs in one JVM, in 3 JVMs: 0.882-0.885).
     */
    static double pairStep(double[][] w, double[][] bias, double[][] gw, double[][] gb, int[] widths, boolean[] sigmoid,
                           double[][] a, double[][] fprime, double[][] d, double[] target, double[] valid, int n,
                           boolean mean, double divisor, double scale, double[] scratch, double[] perSample,
                           double rate) {
        final int t = PAIR_STRIDE;
        int layers = widths.length - 1;
        for (int l = 0; l < layers; l++) {
            pairForward(w[l], bias[l], a[l], widths[l], widths[l + 1], sigmoid[l], a[l + 1], fprime[l]);
        }
        double sum = pairLoss(a[layers], target, widths[layers], fprime[layers - 1], valid, divisor, scale, d[layers],
                perSample, n);
        for (int l = layers - 1; l >= 0; l--) {
            if (l > 0) {
                pairInputGradient(d[l + 1], w[l], widths[l], widths[l + 1], fprime[l - 1], d[l]);
            }
            layerPartials(d[l + 1], a[l], widths[l], widths[l + 1], t, scratch);
            LaneKernels.finishGradients(scratch, widths[l], widths[l + 1], n, mean, gw[l], gb[l], w[l], bias[l], rate);
        }
        return sum;
    }

    /** One layer of {@link #pairStep} forward: z = W x + b, then a = f(z) in out and f'(z) in f. */
    private static void pairForward(double[] wl, double[] bl, double[] x, int k, int m, boolean sig, double[] out,
                                    double[] f) {
        pairAffine(wl, bl, x, k, m, sig, out, f, 0);
        if (L == 4) { // a stride of four vectors: the second two
            pairAffine(wl, bl, x, k, m, sig, out, f, 2 * L);
        }
        if (!sig) {
            return;
        }
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        expNonPositive(f, f, m * PAIR_STRIDE);                                   // e = exp(-|z|)
        for (int h = 0; h < m * PAIR_STRIDE; h += L) {
            DoubleVector z = DoubleVector.fromArray(S, out, h);
            DoubleVector e = DoubleVector.fromArray(S, f, h);
            DoubleVector v = one.blend(e, z.compare(VectorOperators.LT, 0.0)).div(e.add(1.0));
            v = v.blend(z, z.test(VectorOperators.IS_NAN));
            v.intoArray(out, h);
            v.mul(one.sub(v)).intoArray(f, h);
        }
    }

    /**
     * z = W x + b for the two vectors of samples from lane h of every unit, into out; for a sigmoid layer
     * -|z| (floored for the exponential) into f, for a linear one f'(z) = 1.
     */
    private static void pairAffine(double[] wl, double[] bl, double[] x, int k, int m, boolean sig, double[] out,
                                   double[] f, int h) {
        final int t = PAIR_STRIDE;
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int j = 0; j < m; j++) {
            DoubleVector acc0 = DoubleVector.zero(S), acc1 = DoubleVector.zero(S);
            for (int i = 0; i < k; i++) {
                double wji = wl[j * k + i];
                acc0 = acc0.add(DoubleVector.fromArray(S, x, i * t + h).mul(wji));
                acc1 = acc1.add(DoubleVector.fromArray(S, x, i * t + h + L).mul(wji));
            }
            DoubleVector bj = DoubleVector.broadcast(S, bl[j]);
            DoubleVector z0 = acc0.add(bj), z1 = acc1.add(bj);
            z0.intoArray(out, j * t + h);
            z1.intoArray(out, j * t + h + L);
            if (sig) {
                z0.neg().min(z0).max(PortableMath.EXP_FLOOR).intoArray(f, j * t + h);    // -|z|
                z1.neg().min(z1).max(PortableMath.EXP_FLOOR).intoArray(f, j * t + h + L);
            } else { // linear: a = z, f'(z) = 1 (and x * 1.0 is x)
                one.intoArray(f, j * t + h);
                one.intoArray(f, j * t + h + L);
            }
        }
    }

    /** The loss of {@link #pairStep}, and its gradient times the output's f'(z) (0 in the padding lanes). */
    private static double pairLoss(double[] o, double[] target, int width, double[] ft, double[] valid, double divisor,
                                   double scale, double[] top, double[] perSample, int n) {
        final int t = PAIR_STRIDE;
        for (int s = 0; s < t; s += L) {
            VectorMask<Double> pad = DoubleVector.fromArray(S, valid, s).compare(VectorOperators.EQ, 0.0);
            DoubleVector acc = DoubleVector.zero(S);
            for (int j = 0; j < width; j++) {
                DoubleVector dd = DoubleVector.fromArray(S, o, j * t + s).sub(DoubleVector.fromArray(S, target, j * t + s));
                acc = acc.add(dd.mul(dd));
                dd.mul(scale).blend(0.0, pad).mul(DoubleVector.fromArray(S, ft, j * t + s)).intoArray(top, j * t + s);
            }
            acc.div(divisor).intoArray(perSample, s);
        }
        double sum = 0.0;
        for (int s = 0; s < n; s++) {
            sum += perSample[s];
        }
        return sum;
    }

    /** dL/dz of the layer below in {@link #pairStep}: (W^T dz) f'(z below). */
    private static void pairInputGradient(double[] dz, double[] wl, int k, int m, double[] below, double[] dx) {
        pairInputGradient(dz, wl, k, m, below, dx, 0);
        if (L == 4) {
            pairInputGradient(dz, wl, k, m, below, dx, 2 * L);
        }
    }

    /** {@link #pairInputGradient} for the two vectors of samples from lane h of every unit. */
    private static void pairInputGradient(double[] dz, double[] wl, int k, int m, double[] below, double[] dx, int h) {
        final int t = PAIR_STRIDE;
        for (int i = 0; i < k; i++) {
            DoubleVector acc0 = DoubleVector.zero(S), acc1 = DoubleVector.zero(S);
            for (int j = 0; j < m; j++) {
                double wji = wl[j * k + i];
                acc0 = acc0.add(DoubleVector.fromArray(S, dz, j * t + h).mul(wji));
                acc1 = acc1.add(DoubleVector.fromArray(S, dz, j * t + h + L).mul(wji));
            }
            acc0.mul(DoubleVector.fromArray(S, below, i * t + h)).intoArray(dx, i * t + h);
            acc1.mul(DoubleVector.fromArray(S, below, i * t + h + L)).intoArray(dx, i * t + h + L);
        }
    }

    /** The number of doubles in one vector. */
    static int lanes() {
        return L;
    }

    /** {@link LaneKernels#affine} on whole vectors: stride is a multiple of the lane count. */
    static void laneAffine(double[] w, double[] b, double[] x, int k, int m, int stride, double[] z) {
        // two blocks of samples per pass (most small batches are one or two blocks): half the loop
        // overhead, and two independent sums for the core to overlap
        for (int j = 0; j < m; j++) {
            DoubleVector bias = DoubleVector.broadcast(S, b[j]);
            int s = 0;
            for (; s + 2 * L <= stride; s += 2 * L) {
                DoubleVector acc0 = DoubleVector.zero(S), acc1 = DoubleVector.zero(S);
                for (int i = 0; i < k; i++) {
                    double wji = w[j * k + i];
                    acc0 = acc0.add(DoubleVector.fromArray(S, x, i * stride + s).mul(wji));
                    acc1 = acc1.add(DoubleVector.fromArray(S, x, i * stride + s + L).mul(wji));
                }
                acc0.add(bias).intoArray(z, j * stride + s);
                acc1.add(bias).intoArray(z, j * stride + s + L);
            }
            if (s < stride) {
                DoubleVector acc = DoubleVector.zero(S);
                for (int i = 0; i < k; i++) {
                    acc = acc.add(DoubleVector.fromArray(S, x, i * stride + s).mul(w[j * k + i]));
                }
                acc.add(bias).intoArray(z, j * stride + s);
            }
        }
    }

    /** {@link LaneKernels#inputGradient} on whole vectors. */
    static void laneInputGradient(double[] dz, double[] w, int k, int m, int stride, double[] derivative, double[] dx) {
        for (int i = 0; i < k; i++) {
            int xi = i * stride;
            int s = 0;
            for (; s + 2 * L <= stride; s += 2 * L) {
                DoubleVector acc0 = DoubleVector.zero(S), acc1 = DoubleVector.zero(S);
                for (int j = 0; j < m; j++) {
                    double wji = w[j * k + i];
                    acc0 = acc0.add(DoubleVector.fromArray(S, dz, j * stride + s).mul(wji));
                    acc1 = acc1.add(DoubleVector.fromArray(S, dz, j * stride + s + L).mul(wji));
                }
                acc0.mul(DoubleVector.fromArray(S, derivative, xi + s)).intoArray(dx, xi + s);
                acc1.mul(DoubleVector.fromArray(S, derivative, xi + s + L)).intoArray(dx, xi + s + L);
            }
            if (s < stride) {
                DoubleVector acc = DoubleVector.zero(S);
                for (int j = 0; j < m; j++) {
                    acc = acc.add(DoubleVector.fromArray(S, dz, j * stride + s).mul(w[j * k + i]));
                }
                acc.mul(DoubleVector.fromArray(S, derivative, xi + s)).intoArray(dx, xi + s);
            }
        }
    }

    /** {@link LaneKernels#multiply}: len is a multiple of the lane count. */
    static void laneMultiply(double[] a, double[] b, double[] out, int len) {
        for (int i = 0; i < len; i += L) {
            DoubleVector.fromArray(S, a, i).mul(DoubleVector.fromArray(S, b, i)).intoArray(out, i);
        }
    }

    /**
     * The partial sums of {@link LaneKernels#layerGradients}, equal bit for bit to
     * {@link LaneKernels#layerPartialsReference}: with 8 lanes one vector holds a pair's 8 partial sums, with
     * 4 lanes two (samples of even blocks of 4 in the first, odd blocks in the second).
     */
    static void layerPartials(double[] dz, double[] x, int k, int m, int stride, double[] out) {
        // No vector is chosen by a branch (see block4x4): each case has its own loops.
        int per = (k + 1) * LaneKernels.PARTIALS;
        if (L == LaneKernels.PARTIALS && stride == 2 * L) {
            // 9 to 16 samples (the chapter's 12): a unit's dL/dz is two vectors, loaded once for all its inputs
            for (int j = 0; j < m; j++) {
                DoubleVector d0 = DoubleVector.fromArray(S, dz, j * stride);
                DoubleVector d1 = DoubleVector.fromArray(S, dz, j * stride + L);
                int o = j * per;
                for (int i = 0; i < k; i++) {
                    DoubleVector.zero(S).add(d0.mul(DoubleVector.fromArray(S, x, i * stride)))
                            .add(d1.mul(DoubleVector.fromArray(S, x, i * stride + L))).intoArray(out, o + i * L);
                }
                DoubleVector.zero(S).add(d0).add(d1).intoArray(out, o + k * L);
            }
        } else if (L == LaneKernels.PARTIALS) {
            for (int j = 0; j < m; j++) {
                int o = j * per, dj = j * stride;
                for (int i = 0; i < k; i++) {
                    DoubleVector a = DoubleVector.zero(S);
                    for (int s = 0; s < stride; s += L) {
                        a = a.add(DoubleVector.fromArray(S, dz, dj + s).mul(DoubleVector.fromArray(S, x, i * stride + s)));
                    }
                    a.intoArray(out, o + i * L);
                }
                DoubleVector a = DoubleVector.zero(S);
                for (int s = 0; s < stride; s += L) {
                    a = a.add(DoubleVector.fromArray(S, dz, dj + s));
                }
                a.intoArray(out, o + k * L);
            }
        } else {
            for (int j = 0; j < m; j++) {
                int o = j * per, dj = j * stride;
                for (int i = 0; i < k; i++) {
                    DoubleVector a = DoubleVector.zero(S), b = DoubleVector.zero(S);
                    for (int s = 0; s < stride; s += 2 * L) {
                        a = a.add(DoubleVector.fromArray(S, dz, dj + s).mul(DoubleVector.fromArray(S, x, i * stride + s)));
                        b = b.add(DoubleVector.fromArray(S, dz, dj + s + L)
                                .mul(DoubleVector.fromArray(S, x, i * stride + s + L)));
                    }
                    a.intoArray(out, o + i * 2 * L);
                    b.intoArray(out, o + i * 2 * L + L);
                }
                DoubleVector a = DoubleVector.zero(S), b = DoubleVector.zero(S);
                for (int s = 0; s < stride; s += 2 * L) {
                    a = a.add(DoubleVector.fromArray(S, dz, dj + s));
                    b = b.add(DoubleVector.fromArray(S, dz, dj + s + L));
                }
                a.intoArray(out, o + k * 2 * L);
                b.intoArray(out, o + k * 2 * L + L);
            }
        }
    }

    /** {@link LaneKernels#squaredError} on whole vectors, every lane (the caller zeroes the padding's gradient). */
    static void laneSquaredError(double[] o, double[] x, int w, int stride, double divisor, double scale,
                                 double[] grad, double[] perSample) {
        for (int s = 0; s < stride; s += L) {
            DoubleVector acc = DoubleVector.zero(S);
            for (int j = 0; j < w; j++) {
                DoubleVector d = DoubleVector.fromArray(S, o, j * stride + s).sub(DoubleVector.fromArray(S, x, j * stride + s));
                acc = acc.add(d.mul(d));
                if (grad != null) {
                    d.mul(scale).intoArray(grad, j * stride + s);
                }
            }
            acc.div(divisor).intoArray(perSample, s);
        }
    }
}
