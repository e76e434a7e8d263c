package dev.autoencoder.math;

/**
 * Gets the vector product kernels compiled before training needs them, so a fresh JVM does not spend
 * its first epoch in vector code that the JIT has not compiled yet.
 *
 * <p>Vector API code is fast only once C2 has compiled it; before that every vector operation is a
 * chain of calls and allocations, and the W2 network's first epoch took 2.3-2.9 s against 0.3-0.5 s
 * later. {@link #start} runs the kernels on tiny matrices on a background thread (these calls are what
 * makes the JIT compile them) while the program reads its data, and times each call ({@link CompileProbe}): once a
 * call is as fast as only compiled code can be, the products switch to the vector kernels. Until then they run
 * the plain loops ({@link Kernels#rowFma}, scalar tanh), which give the same bits (tested), so results do
 * not depend on when the switch happens. A program that never calls {@code start} gets it at its first
 * large product.
 *
 * <p>The launcher {@code ./autoencoder} also lowers the JIT's compile thresholds for the two kernel
 * classes ({@code -XX:CompileCommand=CompileThresholdScaling}), so a few hundred calls are enough
 * rather than thousands, and has C1 always collect profiles ({@code -XX:Tier3DelayOn}), without which
 * C2 can compile the kernels with Vector API calls it could not inline. Measured numbers:
 * docs/performance.md.
 */
public final class ProductWarmup {
    private ProductWarmup() {}

    /** One precision's switch from the plain loops to the vector kernels. */
    static final class Switch {
        final boolean float32;
        volatile boolean ready;
        boolean started; // guarded by ProductWarmup.class
        volatile long readyNanos = -1;
        Runnable then; // guarded by ProductWarmup.class: runs on the warm-up thread after the switch

        Switch(boolean float32) {
            this.float32 = float32;
        }
    }

    private static final Switch FLOAT64 = new Switch(false), FLOAT32 = new Switch(true);

    private static Switch of(boolean float32) {
        return float32 ? FLOAT32 : FLOAT64;
    }

    /**
     * Starts compiling the float64 (or float32) vector kernels in the background, if the Vector API
     * is present and they are not compiled yet. Cheap to call more than once.
     */
    public static synchronized void start(boolean float32) {
        Switch s = of(float32);
        if (!Kernels.VECTOR || s.started) {
            return;
        }
        s.started = true;
        CompileProbe.inBackground(float32 ? floatKernels() : doubleKernels(), nanos -> switched(s, nanos));
    }

    /** Makes the switch, on the warm-up thread, and runs the task {@link #thenWarm} left, if any, there. */
    static void switched(Switch s, long nanos) {
        s.readyNanos = nanos;
        s.ready = true;
        Runnable then;
        synchronized (ProductWarmup.class) {
            then = s.then;
            s.then = null;
        }
        if (then != null) {
            then.run();
        }
    }

    /**
     * Has the warm-up thread run {@code loops} once it has switched this precision's products, so that
     * a trainer's own per-step loops get compiled too while the program is still reading its data. If
     * the switch has happened already they run on a thread of their own; if it never happens, nor do they.
     * One task per precision (the last one given).
     */
    public static void thenWarm(boolean float32, Runnable loops) {
        thenWarm(of(float32), loops);
    }

    static void thenWarm(Switch s, Runnable loops) {
        synchronized (ProductWarmup.class) {
            if (!s.ready) {
                s.then = loops;
                return;
            }
        }
        Thread t = new Thread(loops, "autoencoder-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
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
        Switch s = of(float32);
        if (!s.ready) {
            start(float32);
        }
        return s.ready;
    }

    /** Whether the elementwise kernels (tanh, bias, column sums) should use vectors: only once a warm-up has compiled them. */
    static boolean elementwiseReady(boolean float32) {
        return of(float32).ready;
    }

    /** For tests: forces the switch one way or the other (the results must not change). */
    static void setReady(boolean float32, boolean ready) {
        of(float32).ready = ready;
    }

    /** Milliseconds from {@link #start} to the switch for this precision, or -1 before it (for {@code bench}). */
    public static double warmupMillis(boolean float32) {
        long nanos = of(float32).readyNanos;
        return nanos < 0 ? -1 : nanos / 1e6;
    }

    // The tiny calls reach every part of the kernel: a 4-row block and a single row; blocks of four (three on
    // AVX2), two and one vector and a scalar column (7 vectors and a column; on AVX2 that is 3 + 3 + 1, so there
    // also 5 and a column, 3 + 2, and 7, 3 + 4; on AVX-512 the warm-up is as before); row-major and strided A;
    // plain and accumulating. k = 16: with k = 2
    // the JIT compiled the k loop for two trips, and W2's products (k = 32 to 256) ran about 20% slower
    // (30-35 against 38-40 GFLOP/s, the kernel alone).
    private static final int K = 16, ROWS = 5;

    private static CompileProbe.TinyCall doubleKernels() {
        int l = VectorKernels.lanes(), n = 7 * l + 1, n2 = 5 * l + 1;
        double[] a = new double[ROWS * K], b = new double[K * n], c = new double[ROWS * n];
        double[] z = new double[2 * l + 1], out = new double[z.length];
        return call -> {
            boolean acc = (call & 1) == 0;
            VectorKernels.gemmRows(a, K, 1, b, c, K, n, 0, ROWS, acc);
            VectorKernels.gemmRows(a, 1, ROWS, b, c, K, n, 0, ROWS, !acc);
            if (VectorKernels.NARROW) { // blocks the first two calls do not reach there
                VectorKernels.gemmRows(a, K, 1, b, c, K, n2, 0, ROWS, !acc);
                VectorKernels.gemmRows(a, 1, ROWS, b, c, K, n2, 0, ROWS, acc);
                VectorKernels.gemmRows(a, K, 1, b, c, K, n - 1, 0, ROWS, acc);
            }
            VectorKernels.tanh(z, out, z.length);
            VectorKernels.addToRows(c, z, ROWS, z.length);
            VectorKernels.addColumnSums(c, out, ROWS, out.length);
        };
    }

    private static CompileProbe.TinyCall floatKernels() {
        int l = FloatVectorKernels.lanes(), n = 7 * l + 1, n2 = 5 * l + 1;
        float[] a = new float[ROWS * K], b = new float[K * n], c = new float[ROWS * n];
        float[] z = new float[2 * l + 1], out = new float[z.length];
        return call -> {
            boolean acc = (call & 1) == 0;
            FloatVectorKernels.gemmRows(a, K, 1, b, c, K, n, 0, ROWS, acc);
            FloatVectorKernels.gemmRows(a, 1, ROWS, b, c, K, n, 0, ROWS, !acc);
            if (FloatVectorKernels.NARROW) { // blocks the first two calls do not reach there
                FloatVectorKernels.gemmRows(a, K, 1, b, c, K, n2, 0, ROWS, !acc);
                FloatVectorKernels.gemmRows(a, 1, ROWS, b, c, K, n2, 0, ROWS, acc);
                FloatVectorKernels.gemmRows(a, K, 1, b, c, K, n - 1, 0, ROWS, acc);
            }
            FloatVectorKernels.tanh(z, out, 0, z.length);
            FloatVectorKernels.addToRows(c, z, ROWS, z.length);
            FloatVectorKernels.addColumnSums(c, out, ROWS, out.length);
        };
    }
}
