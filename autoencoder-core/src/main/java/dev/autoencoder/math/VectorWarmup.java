package dev.autoencoder.math;

/**
 * Decides when small networks switch from the plain lane loops to the Vector API ones.
 *
 * <p>Vector API code is fast only once the JIT compiler has turned it into vector instructions; before
 * that, interpreted, every vector operation is a handful of method calls and allocations. For the
 * chapter's network that made the first 10,000 epochs in a fresh JVM take 0.8 s with vectors against
 * 0.15 s with plain loops, while warmed-up vectors are about twice as fast as the loops. Since both
 * versions of every lane kernel give the same bits, a training run can start on the loops and switch
 * whenever the vector code is ready, and its numbers do not depend on when that happens.
 *
 * <p>When more than one thread is allowed ({@link Parallel#threads()}), the vector kernels are
 * compiled on a background daemon thread, on small arrays of their own, while training goes on with
 * the loops; with one thread, a run switches (and pays for compiling in its own time) after
 * {@link #FOREGROUND_STEPS} steps in this JVM, where that cost is small against the run.
 */
public final class VectorWarmup {
    private VectorWarmup() {}

    /** With one thread: switch to vectors after this many small-network steps in this JVM. */
    public static final long FOREGROUND_STEPS = 200_000;

    private static volatile boolean ready;
    private static boolean started;
    private static long steps;

    /**
     * Whether the next small-network step should use the vector kernels. Call once per step; the first
     * call starts the background compilation when allowed.
     */
    public static boolean useVectors() {
        if (ready) {
            return true;
        }
        if (!LaneKernels.vectorAvailable()) {
            return false;
        }
        if (Parallel.threads() > 1) {
            start();
            return false;
        }
        if (++steps >= FOREGROUND_STEPS) {
            ready = true;
        }
        return ready;
    }

    private static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        Thread t = new Thread(VectorWarmup::compile, "autoencoder-vector-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Runs every lane kernel's vector version until the compiler has had its fill (about a second). */
    private static void compile() {
        int stride = LaneKernels.stride(12), k = 3, m = 2;
        double[] w = new double[m * k], b = new double[m], x = new double[k * stride], z = new double[m * stride];
        double[] a = new double[m * stride], d = new double[m * stride], dx = new double[k * stride];
        double[][] left = {z, z, a, a, z}, right = {x, null, x, x, a};
        int[] at = new int[5];
        double[] acc = new double[5], scratch = new double[5 * LaneKernels.PARTIALS];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i);
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.cos(i);
        }
        for (int round = 0; round < 60_000; round++) {
            LaneKernels.affine(true, w, b, x, k, m, stride, z);
            LaneKernels.sigmoid(true, z, a, d, m * stride);
            LaneKernels.tanh(true, z, a, d, m * stride);
            LaneKernels.multiply(true, a, d, z, m * stride);
            LaneKernels.inputGradient(true, z, w, k, m, stride, dx);
            LaneKernels.pairSums(true, left, at, right, at, stride, acc, scratch);
        }
        ready = true;
    }
}
