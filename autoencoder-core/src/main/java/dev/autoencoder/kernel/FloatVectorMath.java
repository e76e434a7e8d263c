package dev.autoencoder.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * tanh and the sigmoid on float32 vectors. tanh is {@link PortableMath#tanh(float)} lane by lane (its own
 * shorter series, so not generated from {@link DoubleVectorMath}); the sigmoid, used by small networks
 * only, is the scalar float function.
 */
final class FloatVectorMath {
    private FloatVectorMath() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** The same shape as S in ints, for bit views of S's vectors (see {@link DoubleVectorMath} on why). */
    private static final VectorSpecies<Integer> BITS = S.withLanes(int.class);
    private static final int L = S.length();

    /** out[i] = tanh(z[i]) for i in [from, to), the same bits as {@link PortableMath#tanh(float)}. */
    static void tanh(float[] z, float[] out, int from, int to) {
        // the whole body in the loop: a vector handed to a helper C2 does not inline is boxed
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
            FloatVector twoN = (FloatVector) ((IntVector) n.add(PortableMath.ROUND_F).reinterpretShape(BITS, 0))
                    .sub(PortableMath.ROUND_BITS_F - 127).lanewise(VectorOperators.LSHL, 23).reinterpretShape(S, 0);
            FloatVector e = twoN.fma(p, twoN.sub(1f));
            FloatVector t = e.div(e.add(2f));
            FloatVector signed = (FloatVector) ((IntVector) t.reinterpretShape(BITS, 0))
                    .or(((IntVector) x.reinterpretShape(BITS, 0)).and(Integer.MIN_VALUE)).reinterpretShape(S, 0);
            signed.blend(x, x.test(VectorOperators.IS_NAN)).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = PortableMath.tanh(z[i]);
        }
    }

    /** a[i] = sigmoid(z[i]) for i in [from, to), as {@link PortableMath#sigmoid(float)}. */
    static void sigmoid(float[] z, float[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = PortableMath.sigmoid(z[i]);
        }
    }
}
