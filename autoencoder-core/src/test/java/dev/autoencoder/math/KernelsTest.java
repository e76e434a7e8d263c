package dev.autoencoder.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.random.NumpyRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fast kernels against the plain reference loops, over random shapes. */
class KernelsTest {

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    static Matrix random(int r, int c, NumpyRandom rng) {
        Matrix m = new Matrix(r, c);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.uniform(-1, 1);
        }
        return m;
    }

    @Test
    void theVectorModuleIsOnInTests() {
        assertTrue(Kernels.VECTOR, "surefire runs with --add-modules jdk.incubator.vector");
    }

    @Test
    void matmulEqualsTheFmaReferenceBitForBitOverRandomShapes() {
        NumpyRandom rng = new NumpyRandom(99);
        for (int trial = 0; trial < 60; trial++) {
            // include shapes that are not multiples of the vector width or the 6-row block
            int n = 1 + rng.nextInt(40), k = 1 + rng.nextInt(70), m = 1 + rng.nextInt(60);
            Matrix a = random(n, k, rng), b = random(k, m, rng);
            for (boolean acc : new boolean[] {false, true}) {
                Matrix start = random(n, m, rng);
                Matrix fast = start.copy(), ref = start.copy();
                Kernels.matmul(a, b, fast, acc);
                Kernels.fmaReference(a, b, ref, acc);
                assertArrayEquals(ref.data, fast.data, 0.0, n + "x" + k + "x" + m + " acc=" + acc);
            }
        }
    }

    @Test
    void matmulAgreesWithThePlainLoopsToRounding() {
        NumpyRandom rng = new NumpyRandom(5);
        for (int trial = 0; trial < 30; trial++) {
            int n = 1 + rng.nextInt(50), k = 1 + rng.nextInt(90), m = 1 + rng.nextInt(50);
            Matrix a = random(n, k, rng), b = random(k, m, rng);
            Matrix fast = new Matrix(n, m), plain = new Matrix(n, m);
            Kernels.matmul(a, b, fast, false);
            Kernels.gemm(a, b, plain);
            for (int i = 0; i < fast.data.length; i++) {
                assertEquals(plain.data[i], fast.data[i], 1e-13 * k, "element " + i);
            }
            Matrix bt = new Matrix(m, k);
            Kernels.transpose(b, bt);
            Matrix viaTransB = new Matrix(n, m);
            Kernels.gemmTransBAddBias(a, bt, new double[m], viaTransB);
            for (int i = 0; i < fast.data.length; i++) {
                assertEquals(viaTransB.data[i], fast.data[i], 1e-13 * k);
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        NumpyRandom rng = new NumpyRandom(3);
        Matrix a = random(250, 130, rng), b = random(130, 70, rng);
        Parallel.setThreads(1);
        Matrix one = new Matrix(250, 70);
        Kernels.matmul(a, b, one, false);
        for (int t : new int[] {2, 3, 7}) {
            Parallel.setThreads(t);
            Matrix many = new Matrix(250, 70);
            Kernels.matmul(a, b, many, false);
            assertArrayEquals(one.data, many.data, 0.0, t + " threads");
        }
    }

    @Test
    void vectorTanhIsWithinAFewUlpsOfMathTanh() {
        NumpyRandom rng = new NumpyRandom(1);
        double[] z = new double[1001], out = new double[1001];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.uniform(-20, 20) * (i % 3 == 0 ? 1e-6 : 1);
        }
        Kernels.tanh(z, out, z.length);
        for (int i = 0; i < z.length; i++) {
            double t = Math.tanh(z[i]);
            assertEquals(t, out[i], 4 * Math.ulp(t), "tanh(" + z[i] + ")");
        }
    }
}
