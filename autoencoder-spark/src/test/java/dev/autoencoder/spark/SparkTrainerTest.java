package dev.autoencoder.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.chapter.SlopedLines;
import dev.autoencoder.data.CsvOptions;
import dev.autoencoder.data.CsvReader;
import dev.autoencoder.data.Scaler;
import dev.autoencoder.data.Table;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Initializer;
import dev.autoencoder.nn.Parameter;
import dev.autoencoder.optim.OptimizerSpec;
import dev.autoencoder.train.AutoencoderTrainer;
import dev.autoencoder.train.TrainSpec;
import dev.autoencoder.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Training on Spark (local[2]) against the single-machine trainer and the chapter's numbers. */
class SparkTrainerTest {
    static SparkSession spark;
    static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("test").config("spark.ui.enabled", false)
                .config("spark.sql.shuffle.partitions", 2).getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static List<double[]> rows(Matrix m) {
        List<double[]> l = new ArrayList<>();
        for (int r = 0; r < m.rows; r++) {
            l.add(m.row(r));
        }
        return l;
    }

    /**
     * Equal to {@code rel} relative to each parameter array's scale (its largest magnitude): the row
     * gradients are summed in another order on Spark, which moves a tiny bias by a tiny absolute amount.
     */
    static void assertSameParameters(Autoencoder expected, Autoencoder actual, double rel, String what) {
        List<Parameter> a = expected.network().parameters(), b = actual.network().parameters();
        for (int i = 0; i < a.size(); i++) {
            double scale = 0;
            for (double v : a.get(i).values()) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int j = 0; j < a.get(i).size(); j++) {
                double x = a.get(i).values()[j], y = b.get(i).values()[j];
                assertTrue(Math.abs(x - y) <= rel * scale,
                        what + ": " + a.get(i).name() + "[" + j + "] " + x + " vs " + y + " (scale " + scale + ")");
            }
        }
    }

    /** The chapter's network as a TrainSpec: sigmoid hidden and latent, linear output, SGD 0.1, full batch. */
    static TrainSpec chapter(int epochs) {
        return new TrainSpec(new int[] {2, 1, 2}, Activation.SIGMOID, Activation.SIGMOID, Activation.LINEAR,
                Initializer.XAVIER_UNIFORM, 0.0, OptimizerSpec.of(OptimizerSpec.Kind.SGD, 0.1),
                TrainingConfig.DEFAULTS.withEpochs(epochs).withBatchSize(0).withSeed(13), 0.0, Scaler.Type.NONE);
    }

    @Test
    void fullBatchOnTheChaptersDataEqualsTheSingleMachineTrainerForAnyPartitioning() {
        Matrix x = SlopedLines.generate(14, 12).x();
        List<String> cols = List.of("I1", "I2", "I3");
        AutoencoderTrainer.Outcome local = new AutoencoderTrainer(chapter(400)).fit(x, null, null, cols, Map.of(), null);
        for (int partitions : new int[] {1, 2, 3, 5}) {
            JavaRDD<double[]> rdd = sc.parallelize(rows(x), partitions);
            SparkTrainer.Outcome o = new SparkTrainer(chapter(400)).fit(sc, rdd, null, 3, cols, Map.of());
            // SEED-SPEC section 8: the chapter's loss at epoch 0
            assertEquals(0.6568881290292761, o.lossHistory()[0], 1e-12 * 0.6568881290292761);
            double[] lh = local.result().lossHistory();
            for (int e = 0; e < lh.length; e++) {
                assertEquals(lh[e], o.lossHistory()[e], 1e-12 * lh[e], "loss at epoch " + e);
            }
            assertSameParameters(local.model(), o.model(), 1e-12, partitions + " partitions");
        }
    }

    @Test
    void fullBatchOnARealDatasetEqualsTheSingleMachineTrainer() throws Exception {
        Path wells = Path.of("../../shared/data/geostats-unconv-mv/unconv_MV.csv");
        Table t = CsvReader.read(wells, CsvOptions.DEFAULTS.withIdColumn("WellIndex"));
        TrainSpec spec = new TrainSpec(new int[] {5, 2, 5}, Activation.TANH, Activation.LINEAR, Activation.LINEAR,
                Initializer.XAVIER_UNIFORM, 0.0, OptimizerSpec.of(OptimizerSpec.Kind.SGD, 0.05),
                TrainingConfig.DEFAULTS.withEpochs(60).withBatchSize(0).withSeed(4), 0.0, Scaler.Type.STANDARD);
        Autoencoder local = new AutoencoderTrainer(spec).fit(t.values(), null, null, t.columns(), Map.of(), null).model();
        for (int partitions : new int[] {2, 4}) {
            SparkTrainer.Outcome o = new SparkTrainer(spec).fit(sc, sc.parallelize(rows(t.values()), partitions), null,
                    t.values().cols, t.columns(), Map.of());
            assertEquals(1000, o.trainRows());
            assertSameParameters(local, o.model(), 1e-12, "wells, " + partitions + " partitions");
            for (int c = 0; c < 7; c++) {
                assertEquals(local.scaler().offset()[c], o.model().scaler().offset()[c],
                        1e-12 * Math.abs(local.scaler().offset()[c]));
            }
        }
    }

    @Test
    void miniBatchesValidationAndEarlyStoppingWork() {
        Matrix x = SlopedLines.generate(3, 400).x();
        TrainSpec spec = new TrainSpec(new int[] {4, 1, 4}, Activation.TANH, Activation.LINEAR, Activation.LINEAR,
                Initializer.XAVIER_UNIFORM, 0.0, OptimizerSpec.of(OptimizerSpec.Kind.ADAM, 0.01),
                TrainingConfig.DEFAULTS.withEpochs(40).withBatchSize(50).withSeed(2).withEarlyStopping(3, 1e-3), 0.0,
                Scaler.Type.STANDARD);
        List<double[]> all = rows(x);
        SparkTrainer.Outcome o = new SparkTrainer(spec).fit(sc, sc.parallelize(all.subList(0, 300), 3),
                sc.parallelize(all.subList(300, 400), 2), 3, List.of("a", "b", "c"), Map.of());
        double[] lh = o.lossHistory(), vh = o.validationLossHistory();
        assertEquals(lh.length, vh.length);
        assertTrue(lh[lh.length - 1] < lh[0] / 2, "training lowers the loss: " + lh[0] + " -> " + lh[lh.length - 1]);
        assertTrue(o.stoppedEarly() || lh.length == 40);
        for (double v : vh) {
            assertTrue(vh[o.bestEpoch()] <= v);
        }
        assertTrue(o.model().trainingErrors().get("p99") > 0);
    }

    @Test
    void denoisingIsSeededAndChangesTraining() {
        Matrix x = SlopedLines.generate(3, 200).x();
        TrainSpec clean = new TrainSpec(new int[] {4, 1, 4}, Activation.TANH, Activation.LINEAR, Activation.LINEAR,
                Initializer.XAVIER_UNIFORM, 0.0, OptimizerSpec.of(OptimizerSpec.Kind.ADAM, 0.01),
                TrainingConfig.DEFAULTS.withEpochs(5).withBatchSize(0).withSeed(2), 0.0, Scaler.Type.STANDARD);
        TrainSpec noisy = new TrainSpec(clean.hidden(), clean.activation(), clean.latentActivation(),
                clean.outputActivation(), clean.initializer(), 0.0, clean.optimizer(), clean.training()
                .withDenoising(new TrainingConfig.Denoising(TrainingConfig.Denoising.Kind.GAUSSIAN, 0.3)), 0.0,
                Scaler.Type.STANDARD);
        List<String> cols = List.of("a", "b", "c");
        double[] a = new SparkTrainer(noisy).fit(sc, sc.parallelize(rows(x), 2), null, 3, cols, Map.of()).lossHistory();
        double[] b = new SparkTrainer(noisy).fit(sc, sc.parallelize(rows(x), 2), null, 3, cols, Map.of()).lossHistory();
        double[] c = new SparkTrainer(clean).fit(sc, sc.parallelize(rows(x), 2), null, 3, cols, Map.of()).lossHistory();
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, 0.0, "the same seed gives the same noise");
        assertTrue(a[4] != c[4], "noise changes training: " + a[4] + " vs " + c[4]);
    }

    /** spark train takes every training option of train, under the same name and with the same default. */
    @Test
    void sparkTrainAndTrainShareTheirTrainingOptions() throws Exception {
        picocli.CommandLine spark = new picocli.CommandLine(new SparkMain()).getSubcommands().get("train");
        picocli.CommandLine train = new picocli.CommandLine(Class.forName("dev.autoencoder.cli.TrainCommand"));
        picocli.CommandLine.Model.CommandSpec options = picocli.CommandLine.Model.CommandSpec.forAnnotatedObject(
                new dev.autoencoder.cli.TrainingOptions());
        assertTrue(options.options().size() >= 24, "the shared options: " + options.options().size());
        for (picocli.CommandLine.Model.OptionSpec o : options.options()) {
            for (picocli.CommandLine cmd : List.of(spark, train)) {
                picocli.CommandLine.Model.OptionSpec there = cmd.getCommandSpec().findOption(o.longestName());
                assertTrue(there != null, cmd.getCommandName() + " lacks " + o.longestName());
                assertEquals(String.valueOf(o.defaultValue()), String.valueOf(there.defaultValue()), o.longestName());
                assertEquals(String.valueOf((Object) o.initialValue()), String.valueOf((Object) there.initialValue()),
                        o.longestName());
            }
        }
    }
}
