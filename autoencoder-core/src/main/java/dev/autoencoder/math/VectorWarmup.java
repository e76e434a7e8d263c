package dev.autoencoder.math;

/**
 * Decides when the small-network kernels ({@link LaneKernels}) switch from plain loops to their Vector
 * API versions: once the JIT has compiled those, which a background thread sets going after
 * {@link #WARM_UP_AFTER_STEPS} small-network steps in this JVM.
 *
 * <p>Vector API code is fast only once the JIT compiler has turned it into vector instructions;
 * before that, interpreted, every vector operation is a handful of method calls and allocations.
 * Measured in a fresh JVM: the chapter's 10,000 epochs took 0.8 s on vectors against 0.15 s on the
 * plain loops, while compiled vectors are several times faster than the loops. So a short run (the
 * chapter's demo) never starts the vector code, and a long one has it compiled on the side, the way
 * {@link ProductWarmup} does for the large products, and switches once a tiny call runs at compiled
 * speed: the switch itself then costs nothing (switching blind after a fixed count of steps cost the
 * step that switched 0.5-0.8 s). Every lane kernel has a plain-loop twin that gives the same bits
 * (tested), so a run's numbers do not depend on when the switch happens.
 */
public final class VectorWarmup {
    private VectorWarmup() {}

    /** Small-network steps in a JVM before the lane kernels start compiling in the background. */
    public static final long WARM_UP_AFTER_STEPS = 100_000;

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
        if (++steps == WARM_UP_AFTER_STEPS) {
            CompileProbe.inBackground(laneKernels(), nanos -> ready = true);
        }
        return false;
    }

    /**
     * Every lane kernel on tiny data (with {@link LaneKernels#pairStep} where it runs), with strides of 16
     * and 24 samples (two and three 8-lane blocks: the loop-free two-block case and the general one;
     * strides are multiples of 8 on any machine).
     */
    private static CompileProbe.TinyCall laneKernels() {
        int l = 8, k = 3, m = 2;
        double[] w = new double[m * k], b = new double[m];
        double[] x = new double[k * 3 * l], z = new double[m * 3 * l], dx = new double[k * 3 * l], g = new double[k * 3 * l];
        double[] a = new double[3 * l], d = new double[3 * l], out = new double[3 * l], perSample = new double[3 * l];
        double[] scratch = new double[Math.max(LaneKernels.scratchLength(k, m), LaneKernels.scratchLength(m, k))];
        // and the one-call step of a k-m-k network (sigmoid, then linear) on 12 samples, where it runs
        boolean pair = LaneKernels.pairStepRuns(2 * l);
        int[] widths = {k, m, k};
        boolean[] sigmoid = {true, false};
        double[][] pw = {new double[m * k], new double[k * m]}, pb = {new double[m], new double[k]};
        double[][] pgw = {new double[m * k], new double[k * m]}, pgb = {new double[m], new double[k]};
        double[][] pa = {new double[k * 2 * l], new double[m * 2 * l], new double[k * 2 * l]};
        double[][] pf = {new double[m * 2 * l], new double[k * 2 * l]};
        double[][] pd = {new double[k * 2 * l], new double[m * 2 * l], new double[k * 2 * l]};
        double[] valid = new double[2 * l];
        java.util.Arrays.fill(valid, 0, 12, 1.0);
        return call -> {
            int stride = (call & 1) == 0 ? 2 * l : 3 * l;
            if (pair && (call & 1) == 0) {
                VectorKernels.pairStep(pw, pb, pgw, pgb, widths, sigmoid, pa, pf, pd, pa[0], valid, 12, true, 3.0,
                        2.0 / 3.0, scratch, perSample, (call & 2) == 0 ? 0.0 : 0.1);
            }
            VectorKernels.laneAffine(w, b, x, k, m, stride, z);
            VectorKernels.laneInputGradient(z, w, k, m, stride, g, dx);
            VectorKernels.sigmoidAndDerivative(a, out, d, stride);
            VectorKernels.tanh(a, out, stride);
            VectorKernels.laneMultiply(a, d, out, stride);
            VectorKernels.layerPartials(z, x, k, m, stride, scratch);
            VectorKernels.laneSquaredError(x, dx, k, stride, 1.0, 1.0, g, perSample);
        };
    }
}
