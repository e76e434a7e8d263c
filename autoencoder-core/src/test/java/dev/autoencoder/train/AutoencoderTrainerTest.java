package dev.autoencoder.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.data.Scaler;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.nn.Parameter;
import dev.autoencoder.optim.OptimizerSpec;
import dev.autoencoder.random.NumpyRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoencoderTrainerTest {

    static Matrix data(int rows, long seed, double shift) {
        NumpyRandom rng = new NumpyRandom(seed);
        Matrix x = new Matrix(rows, 5);
        for (int r = 0; r < rows; r++) {
            double a = rng.gauss(), b = rng.gauss();
            double[] v = {a, b, a + b, a - b, 2 * a};
            for (int c = 0; c < 5; c++) {
                x.set(r, c, shift + 10 * c + v[c] + 0.05 * rng.gauss());
            }
        }
        return x;
    }

    static TrainSpec spec(int epochs) {
        return new TrainSpec(new int[] {4, 2, 4}, dev.autoencoder.nn.Activation.TANH,
                dev.autoencoder.nn.Activation.LINEAR, dev.autoencoder.nn.Activation.LINEAR,
                dev.autoencoder.nn.Initializer.XAVIER_UNIFORM, 0.0, OptimizerSpec.of(OptimizerSpec.Kind.ADAM, 0.01),
                TrainingConfig.DEFAULTS.withEpochs(epochs).withBatchSize(16).withSeed(3), 0.0, Scaler.Type.STANDARD);
    }

    private static final List<String> COLS = List.of("a", "b", "c", "d", "e");

    @Test
    void smallTablesTrainForTheMinimumNumberOfSteps() {
        TrainingConfig c = TrainingConfig.DEFAULTS.withEpochs(30).withBatchSize(32).withMinSteps(2000);
        assertEquals(500, c.epochsFor(128), "128 rows are 4 steps an epoch: 2000 / 4");
        assertEquals(667, c.epochsFor(89), "89 rows are 3 steps an epoch: ceil(2000 / 3)");
        assertEquals(30, c.epochsFor(100_000), "a large table keeps its 30 epochs");
        assertEquals(2000, c.withBatchSize(0).epochsFor(500), "full batch: one step an epoch");
        assertEquals(30, c.withMinSteps(0).epochsFor(128), "no minimum: exactly the epochs");
        assertEquals(0, c.withEpochs(0).epochsFor(128), "0 epochs stay 0 (a model taken as it is)");
        // the split's rows do not count: 100 rows less a tenth are 90, 6 steps of 16
        TrainSpec spec = spec(3).withValidationSplit(0.1).withTraining(spec(3).training().withMinSteps(40));
        assertEquals(7, spec.epochsFor(100));
        AutoencoderTrainer.Outcome o = new AutoencoderTrainer(spec).fit(data(100, 1, 0), null, null,
                List.of("a", "b", "c", "d", "e"), Map.of(), null);
        assertEquals(90, o.trainRows());
        assertEquals(7, o.result().lossHistory().length, "the training ran ceil(40 / 6) epochs");
    }

    @Test
    void scalerIsFittedOnTrainingRowsOnly() {
        Matrix train = data(100, 1, 0);
        Matrix valid = data(50, 2, 1000);   // far away: would move the mean a lot if it leaked in
        Autoencoder m = new AutoencoderTrainer(spec(2)).fit(train, valid, null, COLS, Map.of(), null).model();
        Scaler expected = Scaler.fit(Scaler.Type.STANDARD, train);
        assertArrayEquals(expected.offset(), m.scaler().offset(), 0.0);
        assertArrayEquals(expected.scale(), m.scaler().scale(), 0.0);
    }

    @Test
    void validationSplitHoldsOutRowsAndTheScalerNeverSeesThem() {
        Matrix x = data(100, 1, 0);
        for (int c = 0; c < 5; c++) {
            x.set(99, c, 1e6); // one extreme row
        }
        TrainSpec s = spec(2);
        TrainSpec split = new TrainSpec(s.hidden(), s.activation(), s.latentActivation(), s.outputActivation(),
                s.initializer(), 0.0, s.optimizer(), s.training(), 0.3, Scaler.Type.STANDARD);
        AutoencoderTrainer.Outcome o = new AutoencoderTrainer(split).fit(x, null, null, COLS, Map.of(), null);
        assertEquals(70, o.trainRows());
        assertEquals(30, o.validationRows().rows);
        boolean extremeHeldOut = false;
        for (int r = 0; r < 30; r++) {
            extremeHeldOut |= o.validationRows().get(r, 0) == 1e6;
        }
        double offset = o.model().scaler().offset()[0];
        assertEquals(extremeHeldOut, offset < 1000, "the scaler's mean includes the extreme row only when it trained on it");
        assertEquals(2, o.result().validationLossHistory().length);
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestEpoch() {
        Matrix train = data(64, 1, 0), valid = data(32, 2, 0);
        // a min-delta larger than any possible improvement: epoch 0 is the best, training stops at epoch 3
        TrainSpec s = spec(50);
        TrainSpec stopping = new TrainSpec(s.hidden(), s.activation(), s.latentActivation(), s.outputActivation(),
                s.initializer(), 0.0, s.optimizer(), s.training().withEarlyStopping(3, 1e9), 0.0, Scaler.Type.STANDARD);
        AutoencoderTrainer.Outcome o = new AutoencoderTrainer(stopping).fit(train, valid, null, COLS, Map.of(), null);
        assertTrue(o.result().stoppedEarly());
        assertEquals(0, o.result().bestEpoch());
        assertEquals(4, o.result().lossHistory().length);
        // the same run for exactly one epoch has the parameters early stopping must have restored
        Autoencoder oneEpoch = new AutoencoderTrainer(spec(1)).fit(train, valid, null, COLS, Map.of(), null).model();
        assertSameParameters(oneEpoch, o.model());

        // a realistic patience: the restored model is the best epoch's, which a shorter run reproduces
        TrainSpec patient = new TrainSpec(s.hidden(), s.activation(), s.latentActivation(), s.outputActivation(),
                s.initializer(), 0.0, OptimizerSpec.of(OptimizerSpec.Kind.ADAM, 0.2),
                s.training().withEpochs(300).withEarlyStopping(5, 0.0), 0.0, Scaler.Type.STANDARD);
        AutoencoderTrainer.Outcome p = new AutoencoderTrainer(patient).fit(train, valid, null, COLS, Map.of(), null);
        double[] vh = p.result().validationLossHistory();
        int best = p.result().bestEpoch();
        for (double v : vh) {
            assertTrue(vh[best] <= v, "bestEpoch has the lowest validation loss");
        }
        if (p.result().stoppedEarly()) {
            assertEquals(best + 6, vh.length, "stops patience epochs after the best");
        }
        TrainSpec upToBest = new TrainSpec(s.hidden(), s.activation(), s.latentActivation(), s.outputActivation(),
                s.initializer(), 0.0, OptimizerSpec.of(OptimizerSpec.Kind.ADAM, 0.2),
                s.training().withEpochs(best + 1), 0.0, Scaler.Type.STANDARD);
        assertSameParameters(new AutoencoderTrainer(upToBest).fit(train, valid, null, COLS, Map.of(), null).model(),
                p.model());
    }

    @Test
    void zeroEpochsFromAnInitModelGivesTheSameModelBack() {
        Matrix train = data(64, 1, 0);
        Autoencoder first = new AutoencoderTrainer(spec(5)).fit(train, null, null, COLS, Map.of(), null).model();
        Autoencoder again = new AutoencoderTrainer(spec(0)).fit(data(30, 9, 5), null, first, List.of("x", "y", "z", "u", "v"),
                Map.of(), null).model();
        assertSameParameters(first, again);
        assertArrayEquals(first.scaler().offset(), again.scaler().offset(), 0.0);
        assertEquals(first.columns(), again.columns());
    }

    @Test
    void denoisingIsSeededAndChangesTraining() {
        Matrix train = data(64, 1, 0);
        TrainSpec s = spec(5);
        TrainSpec noisy = new TrainSpec(s.hidden(), s.activation(), s.latentActivation(), s.outputActivation(),
                s.initializer(), 0.0, s.optimizer(), s.training().withDenoising(
                        new TrainingConfig.Denoising(TrainingConfig.Denoising.Kind.MASK, 0.3)), 0.0, Scaler.Type.STANDARD);
        Autoencoder a = new AutoencoderTrainer(noisy).fit(train, null, null, COLS, Map.of(), null).model();
        Autoencoder b = new AutoencoderTrainer(noisy).fit(train, null, null, COLS, Map.of(), null).model();
        Autoencoder clean = new AutoencoderTrainer(s).fit(train, null, null, COLS, Map.of(), null).model();
        assertSameParameters(a, b);
        assertFalse(a.network().parameters().get(0).values()[0] == clean.network().parameters().get(0).values()[0]);
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalModels() {
        NumpyRandom rng = new NumpyRandom(12);
        Matrix x = new Matrix(300, 64);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.gauss();
        }
        TrainSpec s = spec(3);
        // 64 x 256 weights: large enough that Adam and the transposes split over the threads too
        List<String> cols = java.util.stream.IntStream.range(0, 64).mapToObj(i -> "c" + i).toList();
        Autoencoder[] models = new Autoencoder[2];
        for (int t = 1; t <= 2; t++) {
            TrainSpec wide = new TrainSpec(new int[] {256, 16, 256}, s.activation(), s.latentActivation(),
                    s.outputActivation(), s.initializer(), 0.0, s.optimizer(),
                    s.training().withBatchSize(64).withThreads(t), 0.0, Scaler.Type.STANDARD);
            models[t - 1] = new AutoencoderTrainer(wide).fit(x, null, null, cols, Map.of(), null).model();
        }
        assertSameParameters(models[0], models[1]);
    }

    @Test
    void warnsAboutABatchLargerThanTheDataAndAWideLatent() {
        TrainSpec s = spec(1);
        TrainSpec wide = new TrainSpec(new int[] {8, 6, 8}, s.activation(), s.latentActivation(), s.outputActivation(),
                s.initializer(), 0.0, s.optimizer(), s.training().withBatchSize(500), 0.0, Scaler.Type.STANDARD);
        List<String> w = new AutoencoderTrainer(wide).fit(data(40, 1, 0), null, null, COLS, Map.of(), null).warnings();
        assertTrue(w.stream().anyMatch(m -> m.contains("batch size 500")), w.toString());
        assertTrue(w.stream().anyMatch(m -> m.contains("not narrower than the input")), w.toString());
    }

    @Test
    void collapsedReconstructionsAreRecognized() {
        Matrix x = data(20, 1, 0);
        Matrix means = new Matrix(20, 5);
        for (int c = 0; c < 5; c++) {
            double m = 0;
            for (int r = 0; r < 20; r++) {
                m += x.get(r, c) / 20;
            }
            for (int r = 0; r < 20; r++) {
                means.set(r, c, m + 1e-6 * r);
            }
        }
        assertTrue(AutoencoderTrainer.collapsed(x, means));
        assertFalse(AutoencoderTrainer.collapsed(x, x));
    }

    static void assertSameParameters(Autoencoder a, Autoencoder b) {
        List<Parameter> pa = a.network().parameters(), pb = b.network().parameters();
        assertEquals(pa.size(), pb.size());
        for (int i = 0; i < pa.size(); i++) {
            assertArrayEquals(pa.get(i).values(), pb.get(i).values(), 0.0, pa.get(i).name());
        }
    }

    /** The PCA baseline is fitted on the training rows, kept in the model, and survives the model file. */
    @Test
    void theBaselineIsFittedOnTheTrainingRowsAndSaved() throws Exception {
        Matrix train = data(100, 1, 0), other = data(40, 5, 3);
        Autoencoder m = new AutoencoderTrainer(spec(2)).fit(train, null, null, COLS, Map.of(), null).model();
        dev.autoencoder.metrics.Pca pca = m.baseline().orElseThrow();
        assertEquals(2, pca.components().length, "as many components as the code is wide");
        Matrix scaledOther = m.scaler().transform(other);
        double[] expected = dev.autoencoder.metrics.Pca.fit(m.scaler().transform(train), 2).score(scaledOther);
        assertArrayEquals(expected, pca.score(scaledOther), 0.0);
        double[] onScored = dev.autoencoder.metrics.Pca.fit(scaledOther, 2).score(scaledOther);
        assertFalse(java.util.Arrays.equals(onScored, pca.score(scaledOther)), "not fitted on the scored rows");
        Autoencoder back = dev.autoencoder.model.ModelFile.fromJson(
                dev.autoencoder.io.Json.MAPPER.readTree(dev.autoencoder.model.ModelFile.toJson(m)), "m.json");
        assertArrayEquals(expected, back.baseline().orElseThrow().score(scaledOther), 0.0);
    }

    @Test
    void aTableTooSmallToHoldOutARowTrainsOnAllOfItAndSaysSo() {
        Matrix x = data(9, 4, 0); // a tenth of 9 rows is no row
        AutoencoderTrainer.Outcome o = new AutoencoderTrainer(TrainSpec.DEFAULTS.withHidden(2).withEpochs(2).withMembers(1))
                .fit(x, null, null, COLS, Map.of(), null);
        assertEquals(9, o.trainRows());
        assertEquals(null, o.heldOut());
        assertEquals(0, o.result().validationLossHistory().length);
        assertTrue(o.warnings().stream().anyMatch(w -> w.startsWith("9 rows are too few to hold out 10% of them")),
                o.warnings().toString());
        // ten rows give one
        AutoencoderTrainer.Outcome ten = new AutoencoderTrainer(TrainSpec.DEFAULTS.withHidden(2).withEpochs(2).withMembers(1))
                .fit(data(10, 4, 0), null, null, COLS, Map.of(), null);
        assertEquals(1, ten.heldOut().length);
        assertEquals(9, ten.trainRows());
    }

    @Test
    void heldOutRowsAreTheRowsTheValidationLossWasTakenOn() {
        Matrix x = data(50, 6, 0);
        TrainSpec spec = TrainSpec.DEFAULTS.withHidden(3).withEpochs(3).withMembers(1);
        AutoencoderTrainer.Outcome o = new AutoencoderTrainer(spec).fit(x, null, null, COLS, Map.of(), null);
        assertEquals(5, o.heldOut().length);
        for (int i = 0; i < o.heldOut().length; i++) {
            assertArrayEquals(x.row(o.heldOut()[i]), o.validationRows().row(i), 0.0, "held-out row " + i);
        }
    }
}
