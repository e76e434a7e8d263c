package dev.autoencoder.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.chapter.SlopedLines;
import dev.autoencoder.kernel.Precision;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Initializer;
import dev.autoencoder.nn.Network;
import dev.autoencoder.nn.Parameter;
import dev.autoencoder.optim.OptimizerSpec;
import dev.autoencoder.random.NumpyRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one training loop in both precisions: thread counts, resume, early stopping, and float32 against float64. */
class TrainerTest {

    private static Matrix gaussian(int rows, int cols, long seed) {
        NumpyRandom rng = new NumpyRandom(seed);
        Matrix x = new Matrix(rows, cols);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.gauss();
        }
        return x;
    }

    /** 64 x 256 weights: products, Adam and the transposes all split over the threads. */
    private static Network wide() {
        return Network.initialize(new int[] {64, 256, 16, 256, 64}, new Activation[] {Activation.TANH, Activation.TANH,
            Activation.TANH, Activation.LINEAR}, Initializer.XAVIER_UNIFORM, 0.0, new NumpyRandom(9));
    }

    private static double[] parameters(Network net) {
        return net.parameters().stream().flatMapToDouble(p -> Arrays.stream(p.value.toDoubles())).toArray();
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void oneAndTwoThreadsGiveTheSameNetwork(Precision p) {
        Matrix x = gaussian(300, 64, 4), v = gaussian(50, 64, 5);
        double[][] weights = new double[2][];
        double[][] validation = new double[2][];
        for (int t = 1; t <= 2; t++) {
            TrainingConfig tc = TrainingConfig.DEFAULTS.withEpochs(3).withBatchSize(64).withSeed(3).withPrecision(p)
                    .withThreads(t).withEarlyStopping(2, 0.0);
            Network net = wide();
            TrainingResult r = new Trainer(tc).fit(net, x, v, OptimizerSpec.of(OptimizerSpec.Kind.ADAM, 1e-3).create(),
                    StepObserver.NONE);
            weights[t - 1] = parameters(net);
            validation[t - 1] = r.validationLossHistory();
        }
        assertArrayEquals(weights[0], weights[1], 0.0);
        assertArrayEquals(validation[0], validation[1], 0.0);
    }

    /** Stop after 2 of 5 epochs at an epoch boundary, resume from the state: the same bits as 5 in one go. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void resumingFromAnEpochBoundaryGivesTheUninterruptedNetwork(Precision p) {
        Matrix x = gaussian(200, 64, 6);
        TrainingConfig tc = TrainingConfig.DEFAULTS.withEpochs(5).withBatchSize(32).withSeed(8).withPrecision(p)
                .withDenoising(new TrainingConfig.Denoising(TrainingConfig.Denoising.Kind.GAUSSIAN, 0.1));
        for (OptimizerSpec.Kind kind : OptimizerSpec.Kind.values()) {
            OptimizerSpec spec = OptimizerSpec.of(kind, 1e-3);
            Network straight = wide();
            TrainingResult whole = new Trainer(tc).fit(straight, x, null, spec.create(), StepObserver.NONE);

            Network first = wide();
            TrainingState[] saved = new TrainingState[1];
            new Trainer(tc).fit(first, x, null, spec.create(), StepObserver.NONE, null, (state, net) -> {
                if (state.nextEpoch() == 2) {
                    saved[0] = copy(state);
                    return true;
                }
                return false;
            });
            Network resumed = first.copy();
            TrainingResult rest = new Trainer(tc).fit(resumed, x, null, spec.create(), StepObserver.NONE, saved[0],
                    EpochHook.NONE);
            assertArrayEquals(parameters(straight), parameters(resumed), 0.0, kind + " in " + p.id());
            assertArrayEquals(whole.lossHistory(), rest.lossHistory(), 0.0, kind + " in " + p.id());
        }
    }

    /** What a checkpoint keeps, copied out (the trainer keeps using the live state). */
    private static TrainingState copy(TrainingState s) {
        return new TrainingState(s.nextEpoch(), s.lossHistory(), s.validationHistory(), s.best(), s.bestEpoch(),
                s.bestParameters(), s.order(), s.shuffler(), s.noise(), s.optimizerState(), s.optimizerSteps());
    }

    @Test
    void float32EndsCloseToFloat64() {
        Matrix x = gaussian(2000, 64, 10);
        double[] last = new double[2];
        for (Precision p : Precision.values()) {
            TrainingConfig tc = TrainingConfig.DEFAULTS.withEpochs(3).withBatchSize(128).withSeed(7).withPrecision(p);
            double[] h = new Trainer(tc).fit(wide(), x, OptimizerSpec.of(OptimizerSpec.Kind.ADAM, 1e-3).create())
                    .lossHistory();
            last[p.ordinal()] = h[h.length - 1];
            assertTrue(h[h.length - 1] < 0.9 * h[0], p + " trained: " + Arrays.toString(h));
        }
        double rel = Math.abs(last[1] - last[0]) / last[0];
        assertTrue(rel < 1e-3, "float32 final loss " + last[1] + " vs float64 " + last[0]);
    }

    @Test
    void float32FollowsTheChaptersTrainingClosely() {
        // the chapter's network and data in float32: the same curve to float precision, not to the bit
        Matrix x = SlopedLines.generate(14, 12).x();
        Network net = Network.initialize(new int[] {3, 2, 1, 2, 3}, new Activation[] {Activation.SIGMOID,
            Activation.SIGMOID, Activation.SIGMOID, Activation.LINEAR}, Initializer.XAVIER_UNIFORM, 0.0, new NumpyRandom(13));
        TrainingConfig tc = TrainingConfig.DEFAULTS.withEpochs(2000).withBatchSize(0).withPrecision(Precision.FLOAT32);
        double[] loss = new Trainer(tc).fit(net, x, OptimizerSpec.of(OptimizerSpec.Kind.SGD, 0.1).create()).lossHistory();
        assertEquals(0.6568881290292761, loss[0], 1e-6, "SEED-SPEC: the chapter's loss at epoch 0");
        assertEquals(0.4056995274019819, loss[1000], 1e-4, "SEED-SPEC: the chapter's loss at epoch 1000");
        for (Parameter p : net.parameters()) {
            for (double w : p.values()) {
                assertEquals((float) w, w, 0.0, "a float32 fit leaves float32 values in the float64 network");
            }
        }
    }
}
