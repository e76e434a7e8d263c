package dev.autoencoder.math;

/**
 * Decides when the small-network kernels ({@link LaneKernels}) switch from plain loops to their Vector
 * API versions: after {@link #SWITCH_AFTER_STEPS} small-network steps in this JVM.
 *
 * <p>Vector API code is fast only once the JIT compiler has turned it into vector instructions;
 * before that, interpreted, every vector operation is a handful of method calls and allocations.
 * Measured in a fresh JVM: the chapter's 10,000 epochs took 0.8 s on vectors against 0.15 s on the
 * plain loops, while compiled vectors are about twice as fast as the loops. A short run (the chapter's
 * demo) never pays for compiling vector code; a long one pays once, well under a second, and gains on
 * every later step. Every lane kernel has a plain-loop twin that gives the same bits (tested), so a
 * run's numbers do not depend on when the switch happens.
 *
 * <p>Tried and dropped: compiling the vector kernels on a background thread while training runs the
 * loops. On these 2-core machines that thread competed with the JVM's own compiler threads, and
 * fresh-JVM runs got slower (W1: 0.28 to 0.42 s against 0.14 to 0.21 s). The large matrix products
 * ({@link Kernels#matmul}) do not wait at all: for them the plain loops are slower than the vector
 * code even before it is compiled.
 */
public final class VectorWarmup {
    private VectorWarmup() {}

    /** Small-network steps in a JVM before the lane kernels switch to vectors. */
    public static final long SWITCH_AFTER_STEPS = 200_000;

    private static volatile boolean ready;
    private static long steps;

    /** Whether this small-network step should use the vector lane kernels. Call once per step. */
    public static boolean useVectors() {
        if (ready) {
            return true;
        }
        if (!LaneKernels.vectorAvailable()) {
            return false;
        }
        if (++steps >= SWITCH_AFTER_STEPS) {
            ready = true;
        }
        return ready;
    }
}
