package dev.autoencoder.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorKernels} for float32: the same 4 x 4-vector block and per-element order on
 * {@code FloatVector} (16 lanes on AVX-512). Generated from VectorKernels by changing the types; keep
 * the two in step.
 */
final class FloatVectorKernels {
    private FloatVectorKernels() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
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
    private static final int PAD = 12;
    /** Each thread's buffer for the packed copy of B, grown to the largest product it has done. */
    private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[0]);

    private static float[] panel(int size) {
        float[] panel = PANEL.get();
        if (panel.length < size) {
            panel = new float[size];
            PANEL.set(panel);
        }
        return panel;
    }

    /** Copies the first strips x 4L columns of B (k x n) to panel: strip s's row p at PAD + (s * k + p) * 4L. */
    private static void pack(float[] b, int k, int n, int strips, float[] panel) {
        for (int s = 0; s < strips; s++) {
            for (int p = 0; p < k; p++) {
                int from = p * n + s * W, to = PAD + (s * k + p) * W;
                FloatVector.fromArray(S, b, from).intoArray(panel, to);
                FloatVector.fromArray(S, b, from + L).intoArray(panel, to + L);
                FloatVector.fromArray(S, b, from + 2 * L).intoArray(panel, to + 2 * L);
                FloatVector.fromArray(S, b, from + 3 * L).intoArray(panel, to + 3 * L);
            }
        }
    }

    /** The number of floats in one vector. */
    static int lanes() {
        return L;
    }

    /** Rows [rowFrom, rowTo) of C (M x N) = [C +] A (M x K) B (K x N). */
    static void gemmRows(float[] a, float[] b, float[] c, int k, int n, int rowFrom, int rowTo, boolean accumulate) {
        gemmRows(a, k, 1, b, c, k, n, rowFrom, rowTo, accumulate);
    }

    /**
     * Rows [rowFrom, rowTo) of C (M x N) = [C +] A B where A's element (i, p) is a[i * rs + p * cs]: (k, 1)
     * for a row-major A, (1, M) for the transpose of a row-major (K x M) matrix, which saves copying it.
     * Blocks of 4 rows by 4 (by 3 on AVX2), 2 or 1 vectors; rows left over go one at a time.
     */
    static void gemmRows(float[] a, int rs, int cs, float[] b, float[] c, int k, int n, int rowFrom, int rowTo,
                         boolean accumulate) {
        gemmRows(a, rs, cs, b, packed(b, k, n, rowTo - rowFrom), c, k, n, rowFrom, rowTo, accumulate);
    }

    /**
     * B's columns in strips of 4 vectors for the 4 x 4 blocks of a product of this many rows, in this thread's
     * buffer, or null where the blocks read B in place (vectors narrower than 512 bits, fewer than 4 rows or
     * than 4 vectors of columns). Each strip's rows lie next to each other from a cache-line boundary, so a
     * block's loads of B are contiguous and, under the launcher, aligned.
     */
    static float[] packed(float[] b, int k, int n, int rows) {
        int strips = n / W;
        if (NARROW || rows < 4 || strips == 0) {
            return null;
        }
        float[] panel = panel(PAD + strips * k * W);
        pack(b, k, n, strips, panel);
        return panel;
    }

    /** {@link #gemmRows} with B also in the strips {@link #packed} made of it (or null). */
    static void gemmRows(float[] a, int rs, int cs, float[] b, float[] panel, float[] c, int k, int n, int rowFrom,
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
    private static void block4x3(float[] a, int rs, int cs, float[] b, float[] c, int k, int n, int i, int j, boolean acc) {
        int c0 = i * n + j, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        FloatVector x00 = FloatVector.zero(S), x01 = FloatVector.zero(S), x02 = FloatVector.zero(S);
        FloatVector x10 = FloatVector.zero(S), x11 = FloatVector.zero(S), x12 = FloatVector.zero(S);
        FloatVector x20 = FloatVector.zero(S), x21 = FloatVector.zero(S), x22 = FloatVector.zero(S);
        FloatVector x30 = FloatVector.zero(S), x31 = FloatVector.zero(S), x32 = FloatVector.zero(S);
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        // running indices, not p * n and p * cs: the JIT (JDK 17) multiplies those out and checks their bounds
        // every step; where A is row-major (cs = 1) its index is the loop counter plus a constant, and the JIT
        // drops A's bounds checks as well
        if (cs == 1) {
            for (int p = 0, bo = j; p < k; p++, bo += n) {
                FloatVector b0 = FloatVector.fromArray(S, b, bo);
                FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bo + 2 * L);
                FloatVector v = FloatVector.broadcast(S, a[a0 + p]);
                x00 = v.fma(b0, x00); x01 = v.fma(b1, x01); x02 = v.fma(b2, x02);
                v = FloatVector.broadcast(S, a[a1 + p]);
                x10 = v.fma(b0, x10); x11 = v.fma(b1, x11); x12 = v.fma(b2, x12);
                v = FloatVector.broadcast(S, a[a2 + p]);
                x20 = v.fma(b0, x20); x21 = v.fma(b1, x21); x22 = v.fma(b2, x22);
                v = FloatVector.broadcast(S, a[a3 + p]);
                x30 = v.fma(b0, x30); x31 = v.fma(b1, x31); x32 = v.fma(b2, x32);
            }
        } else {
            for (int p = 0, ap = 0, bo = j; p < k; p++, ap += cs, bo += n) {
                FloatVector b0 = FloatVector.fromArray(S, b, bo);
                FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bo + 2 * L);
                FloatVector v = FloatVector.broadcast(S, a[a0 + ap]);
                x00 = v.fma(b0, x00); x01 = v.fma(b1, x01); x02 = v.fma(b2, x02);
                v = FloatVector.broadcast(S, a[a1 + ap]);
                x10 = v.fma(b0, x10); x11 = v.fma(b1, x11); x12 = v.fma(b2, x12);
                v = FloatVector.broadcast(S, a[a2 + ap]);
                x20 = v.fma(b0, x20); x21 = v.fma(b1, x21); x22 = v.fma(b2, x22);
                v = FloatVector.broadcast(S, a[a3 + ap]);
                x30 = v.fma(b0, x30); x31 = v.fma(b1, x31); x32 = v.fma(b2, x32);
            }
        }
        // the old values are added in two separate branches, as in block4x4
        if (acc) {
            x00.add(FloatVector.fromArray(S, c, c0)).intoArray(c, c0);
            x01.add(FloatVector.fromArray(S, c, c0 + L)).intoArray(c, c0 + L);
            x02.add(FloatVector.fromArray(S, c, c0 + 2 * L)).intoArray(c, c0 + 2 * L);
            x10.add(FloatVector.fromArray(S, c, c1)).intoArray(c, c1);
            x11.add(FloatVector.fromArray(S, c, c1 + L)).intoArray(c, c1 + L);
            x12.add(FloatVector.fromArray(S, c, c1 + 2 * L)).intoArray(c, c1 + 2 * L);
            x20.add(FloatVector.fromArray(S, c, c2)).intoArray(c, c2);
            x21.add(FloatVector.fromArray(S, c, c2 + L)).intoArray(c, c2 + L);
            x22.add(FloatVector.fromArray(S, c, c2 + 2 * L)).intoArray(c, c2 + 2 * L);
            x30.add(FloatVector.fromArray(S, c, c3)).intoArray(c, c3);
            x31.add(FloatVector.fromArray(S, c, c3 + L)).intoArray(c, c3 + L);
            x32.add(FloatVector.fromArray(S, c, c3 + 2 * L)).intoArray(c, c3 + 2 * L);
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
    private static void block4x4(float[] a, int rs, int cs, float[] b, int bj, int bn, float[] c, int k, int n, int i, int j,
                                 boolean acc) {
        int c0 = i * n + j, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        FloatVector x00 = FloatVector.zero(S), x01 = FloatVector.zero(S), x02 = FloatVector.zero(S), x03 = FloatVector.zero(S);
        FloatVector x10 = FloatVector.zero(S), x11 = FloatVector.zero(S), x12 = FloatVector.zero(S), x13 = FloatVector.zero(S);
        FloatVector x20 = FloatVector.zero(S), x21 = FloatVector.zero(S), x22 = FloatVector.zero(S), x23 = FloatVector.zero(S);
        FloatVector x30 = FloatVector.zero(S), x31 = FloatVector.zero(S), x32 = FloatVector.zero(S), x33 = FloatVector.zero(S);
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bn;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bo + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bo + 3 * L);
            FloatVector v = FloatVector.broadcast(S, a[a0 + p * cs]);
            x00 = v.fma(b0, x00); x01 = v.fma(b1, x01); x02 = v.fma(b2, x02); x03 = v.fma(b3, x03);
            v = FloatVector.broadcast(S, a[a1 + p * cs]);
            x10 = v.fma(b0, x10); x11 = v.fma(b1, x11); x12 = v.fma(b2, x12); x13 = v.fma(b3, x13);
            v = FloatVector.broadcast(S, a[a2 + p * cs]);
            x20 = v.fma(b0, x20); x21 = v.fma(b1, x21); x22 = v.fma(b2, x22); x23 = v.fma(b3, x23);
            v = FloatVector.broadcast(S, a[a3 + p * cs]);
            x30 = v.fma(b0, x30); x31 = v.fma(b1, x31); x32 = v.fma(b2, x32); x33 = v.fma(b3, x33);
        }
        // the old values are added in two separate branches: reassigning a vector inside a branch makes
        // a merge point where the JIT (JDK 17) keeps it as an object, and the kernel runs 20 times slower
        if (acc) {
            x00.add(FloatVector.fromArray(S, c, c0)).intoArray(c, c0);
            x01.add(FloatVector.fromArray(S, c, c0 + L)).intoArray(c, c0 + L);
            x02.add(FloatVector.fromArray(S, c, c0 + 2 * L)).intoArray(c, c0 + 2 * L);
            x03.add(FloatVector.fromArray(S, c, c0 + 3 * L)).intoArray(c, c0 + 3 * L);
            x10.add(FloatVector.fromArray(S, c, c1)).intoArray(c, c1);
            x11.add(FloatVector.fromArray(S, c, c1 + L)).intoArray(c, c1 + L);
            x12.add(FloatVector.fromArray(S, c, c1 + 2 * L)).intoArray(c, c1 + 2 * L);
            x13.add(FloatVector.fromArray(S, c, c1 + 3 * L)).intoArray(c, c1 + 3 * L);
            x20.add(FloatVector.fromArray(S, c, c2)).intoArray(c, c2);
            x21.add(FloatVector.fromArray(S, c, c2 + L)).intoArray(c, c2 + L);
            x22.add(FloatVector.fromArray(S, c, c2 + 2 * L)).intoArray(c, c2 + 2 * L);
            x23.add(FloatVector.fromArray(S, c, c2 + 3 * L)).intoArray(c, c2 + 3 * L);
            x30.add(FloatVector.fromArray(S, c, c3)).intoArray(c, c3);
            x31.add(FloatVector.fromArray(S, c, c3 + L)).intoArray(c, c3 + L);
            x32.add(FloatVector.fromArray(S, c, c3 + 2 * L)).intoArray(c, c3 + 2 * L);
            x33.add(FloatVector.fromArray(S, c, c3 + 3 * L)).intoArray(c, c3 + 3 * L);
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

    private static void block4x2(float[] a, int rs, int cs, float[] b, float[] c, int k, int n, int i, int j, boolean acc) {
        int c0 = i * n + j, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        FloatVector x00 = FloatVector.zero(S), x01 = FloatVector.zero(S);
        FloatVector x10 = FloatVector.zero(S), x11 = FloatVector.zero(S);
        FloatVector x20 = FloatVector.zero(S), x21 = FloatVector.zero(S);
        FloatVector x30 = FloatVector.zero(S), x31 = FloatVector.zero(S);
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int p = 0; p < k; p++) {
            int bo = p * n + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector v = FloatVector.broadcast(S, a[a0 + p * cs]);
            x00 = v.fma(b0, x00); x01 = v.fma(b1, x01);
            v = FloatVector.broadcast(S, a[a1 + p * cs]);
            x10 = v.fma(b0, x10); x11 = v.fma(b1, x11);
            v = FloatVector.broadcast(S, a[a2 + p * cs]);
            x20 = v.fma(b0, x20); x21 = v.fma(b1, x21);
            v = FloatVector.broadcast(S, a[a3 + p * cs]);
            x30 = v.fma(b0, x30); x31 = v.fma(b1, x31);
        }
        // the old values are added in two separate branches: reassigning a vector inside a branch makes
        // a merge point where the JIT (JDK 17) keeps it as an object, and the kernel runs 20 times slower
        if (acc) {
            x00.add(FloatVector.fromArray(S, c, c0)).intoArray(c, c0);
            x01.add(FloatVector.fromArray(S, c, c0 + L)).intoArray(c, c0 + L);
            x10.add(FloatVector.fromArray(S, c, c1)).intoArray(c, c1);
            x11.add(FloatVector.fromArray(S, c, c1 + L)).intoArray(c, c1 + L);
            x20.add(FloatVector.fromArray(S, c, c2)).intoArray(c, c2);
            x21.add(FloatVector.fromArray(S, c, c2 + L)).intoArray(c, c2 + L);
            x30.add(FloatVector.fromArray(S, c, c3)).intoArray(c, c3);
            x31.add(FloatVector.fromArray(S, c, c3 + L)).intoArray(c, c3 + L);
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

    private static void block4x1(float[] a, int rs, int cs, float[] b, float[] c, int k, int n, int i, int j, boolean acc) {
        int c0 = i * n + j, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        FloatVector x00 = FloatVector.zero(S);
        FloatVector x10 = FloatVector.zero(S);
        FloatVector x20 = FloatVector.zero(S);
        FloatVector x30 = FloatVector.zero(S);
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, p * n + j);
            x00 = FloatVector.broadcast(S, a[a0 + p * cs]).fma(b0, x00);
            x10 = FloatVector.broadcast(S, a[a1 + p * cs]).fma(b0, x10);
            x20 = FloatVector.broadcast(S, a[a2 + p * cs]).fma(b0, x20);
            x30 = FloatVector.broadcast(S, a[a3 + p * cs]).fma(b0, x30);
        }
        // the old values are added in two separate branches: reassigning a vector inside a branch makes
        // a merge point where the JIT (JDK 17) keeps it as an object, and the kernel runs 20 times slower
        if (acc) {
            x00.add(FloatVector.fromArray(S, c, c0)).intoArray(c, c0);
            x10.add(FloatVector.fromArray(S, c, c1)).intoArray(c, c1);
            x20.add(FloatVector.fromArray(S, c, c2)).intoArray(c, c2);
            x30.add(FloatVector.fromArray(S, c, c3)).intoArray(c, c3);
        } else {
            x00.intoArray(c, c0);
            x10.intoArray(c, c1);
            x20.intoArray(c, c2);
            x30.intoArray(c, c3);
        }
    }

    private static void block1x4(float[] a, int rs, int cs, float[] b, float[] c, int k, int n, int i, int j, boolean acc) {
        int c0 = i * n + j;
        FloatVector x00 = FloatVector.zero(S), x01 = FloatVector.zero(S), x02 = FloatVector.zero(S), x03 = FloatVector.zero(S);
        int a0 = i * rs;
        for (int p = 0; p < k; p++) {
            int bo = p * n + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bo + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bo + 3 * L);
            FloatVector v = FloatVector.broadcast(S, a[a0 + p * cs]);
            x00 = v.fma(b0, x00); x01 = v.fma(b1, x01); x02 = v.fma(b2, x02); x03 = v.fma(b3, x03);
        }
        // the old values are added in two separate branches: reassigning a vector inside a branch makes
        // a merge point where the JIT (JDK 17) keeps it as an object, and the kernel runs 20 times slower
        if (acc) {
            x00.add(FloatVector.fromArray(S, c, c0)).intoArray(c, c0);
            x01.add(FloatVector.fromArray(S, c, c0 + L)).intoArray(c, c0 + L);
            x02.add(FloatVector.fromArray(S, c, c0 + 2 * L)).intoArray(c, c0 + 2 * L);
            x03.add(FloatVector.fromArray(S, c, c0 + 3 * L)).intoArray(c, c0 + 3 * L);
        } else {
            x00.intoArray(c, c0);
            x01.intoArray(c, c0 + L);
            x02.intoArray(c, c0 + 2 * L);
            x03.intoArray(c, c0 + 3 * L);
        }
    }

    private static void block1x1(float[] a, int rs, int cs, float[] b, float[] c, int k, int n, int i, int j, boolean acc) {
        int c0 = i * n + j;
        FloatVector x00 = FloatVector.zero(S);
        int a0 = i * rs;
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, p * n + j);
            x00 = FloatVector.broadcast(S, a[a0 + p * cs]).fma(b0, x00);
        }
        // the old values are added in two separate branches: reassigning a vector inside a branch makes
        // a merge point where the JIT (JDK 17) keeps it as an object, and the kernel runs 20 times slower
        if (acc) {
            x00.add(FloatVector.fromArray(S, c, c0)).intoArray(c, c0);
        } else {
            x00.intoArray(c, c0);
        }
    }

    private static void scalarTail(float[] a, int rs, int cs, float[] b, float[] c, int k, int n, int i, int jFrom, boolean acc) {
        int ao = i * rs;
        for (int j = jFrom; j < n; j++) {
            float x = 0f;
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
    static void addToRows(float[] z, float[] b, int n, int m) {
        int top = S.loopBound(m);
        for (int r = 0, o = 0; r < n; r++, o += m) {
            int j = 0;
            for (; j < top; j += L) {
                FloatVector.fromArray(S, z, o + j).add(FloatVector.fromArray(S, b, j)).intoArray(z, o + j);
            }
            for (; j < m; j++) {
                z[o + j] += b[j];
            }
        }
    }

    /** sums (m) += the column sums of a (n x m), each column top to bottom after its old value, in registers. */
    static void addColumnSums(float[] a, float[] sums, int n, int m) {
        int j = 0;
        for (int top = S.loopBound(m); j < top; j += L) {
            FloatVector acc = FloatVector.fromArray(S, sums, j);
            for (int r = 0, o = j; r < n; r++, o += m) {
                acc = acc.add(FloatVector.fromArray(S, a, o));
            }
            acc.intoArray(sums, j);
        }
        for (; j < m; j++) {
            float acc = sums[j];
            for (int r = 0, o = j; r < n; r++, o += m) {
                acc += a[o];
            }
            sums[j] = acc;
        }
    }

    /**
     * out[i] = tanh(z[i]) for i in [from, to): {@link PortableMath}'s method lane by lane (the same bits as
     * {@link PortableMath#tanh(float)}).
     */
    static void tanh(float[] z, float[] out, int from, int to) {
        // the whole body in the loop: a vector handed to a helper C2 does not inline is boxed (see VectorKernels)
        float[] c = PortableMath.A_F;
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector x = FloatVector.fromArray(S, z, i);
            FloatVector y = x.abs().mul(2f).min(PortableMath.CAP_F);
            FloatVector n = y.fma(PortableMath.LOG2E_F, -0.5f).add(PortableMath.ROUND_F).sub(PortableMath.ROUND_F);
            FloatVector minusN = n.neg();
            FloatVector r = minusN.fma(FloatVector.broadcast(S, PortableMath.LN2_HI_F), y);
            r = minusN.fma(FloatVector.broadcast(S, PortableMath.LN2_LO_F), r);
            FloatVector q = FloatVector.broadcast(S, c[c.length - 1]);
            for (int k = c.length - 2; k >= 0; k--) {
                q = q.fma(r, FloatVector.broadcast(S, c[k]));
            }
            FloatVector p = q.mul(r);
            FloatVector twoN = n.add(PortableMath.ROUND_F).reinterpretAsInts().sub(PortableMath.ROUND_BITS_F - 127)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector e = twoN.fma(p, twoN.sub(1f));
            FloatVector t = e.div(e.add(2f));
            FloatVector signed = t.reinterpretAsInts().or(x.reinterpretAsInts().and(Integer.MIN_VALUE))
                    .reinterpretAsFloats();
            signed.blend(x, x.test(VectorOperators.IS_NAN)).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = PortableMath.tanh(z[i]);
        }
    }
}
