package dev.autoencoder.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.bench.Workloads;
import dev.autoencoder.chapter.SlopedLines;
import dev.autoencoder.math.FloatKernels;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Initializer;
import dev.autoencoder.nn.Network;
import dev.autoencoder.optim.OptimizerSpec;
import dev.autoencoder.random.NumpyRandom;
import org.junit.jupiter.api.Test;

class FloatTrainerTest {

    @Test
    void float32TrainingOnW2EndsWithin2PercentOfFloat64() {
        Matrix data = Workloads.w2Data();
        Workloads.Result f64 = Workloads.w2(data, 5, false);
        Workloads.Result f32 = Workloads.w2(data, 5, true);
        assertEquals("float32", f32.precision());
        double rel = Math.abs(f32.finalLoss() - f64.finalLoss()) / f64.finalLoss();
        assertTrue(rel < 0.02, "float32 final loss " + f32.finalLoss() + " vs float64 " + f64.finalLoss());
        assertTrue(f32.finalLoss() < 0.1, "and it did train: " + f32.finalLoss());
    }

    @Test
    void float32GivesTheSameNetworkWithOneAndTwoThreads() {
        NumpyRandom data = new NumpyRandom(4);
        Matrix x = new Matrix(300, 64);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = data.gauss();
        }
        TrainingConfig tc = TrainingConfig.DEFAULTS.withEpochs(2).withBatchSize(64).withSeed(3);
        double[][] weights = new double[2][];
        try {
            for (int t = 1; t <= 2; t++) {
                dev.autoencoder.math.Parallel.setThreads(t);
                // 64 x 256 weights: products, Adam and transposes all split over the threads
                Network net = Network.initialize(new int[] {64, 256, 16, 256, 64}, new Activation[] {Activation.TANH,
                    Activation.TANH, Activation.TANH, Activation.LINEAR}, Initializer.XAVIER_UNIFORM, 0.0, new NumpyRandom(9));
                new FloatTrainer(tc, OptimizerSpec.of(OptimizerSpec.Kind.ADAM, 1e-3)).fit(net, x, null, StepObserver.NONE);
                weights[t - 1] = net.layers().stream().flatMapToDouble(l -> java.util.stream.DoubleStream.concat(
                        java.util.Arrays.stream(l.weights().value), java.util.Arrays.stream(l.bias().value))).toArray();
            }
        } finally {
            dev.autoencoder.math.Parallel.setThreads(Runtime.getRuntime().availableProcessors());
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(weights[0], weights[1], 0.0);
    }

    @Test
    void float32FollowsTheChaptersTrainingClosely() {
        // the chapter's network and data in float32: the same curve to float precision, not to the bit
        Matrix x = SlopedLines.generate(14, 12).x();
        Network net = Network.initialize(new int[] {3, 2, 1, 2, 3}, new Activation[] {Activation.SIGMOID,
            Activation.SIGMOID, Activation.SIGMOID, Activation.LINEAR}, Initializer.XAVIER_UNIFORM, 0.0, new NumpyRandom(13));
        TrainingConfig tc = TrainingConfig.DEFAULTS.withEpochs(2000).withBatchSize(0);
        double[] loss = new FloatTrainer(tc, OptimizerSpec.of(OptimizerSpec.Kind.SGD, 0.1)).fit(net, x, null,
                StepObserver.NONE).lossHistory();
        assertEquals(0.6568881290292761, loss[0], 1e-6, "SEED-SPEC: the chapter's loss at epoch 0");
        assertEquals(0.4056995274019819, loss[1000], 1e-4, "SEED-SPEC: the chapter's loss at epoch 1000");
    }

    @Test
    void floatMatmulEqualsItsScalarReference() {
        NumpyRandom rng = new NumpyRandom(8);
        for (int trial = 0; trial < 30; trial++) {
            // up to 150 columns: 16-lane float vectors in blocks of 4, 2 and 1, and a scalar tail
            int n = 1 + rng.nextInt(40), k = 1 + rng.nextInt(70), m = 1 + rng.nextInt(150);
            float[] a = new float[n * k], b = new float[k * m], c1 = new float[n * m], c2 = new float[n * m];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) rng.uniform(-1, 1);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) rng.uniform(-1, 1);
            }
            FloatKernels.matmul(a, b, c1, n, k, m, false);
            FloatKernels.reference(a, b, c2, n, k, m, false, 0, n);
            org.junit.jupiter.api.Assertions.assertArrayEquals(c2, c1, 0f, n + "x" + k + "x" + m);
        }
    }
}
