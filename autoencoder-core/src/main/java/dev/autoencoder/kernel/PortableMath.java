package dev.autoencoder.kernel;

/**
 * tanh and the logistic sigmoid built only from additions, multiplications, fused multiply-adds, one division and exact
 * bit operations, so that the scalar code here and the vector code in {@link DoubleVectorMath} and
 * {@link FloatVectorMath} (which repeat it lane by lane) give the same bits on every machine,
 * interpreted or compiled.
 *
 * <p>Why not the library's: {@code Math.tanh} has no vector form, and the Vector API's {@code TANH}
 * is Intel's SVML once the JIT compiles the loop but {@code Math.tanh} lane by lane before, and the
 * two differ in the last bit for about one input in seven: a training run's numbers would then
 * depend on when the compiler got to it.
 *
 * <p>Method for tanh: for a = |x|, tanh a = e / (e + 2) with e = expm1(2a), which loses no precision near 0.
 * expm1(y) = 2^n expm1(r) + (2^n - 1) with n = round(y / ln 2 - 1/2), so 0 <= r <= ln 2 and every term
 * is positive (no cancellation), and expm1(r) from its Taylor series (to r^17/17! in double, to r^10/10!
 * in float), evaluated by Horner's rule. 2a is capped at 40 (20 in float), past
 * which tanh rounds to 1. The sign is copied back from x; NaN stays NaN. Error: within 3 ulp of
 * {@code Math.tanh} over 2 million inputs (the test allows 4).
 *
 * <p>Method for the sigmoid: e = exp(-|z|) (the argument floored at -708, below which e^z is under
 * 1e-307), then 1 / (1 + e) for z >= 0 and e / (1 + e) for z < 0, so neither tail loses precision.
 * Here no expm1 is needed, so the reduction rounds to the nearest n: y = n ln 2 + r with |r| <= ln 2 / 2,
 * and e^r = 1 + (r + r^2 (1/2! + r/3! + ... + r^11/13!)), the inner sum by Estrin's scheme, then times
 * 2^n: 24 vector operations where the expm1 route takes 31, and the sigmoid is most of the chapter's
 * network's arithmetic. Within 4 ulp of {@code 1 / (1 + Math.exp(-z))} where that formula is itself
 * accurate (tested).
 */
public final class PortableMath {
    private PortableMath() {}

    static final double LOG2E = 1.4426950408889634;
    static final double LN2_HI = 0.6931471805599453;        // ln 2 rounded to double
    static final double LN2_LO = 2.3190468138462996e-17;    // ln 2 - LN2_HI
    static final double ROUND = 0x1.8p52;                    // adding it rounds to an integer
    static final long ROUND_BITS = Double.doubleToRawLongBits(ROUND);
    static final double CAP = 40.0;
    /** A[i] = 1/(i+1)!, i = 0 .. 16: expm1(r) = r (A0 + A1 r + A2 r^2 + ...). */
    static final double[] A = inverseFactorials(17);
    /** B[i] = 1/(i+2)!, i = 0 .. 11: e^r = 1 + (r + r^2 (B0 + B1 r + ... + B11 r^11)). */
    static final double[] B = java.util.Arrays.copyOfRange(inverseFactorials(13), 1, 13);

    static final float LOG2E_F = 1.4426950f;
    static final float LN2_HI_F = 0.6931472f;
    static final float LN2_LO_F = (float) (0.6931471805599453 - 0.6931472f);
    static final float ROUND_F = 0x1.8p23f;
    static final int ROUND_BITS_F = Float.floatToRawIntBits(ROUND_F);
    static final float CAP_F = 20f;
    /** The same series in float, to r^9/10!, evaluated by Horner's rule from the top. */
    static final float[] A_F = floats(inverseFactorials(10));

    /** 1/1!, 1/2!, ..., 1/terms!. */
    private static double[] inverseFactorials(int terms) {
        double[] c = new double[terms];
        double f = 1.0;
        for (int i = 0; i < terms; i++) {
            f *= i + 1;
            c[i] = 1.0 / f;
        }
        return c;
    }

    private static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    static final double EXP_FLOOR = -708.0;

    /** The logistic sigmoid 1 / (1 + e^-z) in double. */
    public static double sigmoid(double z) {
        if (z != z) {
            return z;
        }
        double e = expNonPositive(Math.max(-Math.abs(z), EXP_FLOOR));   // exp(-|z|)
        return (z < 0.0 ? e : 1.0) / (1.0 + e);
    }

    /**
     * e^y for y in [-708, 0]: n = round(y / ln 2), r = y - n ln 2 (|r| <= ln 2 / 2, in two steps with ln 2
     * split in two), e^y = 2^n (1 + (r + r^2 Q(r))), Q by Estrin's scheme (pairs, then r^2, r^4, r^8). The
     * series' remainder is below 5e-18 of the result; the rounding is at most an ulp or so, most of it
     * in the last addition.
     */
    static double expNonPositive(double y) {
        double n = Math.fma(y, LOG2E, ROUND) - ROUND;
        double r = Math.fma(n, -LN2_HI, y);
        r = Math.fma(n, -LN2_LO, r);
        double[] b = B;
        double r2 = r * r;
        double r4 = r2 * r2;
        double r8 = r4 * r4;
        double q0 = Math.fma(Math.fma(b[3], r, b[2]), r2, Math.fma(b[1], r, b[0]));
        double q1 = Math.fma(Math.fma(b[7], r, b[6]), r2, Math.fma(b[5], r, b[4]));
        double q2 = Math.fma(Math.fma(b[11], r, b[10]), r2, Math.fma(b[9], r, b[8]));
        double q = Math.fma(q2, r8, Math.fma(q1, r4, q0));
        double p = Math.fma(q, r2, r) + 1.0;
        double twoN = Double.longBitsToDouble((Double.doubleToRawLongBits(n + ROUND) - ROUND_BITS + 1023) << 52);
        return twoN * p;
    }

    /** tanh(x) in double. */
    public static double tanh(double x) {
        if (x != x) {
            return x;
        }
        double e = expm1Core(Math.min(2.0 * Math.abs(x), CAP));           // expm1(2|x|)
        return Math.copySign(e / (e + 2.0), x);
    }

    /**
     * expm1(y) = 2^n expm1(r) + (2^n - 1) with y = n ln 2 + r, n = round(y / ln 2 - 1/2), 0 <= r <= ln 2
     * (every term positive). y must lie in [0, 709].
     */
    private static double expm1Core(double y) {
        double n = (Math.fma(y, LOG2E, -0.5) + ROUND) - ROUND;
        double r = Math.fma(-n, LN2_HI, y);
        r = Math.fma(-n, LN2_LO, r);
        double p = expm1Reduced(r);
        double twoN = Double.longBitsToDouble((Double.doubleToRawLongBits(n + ROUND) - ROUND_BITS + 1023) << 52);
        return Math.fma(twoN, p, twoN - 1.0);
    }

    /** expm1(r) = r + r^2 (A1 + r (A2 + A3 r + ... + A16 r^14)), the inner sum by Horner's rule. */
    private static double expm1Reduced(double r) {
        double[] a = A;
        double q = a[a.length - 1];
        for (int k = a.length - 2; k >= 1; k--) {
            q = Math.fma(q, r, a[k]);
        }
        return Math.fma(q * r, r, r);
    }

    /** The sigmoid in float: the double function, rounded once (an int argument picks this overload: write -700.0). */
    public static float sigmoid(float z) {
        return (float) sigmoid((double) z);
    }

    /** tanh(x) in float. */
    public static float tanh(float x) {
        if (x != x) {
            return x;
        }
        float y = Math.min(2f * Math.abs(x), CAP_F);
        float n = (Math.fma(y, LOG2E_F, -0.5f) + ROUND_F) - ROUND_F;
        float r = Math.fma(-n, LN2_HI_F, y);
        r = Math.fma(-n, LN2_LO_F, r);
        float q = A_F[A_F.length - 1];
        for (int i = A_F.length - 2; i >= 0; i--) {
            q = Math.fma(q, r, A_F[i]);
        }
        float p = q * r;
        int bits = (Float.floatToRawIntBits(n + ROUND_F) - ROUND_BITS_F + 127) << 23;
        float twoN = Float.intBitsToFloat(bits);
        float e = Math.fma(twoN, p, twoN - 1f);
        float t = e / (e + 2f);
        return Math.copySign(t, x);
    }
}
