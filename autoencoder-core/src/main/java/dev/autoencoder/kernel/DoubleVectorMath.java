package dev.autoencoder.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * tanh and the sigmoid on float64 vectors: {@link PortableMath}'s methods lane by lane, so the same bits
 * as the scalar code. Each function goes in array-to-array passes (argument, exponential, finish), so no
 * vector crosses a method boundary: a vector argument of a helper that C2 declines to inline is boxed.
 * Loaded only when the {@code jdk.incubator.vector} module is present.
 */
final class DoubleVectorMath {
    private DoubleVectorMath() {}

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** out[i] = tanh(z[i]) for i in [from, to): {@link PortableMath#tanh(double)} lane by lane, so the same bits. */
    static void tanh(double[] z, double[] out, int from, int to) {
        int whole = from + (to - from) / L * L;
        for (int i = from; i < whole; i += L) {
            DoubleVector.fromArray(S, z, i).abs().mul(2.0).min(PortableMath.CAP).intoArray(out, i);
        }
        expm1(out, out, from, whole);                                     // expm1(2|x|)
        for (int i = from; i < whole; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, z, i);
            DoubleVector e = DoubleVector.fromArray(S, out, i);
            DoubleVector t = e.div(e.add(2.0));
            DoubleVector signed = t.reinterpretAsLongs().or(x.reinterpretAsLongs().and(Long.MIN_VALUE))
                    .reinterpretAsDoubles();
            signed.blend(x, x.test(VectorOperators.IS_NAN)).intoArray(out, i);
        }
        for (int i = whole; i < to; i++) {
            out[i] = PortableMath.tanh(z[i]);
        }
    }

    /** a[i] = sigmoid(z[i]) for i in [from, to): {@link PortableMath#sigmoid} lane by lane. In place is fine. */
    static void sigmoid(double[] z, double[] a, int from, int to) {
        int whole = from + (to - from) / L * L;
        double[] e = a != z ? a : new double[whole]; // exp(-|z|) goes in a, unless a is z
        for (int i = from; i < whole; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, z, i);
            x.neg().min(x).max(PortableMath.EXP_FLOOR).intoArray(e, i);  // -|z|
        }
        expNonPositive(e, e, from, whole);                                // exp(-|z|)
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int i = from; i < whole; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, z, i);
            DoubleVector ex = DoubleVector.fromArray(S, e, i);
            DoubleVector v = one.blend(ex, x.compare(VectorOperators.LT, 0.0)).div(ex.add(1.0));
            v.blend(x, x.test(VectorOperators.IS_NAN)).intoArray(a, i);
        }
        for (int i = whole; i < to; i++) {
            a[i] = PortableMath.sigmoid(z[i]);
        }
    }

    /**
     * out = PortableMath's expm1Core of y, lane by lane, for i in [from, to) (a multiple of the lane count
     * long). In place is fine.
     */
    private static void expm1(double[] y, double[] out, int from, int to) {
        double[] a = PortableMath.A;
        for (int i = from; i < to; i += L) {
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
     * out = {@link PortableMath#expNonPositive} of y, lane by lane, for i in [from, to) (a multiple of the
     * lane count long), y in [-708, 0]. In place is fine.
     */
    private static void expNonPositive(double[] y, double[] out, int from, int to) {
        double[] b = PortableMath.B;
        for (int i = from; i < to; i += L) {
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
}
