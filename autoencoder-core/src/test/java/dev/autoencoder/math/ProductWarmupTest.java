package dev.autoencoder.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.random.NumpyRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The switch from plain loops to vector kernels (products, tanh, bias, column sums) changes no bits, and the warm-up ends with the switch made. */
class ProductWarmupTest {

    /** Runs first, so no warm-up thread flips the switch while a test holds it one way. */
    @BeforeAll
    static void theWarmupEndsWithTheVectorKernelsInUse() throws InterruptedException {
        ProductWarmup.start(false);
        ProductWarmup.start(true);
        long deadline = System.nanoTime() + CompileProbe.GIVE_UP_NANOS + 20_000_000_000L;
        while (!(ProductWarmup.elementwiseReady(false) && ProductWarmup.elementwiseReady(true)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(ProductWarmup.elementwiseReady(false) && ProductWarmup.productReady(false), "float64 switched");
        assertTrue(ProductWarmup.elementwiseReady(true) && ProductWarmup.productReady(true), "float32 switched");
    }

    @Test
    void productsAndElementwiseKernelsGiveTheSameBitsBeforeAndAfterTheSwitch() {
        NumpyRandom rng = new NumpyRandom(31);
        // W2's shapes and some that are not multiples of the vector width or the 6-row block
        int[][] shapes = {{128, 256, 128}, {128, 32, 128}, {37, 53, 29}, {5, 600, 3}};
        try {
            for (int[] s : shapes) {
                int n = s[0], k = s[1], m = s[2];
                Matrix a = KernelsTest.random(n, k, rng), b = KernelsTest.random(k, m, rng), at = KernelsTest.random(k, n, rng);
                Matrix start = KernelsTest.random(n, m, rng);
                float[] af = toFloat(a.data), bf = toFloat(b.data), atf = toFloat(at.data);
                double[][] results = new double[2][];
                float[][] floats = new float[2][];
                for (int ready = 0; ready < 2; ready++) {
                    ProductWarmup.setReady(false, ready == 1);
                    ProductWarmup.setReady(true, ready == 1);
                    Matrix c = start.copy(), ct = start.copy(), th = new Matrix(n, m);
                    Kernels.matmul(a, b, c, true);
                    Kernels.matmulTransA(at, b, ct, false);
                    Kernels.tanh(c.data, th.data, th.data.length);
                    double[] sums = java.util.Arrays.copyOf(start.data, m); // some m values to start from
                    Kernels.addToRows(th, sums);
                    Kernels.columnSumsAccumulate(c, sums);
                    float[] cf = toFloat(start.data), ctf = new float[n * m], thf = new float[n * m];
                    FloatKernels.matmul(af, bf, cf, n, k, m, true);
                    FloatKernels.matmulTransA(atf, bf, ctf, k, n, m, false);
                    FloatKernels.tanh(cf, thf, thf.length);
                    float[] sumsf = toFloat(java.util.Arrays.copyOf(start.data, m));
                    FloatKernels.addToRows(thf, sumsf, n, m);
                    FloatKernels.addColumnSums(cf, sumsf, n, m);
                    results[ready] = concat(c.data, ct.data, th.data, sums);
                    floats[ready] = concat(cf, ctf, thf, sumsf);
                }
                String shape = n + "x" + k + "x" + m;
                assertArrayEquals(results[0], results[1], 0.0, "float64 " + shape);
                assertArrayEquals(floats[0], floats[1], 0f, "float32 " + shape);
            }
        } finally {
            ProductWarmup.setReady(false, true);
            ProductWarmup.setReady(true, true);
        }
    }

    @Test
    void aTaskGivenBeforeTheSwitchWaitsForItAndThenRunsOnTheThreadThatMakesIt() {
        ProductWarmup.Switch s = new ProductWarmup.Switch(true); // a switch of its own, not yet made
        java.util.List<Thread> ran = new java.util.ArrayList<>();
        ProductWarmup.thenWarm(s, () -> ran.add(Thread.currentThread()));
        assertTrue(ran.isEmpty(), "not before the switch");
        ProductWarmup.switched(s, 1_000_000); // what the warm-up thread does once the kernels are compiled
        assertEquals(java.util.List.of(Thread.currentThread()), ran, "once, on the switching thread");
        assertTrue(s.ready, "switched");
        ProductWarmup.switched(s, 2_000_000);
        assertEquals(1, ran.size(), "not again");
    }

    @Test
    void aTaskForAfterTheSwitchRunsOnAThreadOfItsOwnWhenTheSwitchIsMadeAlready() throws InterruptedException {
        java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
        Thread[] on = new Thread[1];
        ProductWarmup.thenWarm(true, () -> {
            on[0] = Thread.currentThread();
            ran.countDown();
        });
        assertTrue(ran.await(10, java.util.concurrent.TimeUnit.SECONDS), "the task ran");
        assertTrue(on[0] != Thread.currentThread() && on[0].isDaemon(), "on a daemon thread, not the caller's");
    }

    @Test
    void onlyNetworksWithALargeLayerWarmTheVectorProductsUp() {
        assertFalse(ProductWarmup.usesVectorProducts(new int[] {3, 2, 1, 2, 3}), "the chapter's network");
        assertFalse(ProductWarmup.usesVectorProducts(new int[] {21, 16, 2, 16, 21}), "336 weights per layer at most");
        assertTrue(ProductWarmup.usesVectorProducts(new int[] {256, 128, 32, 128, 256}), "W2");
        assertTrue(ProductWarmup.usesVectorProducts(new int[] {784, 2, 784}), "1,568 weights");
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static double[] concat(double[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static float[] concat(float[]... parts) {
        int len = 0;
        for (float[] p : parts) {
            len += p.length;
        }
        float[] out = new float[len];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
