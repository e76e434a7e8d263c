package dev.autoencoder.math;

/**
 * The mechanism behind {@link ProductWarmup} and {@link VectorWarmup}: call some vector kernels on tiny
 * data on a background thread until the calls run at compiled speed. The calls are what make the JIT
 * compile the kernels; the timing is how the program learns that it has.
 */
final class CompileProbe {
    private CompileProbe() {}

    /** The tiny calls take about 2 us once compiled, and 25-800 us (after the very first) before. */
    static final long COMPILED_NANOS = 10_000;
    /** After this long the kernels count as compiled whether or not the probe has seen it. */
    static final long GIVE_UP_NANOS = 10_000_000_000L;

    /** One call of some vector kernels on tiny data; {@code call} counts from 0. */
    interface TinyCall {
        void run(long call);
    }

    /**
     * On a low-priority daemon thread: repeats {@code tiny} until three calls in a row take less than
     * {@link #COMPILED_NANOS} (or {@link #GIVE_UP_NANOS} have passed), then hands the time that took, in
     * nanoseconds, to {@code compiled}.
     */
    static void inBackground(TinyCall tiny, java.util.function.LongConsumer compiled) {
        Thread t = new Thread(() -> compiled.accept(untilCompiled(tiny)), "autoencoder-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static long untilCompiled(TinyCall tiny) {
        long begin = System.nanoTime();
        int fastInARow = 0;
        for (long call = 0; fastInARow < 3 && System.nanoTime() - begin < GIVE_UP_NANOS; call++) {
            long t0 = System.nanoTime();
            tiny.run(call);
            fastInARow = System.nanoTime() - t0 < COMPILED_NANOS ? fastInARow + 1 : 0;
            if (call > 6_000) { // enough calls for the JIT's default thresholds: now only wait for the compiler
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    break;
                }
            }
        }
        return System.nanoTime() - begin;
    }
}
