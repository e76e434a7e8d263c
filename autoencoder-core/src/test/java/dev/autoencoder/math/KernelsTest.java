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

    /** The layer loops taken out of DenseLayer compute what the activation's own methods do, bit for bit. */
    @Test
    void theBiasAndTanhBackwardLoopsGiveTheActivationsOwnArithmetic() {
        NumpyRandom rng = new NumpyRandom(41);
        for (int[] s : new int[][] {{1, 1}, {3, 7}, {128, 33}}) {
            Matrix z = random(s[0], s[1], rng), dOut = random(s[0], s[1], rng);
            double[] b = random(1, s[1], rng).data, a = new double[z.data.length], dz = new double[a.length];
            double[] expected = z.data.clone();
            for (int i = 0; i < expected.length; i++) {
                expected[i] += b[i % s[1]];
                a[i] = dev.autoencoder.nn.Activation.TANH.apply(expected[i]);
            }
            Kernels.addToRows(z, b);
            assertArrayEquals(expected, z.data, 0.0, "bias");
            Kernels.tanhBackward(dOut.data, a, dz, dz.length);
            for (int i = 0; i < dz.length; i++) {
                assertEquals(dOut.data[i] * dev.autoencoder.nn.Activation.TANH.derivative(z.data[i], a[i]), dz[i], 0.0);
            }
        }
    }

    @Test
    void theVectorModuleIsOnInTests() {
        assertTrue(Kernels.VECTOR, "surefire runs with --add-modules jdk.incubator.vector");
    }

    @Test
    void vectorKernelAndRowLoopsEqualTheFmaReferenceBitForBitOverRandomShapes() {
        NumpyRandom rng = new NumpyRandom(99);
        for (int trial = 0; trial < 60; trial++) {
            // include shapes that are not multiples of the vector width or the 6-row block
            int n = 1 + rng.nextInt(40), k = 1 + rng.nextInt(70), m = 1 + rng.nextInt(60);
            Matrix a = random(n, k, rng), b = random(k, m, rng);
            for (boolean acc : new boolean[] {false, true}) {
                Matrix start = random(n, m, rng);
                Matrix vector = start.copy(), rows = start.copy(), ref = start.copy();
                // both ways the product can run: the vector kernel, and the plain loops used until it is compiled
                VectorKernels.gemmRows(a.data, b.data, vector.data, k, m, 0, n, acc);
                Kernels.rowFma(a.data, k, 1, b.data, rows.data, k, m, 0, n, acc);
                Kernels.fmaReference(a, b, ref, acc);
                assertArrayEquals(ref.data, vector.data, 0.0, "vector " + n + "x" + k + "x" + m + " acc=" + acc);
                assertArrayEquals(ref.data, rows.data, 0.0, "row loops " + n + "x" + k + "x" + m + " acc=" + acc);
            }
        }
    }

    /**
     * Products wide enough for the packed copy of B (several 4 x 4 strips and columns left over), over row
     * ranges that do not start at 0 or end on a 4-row block, row-major and transposed A, plain and
     * accumulating; a smaller product after a larger one reuses the thread's grown buffer, whose old
     * contents must not leak in. Bit for bit against the reference loops, float64 and float32.
     */
    @Test
    void packedWideProductsEqualTheReferenceBitForBitOverRowRanges() {
        NumpyRandom rng = new NumpyRandom(2026);
        int[][] shapes = {{37, 150, 4 * VectorKernels.lanes() * 3 + 5}, {9, 23, 4 * VectorKernels.lanes()},
            {21, 64, 4 * FloatVectorKernels.lanes() * 2 + 3}, {6, 7, 4 * FloatVectorKernels.lanes() + 1}};
        for (int[] s : shapes) {
            int rows = s[0], k = s[1], n = s[2];
            int from = rng.nextInt(3), to = rows - rng.nextInt(3);
            for (boolean transposed : new boolean[] {false, true}) {
                int rs = transposed ? 1 : k, cs = transposed ? rows : 1;
                Matrix a = random(transposed ? k : rows, transposed ? rows : k, rng), b = random(k, n, rng);
                Matrix aRowMajor = new Matrix(rows, k);
                for (int i = 0; i < rows; i++) {
                    for (int p = 0; p < k; p++) {
                        aRowMajor.data[i * k + p] = a.data[i * rs + p * cs];
                    }
                }
                for (boolean acc : new boolean[] {false, true}) {
                    Matrix start = random(rows, n, rng), ref = start.copy(), got = start.copy();
                    Kernels.fmaReference(aRowMajor, b, ref, acc);
                    VectorKernels.gemmRows(a.data, rs, cs, b.data, got.data, k, n, from, to, acc);
                    for (int i = 0; i < rows * n; i++) {
                        double want = i / n >= from && i / n < to ? ref.data[i] : start.data[i];
                        assertEquals(want, got.data[i], 0.0, rows + "x" + k + "x" + n + " rows " + from + "-" + to
                            + " transposed=" + transposed + " acc=" + acc + " element " + i);
                    }
                    float[] af = toFloat(a.data), bf = toFloat(b.data), startF = toFloat(start.data);
                    float[] refF = startF.clone(), gotF = startF.clone();
                    FloatKernels.reference(toFloat(aRowMajor.data), bf, refF, rows, k, n, acc, from, to);
                    FloatVectorKernels.gemmRows(af, rs, cs, bf, gotF, k, n, from, to, acc);
                    assertArrayEquals(refF, gotF, 0f, "float " + rows + "x" + k + "x" + n + " rows " + from + "-" + to
                        + " transposed=" + transposed + " acc=" + acc);
                }
            }
        }
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
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
    void transposesMoveEveryElementWithOneAndTwoThreads() {
        NumpyRandom rng = new NumpyRandom(21);
        for (int[] s : new int[][] {{203, 77}, {8, 3}, {5, 9}, {256, 128}}) { // bands of 8 rows and the rows left over
            Matrix a = random(s[0], s[1], rng);
            float[] af = new float[a.data.length];
            for (int i = 0; i < af.length; i++) {
                af[i] = (float) a.data[i];
            }
            for (int t = 1; t <= 2; t++) {
                Parallel.setThreads(t);
                Matrix out = new Matrix(s[1], s[0]);
                Kernels.transpose(a, out);
                float[] outf = new float[af.length];
                FloatKernels.transpose(af, outf, s[0], s[1]);
                for (int i = 0; i < s[0]; i++) {
                    for (int j = 0; j < s[1]; j++) {
                        assertEquals(a.data[i * s[1] + j], out.data[j * s[0] + i], 0.0, s[0] + "x" + s[1] + " (" + i + "," + j + ")");
                        assertEquals(af[i * s[1] + j], outf[j * s[0] + i], 0f, "float " + s[0] + "x" + s[1]);
                    }
                }
            }
        }
    }

    @Test
    void transposedProductsEqualTransposeThenMultiplyBitForBit() {
        NumpyRandom rng = new NumpyRandom(12);
        for (int trial = 0; trial < 40; trial++) {
            int k = 1 + rng.nextInt(140), n = 1 + rng.nextInt(70), m = 1 + rng.nextInt(70);
            Matrix a = new Matrix(k, n), b = new Matrix(k, m);
            for (int i = 0; i < a.data.length; i++) {
                a.data[i] = rng.gauss();
            }
            for (int i = 0; i < b.data.length; i++) {
                b.data[i] = rng.gauss();
            }
            Matrix at = new Matrix(n, k);
            Kernels.transpose(a, at);
            Matrix expected = new Matrix(n, m), got = new Matrix(n, m);
            for (int i = 0; i < expected.data.length; i++) {
                expected.data[i] = got.data[i] = rng.gauss();   // accumulate onto the same old values
            }
            Kernels.fmaReference(at, b, expected, true);
            Matrix vector = got.copy(), rows = got.copy();
            Kernels.matmulTransA(a, b, got, true);
            VectorKernels.gemmRows(a.data, 1, n, b.data, vector.data, k, m, 0, n, true);
            Kernels.rowFma(a.data, 1, n, b.data, rows.data, k, m, 0, n, true);
            assertArrayEquals(expected.data, got.data, 0.0, k + " x " + n + " x " + m);
            assertArrayEquals(expected.data, vector.data, 0.0, "vector " + k + " x " + n + " x " + m);
            assertArrayEquals(expected.data, rows.data, 0.0, "row loops " + k + " x " + n + " x " + m);

            float[] af = new float[a.data.length], bf = new float[b.data.length], atf = new float[n * k];
            for (int i = 0; i < af.length; i++) {
                af[i] = (float) a.data[i];
            }
            for (int i = 0; i < bf.length; i++) {
                bf[i] = (float) b.data[i];
            }
            FloatKernels.transpose(af, atf, k, n);
            float[] ef = new float[n * m], gf = new float[n * m];
            FloatKernels.reference(atf, bf, ef, n, k, m, false, 0, n);
            FloatKernels.matmulTransA(af, bf, gf, k, n, m, false);
            assertArrayEquals(ef, gf, 0f, "float " + k + " x " + n + " x " + m);
            float[] vf = new float[n * m], rf = new float[n * m];
            FloatVectorKernels.gemmRows(af, 1, n, bf, vf, k, m, 0, n, false);
            assertArrayEquals(ef, vf, 0f, "float vector " + k + " x " + n + " x " + m);
            FloatKernels.rowFma(af, 1, n, bf, rf, k, m, 0, n, false);
            assertArrayEquals(ef, rf, 0f, "float row loops " + k + " x " + n + " x " + m);
        }
    }

    @Test
    void columnSumsAddEachColumnTopToBottomAfterTheOldValue() {
        NumpyRandom rng = new NumpyRandom(13);
        Matrix a = new Matrix(37, 11);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = rng.gauss() * 1e3;
        }
        double[] out = new double[11], expected = new double[11];
        for (int j = 0; j < 11; j++) {
            out[j] = expected[j] = rng.gauss();
            for (int i = 0; i < 37; i++) {
                expected[j] += a.get(i, j);
            }
        }
        Kernels.columnSumsAccumulate(a, out);
        assertArrayEquals(expected, out, 0.0);
    }

    @Test
    void layerGradientsEqualTheirScalarReferenceBitForBitAndTheExactSumsToRounding() {
        NumpyRandom rng = new NumpyRandom(8);
        for (int trial = 0; trial < 80; trial++) {
            int n = 1 + rng.nextInt(60);
            int stride = LaneKernels.stride(n);
            int k = 1 + rng.nextInt(6), m = 1 + rng.nextInt(6);
            boolean mean = trial % 2 == 0;
            double[] dz = new double[m * stride], x = new double[k * stride];
            for (int j = 0; j < m; j++) {
                for (int s = 0; s < n; s++) {          // dz's padding lanes stay 0, as in a real pass
                    dz[j * stride + s] = rng.gauss() * Math.pow(10, rng.nextInt(6) - 3);
                }
            }
            for (int i = 0; i < x.length; i++) {       // an input's padding lanes hold whatever a layer left there
                x[i] = rng.gauss() * Math.pow(10, rng.nextInt(6) - 3);
            }
            double[] gw = new double[m * k], gb = new double[m];
            for (int i = 0; i < gw.length; i++) {
                gw[i] = rng.gauss();
            }
            for (int j = 0; j < m; j++) {
                gb[j] = rng.gauss();
            }
            double[] scratch = new double[LaneKernels.scratchLength(k, m)];
            double[] fastW = gw.clone(), fastB = gb.clone(), refW = gw.clone(), refB = gb.clone();
            String what = k + " inputs, " + m + " units, n = " + n + (mean ? ", mean" : ", sum");
            LaneKernels.layerGradients(LaneKernels.vectorAvailable(), dz, x, k, m, stride, n, mean, fastW, fastB, scratch);
            LaneKernels.layerGradients(false, dz, x, k, m, stride, n, mean, refW, refB, scratch);
            assertArrayEquals(refW, fastW, 0.0, what);
            assertArrayEquals(refB, fastB, 0.0, what);
            for (int j = 0; j < m; j++) {
                for (int i = 0; i <= k; i++) {
                    double start = mean ? 0.0 : (i < k ? gw[j * k + i] : gb[j]);
                    java.math.BigDecimal exact = new java.math.BigDecimal(0.0);
                    double magnitude = 0.0;
                    for (int s = 0; s < n; s++) {
                        double l = dz[j * stride + s], r = i < k ? x[i * stride + s] : 1.0;
                        exact = exact.add(new java.math.BigDecimal(l).multiply(new java.math.BigDecimal(r)));
                        magnitude += Math.abs(l * r);
                    }
                    double expected = mean ? exact.doubleValue() / n : exact.add(new java.math.BigDecimal(start)).doubleValue();
                    double got = i < k ? fastW[j * k + i] : fastB[j];
                    double tolerance = 1e-15 * n * (mean ? magnitude / n : magnitude + Math.abs(start));
                    assertEquals(expected, got, tolerance, what + ": unit " + j + ", input " + i);
                }
            }
        }
    }

    @Test
    void inputGradientTimesTheDerivativeIsTheTwoStepsBitForBit() {
        NumpyRandom rng = new NumpyRandom(12);
        for (int trial = 0; trial < 40; trial++) {
            int n = 1 + rng.nextInt(40), stride = LaneKernels.stride(n), k = 1 + rng.nextInt(5), m = 1 + rng.nextInt(5);
            double[] dz = new double[m * stride], w = new double[m * k], f = new double[k * stride];
            for (int i = 0; i < dz.length; i++) {
                dz[i] = rng.gauss();
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = rng.gauss();
            }
            for (int i = 0; i < f.length; i++) {
                f[i] = rng.uniform(0, 0.25);
            }
            double[] expected = new double[k * stride];
            for (int i = 0; i < k; i++) {
                for (int s = 0; s < stride; s++) {
                    double acc = 0.0;
                    for (int j = 0; j < m; j++) {
                        acc += dz[j * stride + s] * w[j * k + i];
                    }
                    expected[i * stride + s] = acc * f[i * stride + s];
                }
            }
            for (boolean vector : LaneKernels.vectorAvailable() ? new boolean[] {false, true} : new boolean[] {false}) {
                double[] got = new double[k * stride];
                LaneKernels.inputGradient(vector, dz, w, k, m, stride, f, got);
                assertArrayEquals(expected, got, 0.0, "vector " + vector + ", " + k + " x " + m + ", n = " + n);
            }
        }
    }

    @Test
    void tanhIsWithinFourUlpsOfMathTanhInDoubleAndThreeInFloat() {
        NumpyRandom rng = new NumpyRandom(1);
        for (int i = 0; i < 200_000; i++) {
            double x = rng.gauss() * (i % 3 == 0 ? 1e-6 : i % 3 == 1 ? 2 : 25);
            double t = Math.tanh(x);
            assertEquals(t, PortableMath.tanh(x), 4 * Math.ulp(t), "tanh(" + x + ")");
            float xf = (float) x;
            float tf = (float) Math.tanh(xf);
            assertEquals(tf, PortableMath.tanh(xf), 3 * Math.ulp(tf), "tanh(" + xf + "f)");
        }
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, -1e-320, 19.5};
        for (double x : special) {
            assertEquals(Math.tanh(x), PortableMath.tanh(x), Math.ulp(1.0), "tanh(" + x + ")");
            assertEquals(Math.copySign(1.0, Math.tanh(x)), Math.copySign(1.0, PortableMath.tanh(x)), "sign of tanh(" + x + ")");
        }
    }

    @Test
    void theSigmoidsExponentialIsWithinTwoUlpsOfMathExp() {
        NumpyRandom rng = new NumpyRandom(3);
        for (int i = 0; i < 400_000; i++) {
            double y = i % 4 == 0 ? -708.0 * rng.nextDouble() : -2.0 * rng.nextDouble();
            double want = Math.exp(y); // itself within 1 ulp
            double ulps = Math.abs(PortableMath.expNonPositive(y) - want) / Math.ulp(want);
            assertTrue(ulps <= 2.0, "exp(" + y + "): " + ulps + " ulp from Math.exp");
        }
        assertEquals(1.0, PortableMath.expNonPositive(0.0), 0.0);
        assertEquals(1.0, PortableMath.expNonPositive(-0.0), 0.0);
        assertEquals(Math.exp(-708.0), PortableMath.expNonPositive(-708.0), 2 * Math.ulp(Math.exp(-708.0)));
    }

    @Test
    void sigmoidIsWithinFourUlpsOfTheTextbookFormulaAndKeepsItsTails() {
        NumpyRandom rng = new NumpyRandom(2);
        for (int i = 0; i < 200_000; i++) {
            double z = rng.gauss() * (i % 2 == 0 ? 3 : 30);
            // the textbook formula is accurate where e^-z does not dominate; the tail formula elsewhere
            double expected = z > -30 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z));
            assertEquals(expected, PortableMath.sigmoid(z), 4 * Math.ulp(expected), "sigmoid(" + z + ")");
        }
        assertEquals(Math.exp(-700), PortableMath.sigmoid(-700), 3 * Math.ulp(Math.exp(-700)));
        assertEquals(0.5, PortableMath.sigmoid(0.0), 0.0);
        assertEquals(1.0, PortableMath.sigmoid(800), 0.0);
        assertTrue(Double.isNaN(PortableMath.sigmoid(Double.NaN)));
    }

    @Test
    void vectorSigmoidEqualsTheScalarOneBitForBitBeforeAndAfterCompilation() {
        NumpyRandom rng = new NumpyRandom(6);
        int len = 64 * 8;
        double[] z = new double[len], a = new double[len], d = new double[len];
        for (int i = 0; i < len; i++) {
            z[i] = rng.gauss() * (i % 3 == 0 ? 1e-4 : i % 3 == 1 ? 2 : 200);
        }
        z[3] = Double.NaN;
        z[4] = -0.0;
        z[5] = Double.NEGATIVE_INFINITY;
        for (int round = 0; round < 3000; round++) {
            LaneKernels.sigmoid(true, z, a, d, len);
            if (round == 0 || round == 2999) {
                for (int i = 0; i < len; i++) {
                    double v = PortableMath.sigmoid(z[i]);
                    assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(a[i]), "sigmoid(" + z[i] + ")");
                    assertEquals(Double.doubleToRawLongBits(v * (1.0 - v)), Double.doubleToRawLongBits(d[i]));
                }
            }
        }
    }

    /**
     * The vector tanh gives exactly the scalar {@link PortableMath#tanh} bits, on every lane and tail, both in the first
     * (interpreted) calls and after the JIT has compiled the loop: the Vector API's own TANH fails this.
     */
    @Test
    void vectorTanhEqualsTheScalarOneBitForBitBeforeAndAfterCompilation() {
        NumpyRandom rng = new NumpyRandom(5);
        double[] z = new double[1003];
        float[] zf = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.gauss() * (i % 4 == 0 ? 1e-5 : i % 4 == 1 ? 0.3 : 6);
            zf[i] = (float) z[i];
        }
        z[7] = Double.NaN;
        z[8] = -0.0;
        z[9] = Double.NEGATIVE_INFINITY;
        z[10] = Double.longBitsToDouble(0xfff8000000000abcL);   // a negative NaN with a payload: returned as it is
        zf[10] = Float.NaN;
        zf[11] = -0f;
        zf[12] = Float.intBitsToFloat(0xffc01234);
        zf[13] = Float.POSITIVE_INFINITY;
        double[] out = new double[z.length];
        float[] outf = new float[z.length];
        for (int round = 0; round < 3000; round++) {
            int from = round % 2 == 0 ? 0 : 64 + round % 3; // float32's tanh also runs on pieces of an array
            VectorKernels.tanh(z, out, z.length - round % 5);
            FloatVectorKernels.tanh(zf, outf, from, zf.length - round % 5);
            if (round <= 1 || round >= 2998) {
                for (int i = 0; i < z.length - round % 5; i++) {
                    assertEquals(Double.doubleToRawLongBits(PortableMath.tanh(z[i])), Double.doubleToRawLongBits(out[i]),
                            "round " + round + ": tanh(" + z[i] + ")");
                    if (i >= from) {
                        assertEquals(Float.floatToRawIntBits(PortableMath.tanh(zf[i])), Float.floatToRawIntBits(outf[i]),
                                "round " + round + ": tanh(" + zf[i] + "f)");
                    }
                }
            }
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
