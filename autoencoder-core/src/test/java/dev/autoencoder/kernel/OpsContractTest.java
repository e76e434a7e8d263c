package dev.autoencoder.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Loss;
import dev.autoencoder.random.NumpyRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The kernel contract: every {@link Ops} the factory can make (the plain loops and the Vector API, on one
 * and on two threads) gives the same bits as the plain one-thread reference, op by op, over random shapes
 * that cross every block and lane boundary; and the reference itself agrees with products and sums written
 * out in this test. Runs in both precisions, and again without the vector module (see the pom).
 */
class OpsContractTest {
    private static final int ROUNDS = 300;

    /** The reference, and everything that must equal it. */
    private static List<Ops> candidates(Precision p) {
        List<Ops> all = new ArrayList<>(List.of(Ops.plain(p, 2), Ops.create(p, 1), Ops.create(p, 2), Ops.shared(p)));
        return all;
    }

    private static Tensor random(NumpyRandom rng, Precision p, int rows, int cols, double scale) {
        Tensor t = Tensor.zeros(p, rows, cols);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, rng.gauss() * scale);
        }
        return t;
    }

    private static void assertSameBits(Tensor want, Tensor got, String what) {
        assertEquals(want.size(), got.size(), what);
        for (int i = 0; i < want.size(); i++) {
            if (Double.doubleToRawLongBits(want.get(i)) != Double.doubleToRawLongBits(got.get(i))) {
                throw new AssertionError(what + ": element " + i + " is " + got.get(i) + ", the reference gives "
                        + want.get(i));
            }
        }
    }

    /** Runs {@code op} on copies of the inputs with the reference and every candidate; compares the outputs. */
    private static void check(Precision p, String what, Tensor[] inputs, Consumer<Object[]> op) {
        Ops reference = Ops.plain(p, 1);
        Tensor[] want = copies(inputs);
        op.accept(new Object[] {reference, want});
        for (Ops ops : candidates(p)) {
            try (ops) {
                Tensor[] got = copies(inputs);
                op.accept(new Object[] {ops, got});
                for (int i = 0; i < want.length; i++) {
                    assertSameBits(want[i], got[i], what + " on " + ops + ", tensor " + i);
                }
            }
        }
    }

    private static Tensor[] copies(Tensor[] ts) {
        Tensor[] c = new Tensor[ts.length];
        for (int i = 0; i < ts.length; i++) {
            c[i] = ts[i].copy();
        }
        return c;
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void productsEqualTheReferenceBitForBitInEveryTransposition(Precision p) {
        NumpyRandom rng = new NumpyRandom(11);
        for (int round = 0; round < ROUNDS / 3; round++) {
            int n = 1 + rng.nextInt(70), k = 1 + rng.nextInt(70), m = 1 + rng.nextInt(150);
            boolean ta = rng.nextInt(2) == 1, tb = rng.nextInt(2) == 1;
            Tensor a = ta ? random(rng, p, k, n, 1) : random(rng, p, n, k, 1);
            Tensor b = tb ? random(rng, p, m, k, 1) : random(rng, p, k, m, 1);
            Tensor c = random(rng, p, n, m, 1);
            check(p, "matmul " + n + "x" + k + "x" + m + (ta ? " A^T" : "") + (tb ? " B^T" : ""),
                    new Tensor[] {a, b, c}, x -> ((Ops) x[0]).matmul(t(x, 0), ta, t(x, 1), tb, t(x, 2)));
        }
    }

    private static Tensor t(Object[] x, int i) {
        return ((Tensor[]) x[1])[i];
    }

    /**
     * The reference product and column sums against loops written here: fused multiply-adds in ascending k
     * from 0, sums top to bottom from 0; whatever the output held before is overwritten.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void theReferenceProductIsAnAscendingRunOfFusedMultiplyAdds(Precision p) {
        NumpyRandom rng = new NumpyRandom(12);
        try (Ops ops = Ops.plain(p, 1)) {
            for (int round = 0; round < 50; round++) {
                int n = 1 + rng.nextInt(9), k = 1 + rng.nextInt(9), m = 1 + rng.nextInt(40); // both loop forms
                Tensor a = random(rng, p, n, k, 1), b = random(rng, p, k, m, 1), c = random(rng, p, n, m, 1);
                ops.matmul(a, false, b, false, c);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < m; j++) {
                        double want;
                        if (p == Precision.FLOAT64) {
                            double x = 0.0;
                            for (int q = 0; q < k; q++) {
                                x = Math.fma(a.get(i * k + q), b.get(q * m + j), x);
                            }
                            want = x;
                        } else {
                            float x = 0f;
                            for (int q = 0; q < k; q++) {
                                x = Math.fma((float) a.get(i * k + q), (float) b.get(q * m + j), x);
                            }
                            want = x;
                        }
                        assertEquals(want, c.get(i * m + j), 0.0, "element " + i + ", " + j);
                    }
                }
                Tensor sums = random(rng, p, 1, m, 1);
                ops.columnSums(c, sums);
                for (int j = 0; j < m; j++) {
                    double want = 0.0;
                    for (int i = 0; i < n; i++) {
                        want = p == Precision.FLOAT64 ? want + c.get(i * m + j) : (float) want + (float) c.get(i * m + j);
                    }
                    assertEquals(want, sums.get(j), 0.0, "column sum " + j);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void elementwiseKernelsEqualTheReferenceBitForBit(Precision p) {
        NumpyRandom rng = new NumpyRandom(13);
        for (int round = 0; round < ROUNDS / 6; round++) {
            // every fourth round tall enough that two threads split the activations between them
            int n = 1 + rng.nextInt(round % 4 == 0 ? 400 : 40), m = 1 + rng.nextInt(90);
            double scale = round % 3 == 0 ? 1e-3 : round % 3 == 1 ? 1 : 30;
            Tensor z = random(rng, p, n, m, scale), b = random(rng, p, 1, m, 1), s = random(rng, p, 1, m, 1);
            check(p, "addRowVector", new Tensor[] {z, b}, x -> ((Ops) x[0]).addRowVector(t(x, 0), t(x, 1)));
            check(p, "columnSums", new Tensor[] {z, s}, x -> ((Ops) x[0]).columnSums(t(x, 0), t(x, 1)));
            for (Activation f : Activation.values()) {
                Tensor a = Tensor.zeros(p, n, m), dA = random(rng, p, n, m, 1), dZ = Tensor.zeros(p, n, m);
                check(p, "activate " + f, new Tensor[] {z, a}, x -> ((Ops) x[0]).activate(f, t(x, 0), t(x, 1)));
                try (Ops ref = Ops.plain(p, 1)) {
                    ref.activate(f, z, a);
                }
                check(p, "activationBackward " + f, new Tensor[] {z, a, dA, dZ},
                        x -> ((Ops) x[0]).activationBackward(f, t(x, 0), t(x, 1), t(x, 2), t(x, 3)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void lossesAndUpdatesEqualTheReferenceBitForBit(Precision p) {
        NumpyRandom rng = new NumpyRandom(14);
        for (int round = 0; round < ROUNDS / 6; round++) {
            int n = 1 + rng.nextInt(40), m = 1 + rng.nextInt(300);
            Tensor out = random(rng, p, n, m, 1), target = random(rng, p, n, m, 1), g = Tensor.zeros(p, n, m);
            for (Loss loss : Loss.values()) {
                double[] sums = new double[2];
                check(p, "loss " + loss, new Tensor[] {out, target, g}, x -> {
                    double v = ((Ops) x[0]).loss(loss, t(x, 0), t(x, 1), t(x, 2));
                    if (x[0] instanceof PlainOps plain && plain.threads() == 1 && !(plain instanceof VectorOps)) {
                        sums[0] = v;
                    } else {
                        assertEquals(sums[0], v, 0.0, "summed loss");
                    }
                });
            }
            Tensor w = random(rng, p, n, m, 1), mo = random(rng, p, n, m, 0.1), v = random(rng, p, n, m, 0.1);
            for (int i = 0; i < v.size(); i++) {
                v.set(i, Math.abs(v.get(i)));
            }
            AdamStep step = AdamStep.of(1e-3, 0.9, 0.999, 1e-8, round % 2 == 0 ? 0.0 : 0.01, round % 3 == 0, 1 + round);
            check(p, "adam", new Tensor[] {w, out, mo, v}, x -> ((Ops) x[0]).adam(t(x, 0), t(x, 1), t(x, 2), t(x, 3), step));
            check(p, "sgd", new Tensor[] {w, out}, x -> ((Ops) x[0]).sgd(t(x, 0), t(x, 1), 0.1));
            check(p, "momentum", new Tensor[] {w, out, mo},
                    x -> ((Ops) x[0]).momentum(t(x, 0), t(x, 1), t(x, 2), 0.01, 0.9, true));
            check(p, "divide", new Tensor[] {w}, x -> ((Ops) x[0]).divide(t(x, 0), 128));
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = n - 1 - i;
            }
            Tensor dst = Tensor.zeros(p, Math.max(1, n / 2), m);
            check(p, "gatherRows", new Tensor[] {out, dst}, x -> ((Ops) x[0]).gatherRows(t(x, 0), order, n - dst.rows, t(x, 1)));
        }
    }

    /** The closed forms the kernels promise, computed here in float64: loss, gradient and Adam's first step. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void lossAndAdamFollowTheirFormulas(Precision p) {
        try (Ops ops = Ops.create(p, 1)) {
            Tensor out = Tensor.zeros(p, 2, 4), target = Tensor.zeros(p, 2, 4), g = Tensor.zeros(p, 2, 4);
            out.setAll(new double[] {1, 2, 3, 4, 0, 0, 0, 0});
            target.setAll(new double[] {1, 1, 1, 1, 0, 0, 0, 1});
            // row 0: (0 + 1 + 4 + 9) / 4 = 3.5; row 1: 1 / 4 = 0.25
            assertEquals(3.75, ops.loss(Loss.MSE, out, target, g), 0.0);
            assertEquals(2.0 / 4 * 2, g.get(2), 1e-7);
            assertEquals(-0.5, g.get(7), 1e-7);
            Tensor w = Tensor.zeros(p, 1, 1), grad = Tensor.zeros(p, 1, 1), m = Tensor.zeros(p, 1, 1), v = Tensor.zeros(p, 1, 1);
            w.set(0, 1.0);
            grad.set(0, -3.0);
            ops.adam(w, grad, m, v, AdamStep.of(0.1, 0.9, 0.999, 1e-8, 0.0, false, 1));
            // step 1: m / (1 - b1) = g, sqrt(v / (1 - b2)) = |g|, so w moves by lr * sign(-g)
            assertEquals(1.1, w.get(0), 1e-6);
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void vectorTanhAndSigmoidEqualTheScalarFunctionsBeforeAndAfterCompilation(Precision p) {
        NumpyRandom rng = new NumpyRandom(5);
        int len = 1003;
        Tensor z = Tensor.zeros(p, 1, len);
        for (int i = 0; i < len; i++) {
            z.set(i, rng.gauss() * (i % 4 == 0 ? 1e-5 : i % 4 == 1 ? 0.3 : i % 4 == 2 ? 6 : 300));
        }
        z.set(7, Double.NaN);
        z.set(8, -0.0);
        z.set(9, Double.NEGATIVE_INFINITY);
        z.set(10, Double.POSITIVE_INFINITY);
        Tensor a = Tensor.zeros(p, 1, len);
        try (Ops ops = Ops.create(p, 1)) {
            for (int round = 0; round < 3000; round++) {
                for (Activation f : new Activation[] {Activation.TANH, Activation.SIGMOID}) {
                    ops.activate(f, z, a);
                    if (round <= 1 || round == 2999) {
                        for (int i = 0; i < len; i++) {
                            double want = p == Precision.FLOAT64
                                    ? (f == Activation.TANH ? PortableMath.tanh(z.get(i)) : PortableMath.sigmoid(z.get(i)))
                                    : (f == Activation.TANH ? PortableMath.tanh((float) z.get(i))
                                            : PortableMath.sigmoid((float) z.get(i)));
                            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(a.get(i)),
                                    "round " + round + ": " + f + "(" + z.get(i) + ")");
                        }
                    }
                }
            }
            for (Activation f : new Activation[] {Activation.TANH, Activation.SIGMOID}) {
                ops.activate(f, z, a);
                Tensor inPlace = z.copy();
                ops.activate(f, inPlace, inPlace);
                for (int i = 0; i < len; i++) {
                    assertEquals(Double.doubleToRawLongBits(a.get(i)), Double.doubleToRawLongBits(inPlace.get(i)),
                            "in place: " + f + "(" + z.get(i) + ")");
                }
            }
        }
    }

    /** The ordinary runs have the vector module; the plain-kernels run (see the pom) must not. */
    @org.junit.jupiter.api.Test
    void eachTestRunHasTheKernelsItMeansToTest() {
        assertEquals(!Boolean.getBoolean("autoencoder.test.plain"), Ops.vectorAvailable());
        try (Ops ops = Ops.create(Precision.FLOAT64, 1)) {
            assertEquals(Ops.vectorAvailable(), ops instanceof VectorOps, ops.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void mismatchedShapesAndPrecisionsAreRefused(Precision p) {
        Precision other = p == Precision.FLOAT64 ? Precision.FLOAT32 : Precision.FLOAT64;
        try (Ops ops = Ops.create(p, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ops.matmul(Tensor.zeros(p, 2, 3), false, Tensor.zeros(p, 4, 5), false, Tensor.zeros(p, 2, 5)));
            assertTrue(e.getMessage().contains("shapes do not fit"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> ops.sgd(Tensor.zeros(other, 1, 3), Tensor.zeros(other, 1, 3), 0.1));
            assertTrue(e.getMessage().contains("compute in " + p.id()), e.getMessage());
        }
    }
}
