package dev.autoencoder.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorKernels} for float32: the same 6 x 3-vector block and per-element order on
 * {@code FloatVector} (16 lanes on AVX-512). Generated from VectorKernels by changing the types; keep
 * the two in step.
 */
final class FloatVectorKernels {
    private FloatVectorKernels() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Rows [rowFrom, rowTo) of C (M x N) = [C +] A (M x K) B (K x N). */
    static void gemmRows(float[] a, float[] b, float[] c, int k, int n, int rowFrom, int rowTo, boolean accumulate) {
        int i = rowFrom;
        for (; i + 6 <= rowTo; i += 6) {
            int j = 0;
            for (; j + 3 * L <= n; j += 3 * L) {
                block6x3(a, b, c, k, n, i, j, accumulate);
            }
            for (; j + L <= n; j += L) {
                block6x1(a, b, c, k, n, i, j, accumulate);
            }
            for (int r = i; r < i + 6; r++) {
                scalarTail(a, b, c, k, n, r, j, accumulate);
            }
        }
        for (; i < rowTo; i++) {
            int j = 0;
            for (; j + L <= n; j += L) {
                oneVector(a, b, c, k, n, i, j, accumulate);
            }
            scalarTail(a, b, c, k, n, i, j, accumulate);
        }
    }

    /** Stores a finished sum, adding it to C's old value when accumulating. */
    private static void store(FloatVector x, float[] c, int at, boolean accumulate) {
        (accumulate ? x.add(FloatVector.fromArray(S, c, at)) : x).intoArray(c, at);
    }

    private static void block6x3(float[] a, float[] b, float[] c, int k, int n, int i, int j, boolean acc) {
        int c0 = i * n + j, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n, c4 = c3 + n, c5 = c4 + n;
        FloatVector x00 = FloatVector.zero(S), x01 = FloatVector.zero(S), x02 = FloatVector.zero(S);
        FloatVector x10 = FloatVector.zero(S), x11 = FloatVector.zero(S), x12 = FloatVector.zero(S);
        FloatVector x20 = FloatVector.zero(S), x21 = FloatVector.zero(S), x22 = FloatVector.zero(S);
        FloatVector x30 = FloatVector.zero(S), x31 = FloatVector.zero(S), x32 = FloatVector.zero(S);
        FloatVector x40 = FloatVector.zero(S), x41 = FloatVector.zero(S), x42 = FloatVector.zero(S);
        FloatVector x50 = FloatVector.zero(S), x51 = FloatVector.zero(S), x52 = FloatVector.zero(S);
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k, a4 = a3 + k, a5 = a4 + k;
        for (int p = 0; p < k; p++) {
            int bo = p * n + j;
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
            v = FloatVector.broadcast(S, a[a4 + p]);
            x40 = v.fma(b0, x40); x41 = v.fma(b1, x41); x42 = v.fma(b2, x42);
            v = FloatVector.broadcast(S, a[a5 + p]);
            x50 = v.fma(b0, x50); x51 = v.fma(b1, x51); x52 = v.fma(b2, x52);
        }
        store(x00, c, c0, acc); store(x01, c, c0 + L, acc); store(x02, c, c0 + 2 * L, acc);
        store(x10, c, c1, acc); store(x11, c, c1 + L, acc); store(x12, c, c1 + 2 * L, acc);
        store(x20, c, c2, acc); store(x21, c, c2 + L, acc); store(x22, c, c2 + 2 * L, acc);
        store(x30, c, c3, acc); store(x31, c, c3 + L, acc); store(x32, c, c3 + 2 * L, acc);
        store(x40, c, c4, acc); store(x41, c, c4 + L, acc); store(x42, c, c4 + 2 * L, acc);
        store(x50, c, c5, acc); store(x51, c, c5 + L, acc); store(x52, c, c5 + 2 * L, acc);
    }

    private static void block6x1(float[] a, float[] b, float[] c, int k, int n, int i, int j, boolean acc) {
        int c0 = i * n + j, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n, c4 = c3 + n, c5 = c4 + n;
        FloatVector x0 = FloatVector.zero(S), x1 = FloatVector.zero(S), x2 = FloatVector.zero(S);
        FloatVector x3 = FloatVector.zero(S), x4 = FloatVector.zero(S), x5 = FloatVector.zero(S);
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k, a4 = a3 + k, a5 = a4 + k;
        for (int p = 0; p < k; p++) {
            FloatVector bv = FloatVector.fromArray(S, b, p * n + j);
            x0 = FloatVector.broadcast(S, a[a0 + p]).fma(bv, x0);
            x1 = FloatVector.broadcast(S, a[a1 + p]).fma(bv, x1);
            x2 = FloatVector.broadcast(S, a[a2 + p]).fma(bv, x2);
            x3 = FloatVector.broadcast(S, a[a3 + p]).fma(bv, x3);
            x4 = FloatVector.broadcast(S, a[a4 + p]).fma(bv, x4);
            x5 = FloatVector.broadcast(S, a[a5 + p]).fma(bv, x5);
        }
        store(x0, c, c0, acc); store(x1, c, c1, acc); store(x2, c, c2, acc);
        store(x3, c, c3, acc); store(x4, c, c4, acc); store(x5, c, c5, acc);
    }

    private static void oneVector(float[] a, float[] b, float[] c, int k, int n, int i, int j, boolean acc) {
        int co = i * n + j, ao = i * k;
        FloatVector x = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            x = FloatVector.broadcast(S, a[ao + p]).fma(FloatVector.fromArray(S, b, p * n + j), x);
        }
        store(x, c, co, acc);
    }

    private static void scalarTail(float[] a, float[] b, float[] c, int k, int n, int i, int jFrom, boolean acc) {
        int ao = i * k;
        for (int j = jFrom; j < n; j++) {
            float x = 0f;
            for (int p = 0; p < k; p++) {
                x = Math.fma(a[ao + p], b[p * n + j], x);
            }
            c[i * n + j] = acc ? x + c[i * n + j] : x;
        }
    }

    /** tanh on a whole array: {@link PortableMath}'s method lane by lane (the same bits as {@link PortableMath#tanh(float)}). */
    static void tanh(float[] z, float[] out, int len) {
        int i = 0;
        for (; i + L <= len; i += L) {
            tanh(FloatVector.fromArray(S, z, i)).intoArray(out, i);
        }
        for (; i < len; i++) {
            out[i] = PortableMath.tanh(z[i]);
        }
    }

    private static FloatVector tanh(FloatVector x) {
        FloatVector y = x.abs().mul(2f).min(PortableMath.CAP_F);
        FloatVector n = y.fma(PortableMath.LOG2E_F, -0.5f).add(PortableMath.ROUND_F).sub(PortableMath.ROUND_F);
        FloatVector minusN = n.neg();
        FloatVector r = minusN.fma(FloatVector.broadcast(S, PortableMath.LN2_HI_F), y);
        r = minusN.fma(FloatVector.broadcast(S, PortableMath.LN2_LO_F), r);
        float[] c = PortableMath.C_F;
        FloatVector q = FloatVector.broadcast(S, c[0]);
        for (int i = 1; i < c.length; i++) {
            q = q.fma(r, FloatVector.broadcast(S, c[i]));
        }
        FloatVector p = q.mul(r);
        FloatVector twoN = n.add(PortableMath.ROUND_F).reinterpretAsInts().sub(PortableMath.ROUND_BITS_F - 127)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector e = twoN.fma(p, twoN.sub(1f));
        FloatVector t = e.div(e.add(2f));
        FloatVector signed = t.reinterpretAsInts().or(x.reinterpretAsInts().and(Integer.MIN_VALUE)).reinterpretAsFloats();
        return signed.blend(x, x.test(VectorOperators.IS_NAN));
    }
}
