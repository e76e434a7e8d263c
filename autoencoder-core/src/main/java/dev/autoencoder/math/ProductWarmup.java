package dev.autoencoder.math;

/**
 * Gets the vector product kernels compiled before training needs them, so a fresh JVM does not spend
 * its first epoch in vector code that the JIT has not compiled yet.
 *
 * <p>Vector API code is fast only once C2 has compiled it; before that every vector operation is a
 * chain of calls and allocations, and the W2 network's first epoch took 2.3-2.9 s against 0.3-0.5 s
 * later. {@link #start} runs the kernels on tiny matrices on a background thread (these calls are what
 * makes the JIT compile them) while the program reads its data, and times each call: once a call is
 * as fast as only compiled code can be, the products switch to the vector kernels. Until then they run
 * the plain loops ({@link Kernels#rowFma}, scalar tanh), which give the same bits (tested), so results do
 * not depend on when the switch happens. A program that never calls {@code start} gets it at its first
 * large product.
 *
 * <p>The launcher {@code ./autoencoder} also lowers the JIT's compile thresholds for the two kernel
 * classes ({@code -XX:CompileCommand=CompileThresholdScaling}), so a few hundred calls are enough
 * rather than thousands. Measured numbers: docs/performance.md.
 */
public final class ProductWarmup {
    private ProductWarmup() {}

    /** The tiny calls take about 2 us once compiled, and 25-800 us (after the very first) before. */
    static final long COMPILED_NANOS = 10_000;
    /** After this long the kernels are used whether or not the probe has seen them compiled. */
    static final long GIVE_UP_NANOS = 10_000_000_000L;

    private static volatile boolean doubleReady, floatReady;
    private static boolean doubleStarted, floatStarted;
    private static volatile long readyNanos = -1;

    /**
     * Starts compiling the float64 (or float32) vector kernels in the background, if the Vector API
     * is present and they are not compiled yet. Cheap to call more than once.
     */
    public static synchronized void start(boolean float32) {
        if (!Kernels.VECTOR || (float32 ? floatStarted : doubleStarted)) {
            return;
        }
        if (float32) {
            floatStarted = true;
        } else {
            doubleStarted = true;
        }
        inBackground(() -> warm(float32));
    }

    /**
     * {@link #start} if a network of these widths (w0 -> w1 -> ...) has a layer large enough for the vector
     * product ({@link Kernels#fast}); a program calls it as soon as it knows the shapes, before reading data.
     */
    public static void startFor(int[] widths, boolean float32) {
        if (usesVectorProducts(widths)) {
            start(float32);
        }
    }

    /** Whether a network of these widths has a layer that the vector product computes. */
    static boolean usesVectorProducts(int[] widths) {
        for (int l = 0; l + 1 < widths.length; l++) {
            if (Kernels.fast(0, widths[l], widths[l + 1])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a product should use the vector kernel now (float32 or float64); starts the warm-up if
     * nothing has. Called once per product, so it is one volatile read once the kernels are ready.
     */
    static boolean productReady(boolean float32) {
        if (float32 ? floatReady : doubleReady) {
            return true;
        }
        start(float32);
        return float32 ? floatReady : doubleReady;
    }

    /** Whether elementwise tanh should use the vector kernel: only once a warm-up has compiled it. */
    static boolean tanhReady(boolean float32) {
        return float32 ? floatReady : doubleReady;
    }

    /** For tests: forces the switch one way or the other (the results must not change). */
    static void setReady(boolean float32, boolean ready) {
        if (float32) {
            floatReady = ready;
        } else {
            doubleReady = ready;
        }
    }

    /** Milliseconds from the last {@link #start} to the switch, or -1 before it (for {@code bench}). */
    public static double lastWarmupMillis() {
        return readyNanos < 0 ? -1 : readyNanos / 1e6;
    }

    private static void warm(boolean float32) {
        // shapes that reach every part of the kernel: a 4-row block and a single row; blocks of four,
        // two and one vector and a scalar column; row-major and strided A; plain and accumulating
        int l = float32 ? FloatVectorKernels.lanes() : VectorKernels.lanes();
        // k = 16: with k = 2 the JIT compiled the k loop for two trips, and W2's products (k = 32 to 256)
        // ran about 20% slower (30-35 against 38-40 GFLOP/s, the kernel alone)
        int n = 7 * l + 1, k = 16, rows = 5;
        double[] a = new double[rows * k], b = new double[k * n], c = new double[rows * n];
        double[] z = new double[2 * l + 1], out = new double[z.length];
        float[] af = new float[rows * k], bf = new float[k * n], cf = new float[rows * n];
        float[] zf = new float[z.length], outf = new float[z.length];
        readyNanos = untilCompiled(call -> {
            boolean acc = (call & 1) == 0;
            if (float32) {
                FloatVectorKernels.gemmRows(af, k, 1, bf, cf, k, n, 0, rows, acc);
                FloatVectorKernels.gemmRows(af, 1, rows, bf, cf, k, n, 0, rows, !acc);
                FloatVectorKernels.tanh(zf, outf, zf.length);
            } else {
                VectorKernels.gemmRows(a, k, 1, b, c, k, n, 0, rows, acc);
                VectorKernels.gemmRows(a, 1, rows, b, c, k, n, 0, rows, !acc);
                VectorKernels.tanh(z, out, z.length);
            }
        });
        if (float32) {
            floatReady = true;
        } else {
            doubleReady = true;
        }
    }

    /** One call of some vector kernels on tiny data; {@code call} counts from 0. */
    interface TinyCall {
        void run(long call);
    }

    /**
     * Repeats {@code tiny} until three calls in a row take less than {@link #COMPILED_NANOS} (or
     * {@link #GIVE_UP_NANOS} have passed); returns how long that took, in nanoseconds.
     */
    static long untilCompiled(TinyCall tiny) {
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

    /** Starts {@code task} on a low-priority daemon thread. */
    static void inBackground(Runnable task) {
        Thread t = new Thread(task, "autoencoder-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
