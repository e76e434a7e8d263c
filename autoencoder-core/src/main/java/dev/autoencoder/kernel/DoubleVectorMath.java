package dev.autoencoder.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * tanh and the sigmoid on float64 vectors: {@link PortableMath}'s methods lane by lane, so the same bits
 * as the scalar code. Each function is one loop with its whole body inside (as in {@link FloatVectorMath}):
 * a vector handed to a helper that C2 does not inline is boxed. Bit views name their species
 * ({@code reinterpretShape(BITS, 0)}): with {@code reinterpretAsLongs()}, whose species JDK 17's C2 does
 * not always see as a constant, this tanh loop fell back to boxed vectors in every JVM measured. Keep
 * few vector operations in a loop's text (tanh's series is an inner loop, parsed once): past a budget
 * of type-check traps JDK 17 boxes the rest (docs/design-notes.md, "JDK 17 facts"). Loaded only when
 * the {@code jdk.incubator.vector} module is present.
 */
final class DoubleVectorMath {
    private DoubleVectorMath() {}

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** The same shape as S in longs, for bit views of S's vectors. */
    private static final VectorSpecies<Long> BITS = S.withLanes(long.class);
    private static final int L = S.length();

    /**
     * out[i] = tanh(z[i]) for i in [from, to): {@link PortableMath#tanh(double)} lane by lane, so the same
     * bits. In place is fine.
     */
    static void tanh(double[] z, double[] out, int from, int to) {
        double[] a = PortableMath.A;
        int i = from;
        for (; i + L <= to; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, z, i);
            DoubleVector y = x.abs().mul(2.0).min(PortableMath.CAP);
            // expm1(y) = 2^n expm1(r) + (2^n - 1), as PortableMath's expm1Core
            DoubleVector n = y.fma(PortableMath.LOG2E, -0.5).add(PortableMath.ROUND).sub(PortableMath.ROUND);
            DoubleVector minusN = n.neg();
            DoubleVector r = minusN.fma(DoubleVector.broadcast(S, PortableMath.LN2_HI), y);
            r = minusN.fma(DoubleVector.broadcast(S, PortableMath.LN2_LO), r);
            // expm1(r) = r + r^2 (A1 + r (A2 + ... + A16 r^14)), by Horner's rule as PortableMath's
            DoubleVector q = DoubleVector.broadcast(S, a[a.length - 1]);
            for (int k = a.length - 2; k >= 1; k--) {
                q = q.fma(r, DoubleVector.broadcast(S, a[k]));
            }
            DoubleVector p = q.mul(r).fma(r, r);
            DoubleVector twoN = (DoubleVector) ((LongVector) n.add(PortableMath.ROUND).reinterpretShape(BITS, 0))
                    .sub(PortableMath.ROUND_BITS - 1023).lanewise(VectorOperators.LSHL, 52).reinterpretShape(S, 0);
            DoubleVector e = twoN.fma(p, twoN.sub(1.0));
            DoubleVector t = e.div(e.add(2.0));
            DoubleVector signed = (DoubleVector) ((LongVector) t.reinterpretShape(BITS, 0))
                    .or(((LongVector) x.reinterpretShape(BITS, 0)).and(Long.MIN_VALUE)).reinterpretShape(S, 0);
            signed.blend(x, x.test(VectorOperators.IS_NAN)).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = PortableMath.tanh(z[i]);
        }
    }

    /**
     * a[i] = sigmoid(z[i]) for i in [from, to): {@link PortableMath#sigmoid} lane by lane, so the same bits.
     * In place is fine.
     */
    static void sigmoid(double[] z, double[] a, int from, int to) {
        double[] b = PortableMath.B;
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        int i = from;
        for (; i + L <= to; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, z, i);
            DoubleVector y = x.neg().min(x).max(PortableMath.EXP_FLOOR);                // -|z|
            // exp(y) for y in [-708, 0], as PortableMath's expNonPositive
            DoubleVector n = y.fma(PortableMath.LOG2E, PortableMath.ROUND).sub(PortableMath.ROUND);
            DoubleVector r = n.fma(DoubleVector.broadcast(S, -PortableMath.LN2_HI), y);
            r = n.fma(DoubleVector.broadcast(S, -PortableMath.LN2_LO), r);
            DoubleVector r2 = r.mul(r);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector r8 = r4.mul(r4);
            DoubleVector q0 = r.fma(b[3], b[2]).fma(r2, r.fma(b[1], b[0]));
            DoubleVector q1 = r.fma(b[7], b[6]).fma(r2, r.fma(b[5], b[4]));
            DoubleVector q2 = r.fma(b[11], b[10]).fma(r2, r.fma(b[9], b[8]));
            DoubleVector q = q2.fma(r8, q1.fma(r4, q0));
            DoubleVector p = q.fma(r2, r).add(1.0);
            DoubleVector twoN = (DoubleVector) ((LongVector) n.add(PortableMath.ROUND).reinterpretShape(BITS, 0))
                    .sub(PortableMath.ROUND_BITS - 1023).lanewise(VectorOperators.LSHL, 52).reinterpretShape(S, 0);
            DoubleVector e = twoN.mul(p);                                                // exp(-|z|)
            DoubleVector v = one.blend(e, x.compare(VectorOperators.LT, 0.0)).div(e.add(1.0));
            v.blend(x, x.test(VectorOperators.IS_NAN)).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = PortableMath.sigmoid(z[i]);
        }
    }
}
