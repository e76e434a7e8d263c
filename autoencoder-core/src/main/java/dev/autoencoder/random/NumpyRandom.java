package dev.autoencoder.random;

/**
 * A random source that reproduces numpy's legacy {@code np.random.seed(s)} stream bit for bit:
 * MT19937 seeded by the reference {@code init_genrand}, 53-bit doubles from two 32-bit draws,
 * {@code uniform(lo, hi)} and {@code normal(mu, sigma)} by the Marsaglia polar method with one
 * cached value, exactly as numpy's {@code RandomState} computes them.
 *
 * <p>Why: the chapter's figures come from numpy; drawing the same numbers in the same order is
 * what lets this port match them to the last bit. Not thread-safe; give each stream its own
 * instance (see {@link #split(long)}).
 */
public final class NumpyRandom {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int mti;
    private boolean hasGauss;
    private double cachedGauss;

    /** Seeds like {@code np.random.seed(seed)}; seed must fit in 32 unsigned bits. */
    public NumpyRandom(long seed) {
        seed(seed);
    }

    /** Re-seeds like {@code np.random.seed(seed)}; clears the cached normal value. */
    public void seed(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be in 0..4294967295, found " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        mti = N;
        hasGauss = false;
        cachedGauss = 0.0;
    }

    /** The next 32-bit output of MT19937, as an unsigned value in a long. */
    public long nextUint32() {
        if (mti >= N) {
            twist();
        }
        int y = mt[mti++];
        y ^= (y >>> 11);
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= (y >>> 18);
        return y & 0xffffffffL;
    }

    private void twist() {
        int kk;
        for (kk = 0; kk < N - M; kk++) {
            int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        for (; kk < N - 1; kk++) {
            int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        mti = 0;
    }

    /** A double in [0, 1) with 53 random bits: {@code ((a >> 5) * 2^26 + (b >> 6)) / 2^53}. */
    public double nextDouble() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** {@code np.random.uniform(lo, hi)}: {@code lo + (hi - lo) * nextDouble()}. */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** A standard normal draw by numpy's legacy polar method (one value cached between calls). */
    public double gauss() {
        if (hasGauss) {
            hasGauss = false;
            return cachedGauss;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        cachedGauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** {@code np.random.normal(mu, sigma)}: {@code mu + sigma * gauss()}. */
    public double normal(double mu, double sigma) {
        return mu + sigma * gauss();
    }

    /** A uniformly drawn int in [0, bound), for shuffling; not part of numpy's legacy API. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, found " + bound);
        }
        return (int) Math.floor(nextDouble() * bound);
    }

    /** In-place Fisher-Yates shuffle driven by this stream. */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /**
     * numpy's legacy {@code RandomState.permutation(n)}: 0..n-1 shuffled from the last position down, each
     * swap partner drawn by masked rejection sampling of 32-bit outputs. scikit-learn's
     * {@code train_test_split(random_state=RandomState(s))} cuts its test rows from the front of it.
     */
    public int[] permutation(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            long mask = i;
            mask |= mask >>> 1;
            mask |= mask >>> 2;
            mask |= mask >>> 4;
            mask |= mask >>> 8;
            mask |= mask >>> 16;
            long j;
            do {
                j = nextUint32() & mask;
            } while (j > i);
            int t = a[i];
            a[i] = a[(int) j];
            a[(int) j] = t;
        }
        return a;
    }

    /**
     * A new independent stream derived from this seed and a stream id, so that initialization,
     * shuffling and noise never share draws (changing the batch size must not change the weights).
     */
    public static NumpyRandom split(long seed, long streamId) {
        long mixed = seed * 0x9E3779B97F4A7C15L + streamId * 0xBF58476D1CE4E5B9L;
        mixed ^= mixed >>> 31;
        mixed *= 0x94D049BB133111EBL;
        mixed ^= mixed >>> 29;
        return new NumpyRandom(mixed & 0xffffffffL);
    }

    /** The full state, for checkpoints: 624 words, the position, and the cached normal. */
    public State state() {
        return new State(mt.clone(), mti, hasGauss, cachedGauss);
    }

    /** Restores a state captured by {@link #state()}. */
    public void restore(State s) {
        if (s.mt().length != N || s.position() < 0 || s.position() > N) {
            throw new IllegalArgumentException("random state must have 624 words and a position in 0..624");
        }
        System.arraycopy(s.mt(), 0, mt, 0, N);
        mti = s.position();
        hasGauss = s.hasGauss();
        cachedGauss = s.cachedGauss();
    }

    /** A snapshot of the generator. */
    public record State(int[] mt, int position, boolean hasGauss, double cachedGauss) {}
}
