package dev.autoencoder.spark;

import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.model.ModelFile;
import dev.autoencoder.cli.TrainingOptions;
import dev.autoencoder.kernel.Precision;
import dev.autoencoder.train.TrainSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The entry point for {@code spark-submit --class dev.autoencoder.spark.SparkMain} (and for
 * {@code ./autoencoder spark}, which runs it in local mode): {@code train} and {@code score}, with the
 * single-machine tool's option names.
 */
@Command(name = "autoencoder spark", mixinStandardHelpOptions = true,
        subcommands = {SparkMain.Train.class, SparkMain.Score.class},
        description = "Train and score autoencoders on Apache Spark.")
public final class SparkMain implements Runnable {

    /** Below this many rows one machine is faster (measured: docs/spark.md). */
    static final long CROSSOVER_ROWS = 100_000;

    /** More steps an epoch than this, each a Spark job, is almost never what a user wants. */
    static final long MANY_STEPS = 100;

    @Option(names = "--master", description = "Spark master, e.g. local[2] (default: spark-submit's, else local[*]).")
    String master;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required: train or score");
    }

    public static void main(String[] args) {
        System.exit(main0(args));
    }

    /** Runs a command and returns its exit code (for tests and {@link #main}). */
    static int main0(String[] args) {
        return main0(args, new PrintWriter(System.err, true));
    }

    /** Runs a command with its messages going to err; returns the exit code. */
    static int main0(String[] args, PrintWriter err) {
        CommandLine cli = new CommandLine(new SparkMain());
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            Throwable t = ex;
            while (t.getCause() != null && !(t instanceof dev.autoencoder.data.DataException)
                    && !(t instanceof java.io.IOException)) {
                t = t.getCause(); // a task's failure arrives wrapped in Spark's exceptions: say ours
            }
            if (!(t instanceof dev.autoencoder.data.DataException || t instanceof java.io.IOException)) {
                t = ex;
            }
            String m = t.getMessage() == null ? t.toString() : t.getMessage().lines().findFirst().orElse("");
            cmd.getErr().println("autoencoder spark: " + m);
            return t instanceof dev.autoencoder.data.DataException ? 65
                    : t instanceof java.io.IOException || t instanceof org.apache.spark.sql.AnalysisException ? 74
                    : t instanceof IllegalArgumentException ? 2 : 1;
        });
        return cli.execute(args);
    }

    /** Whether this run created its session (and so must stop it); an embedding application's stays. */
    boolean ownSession;

    SparkSession session() {
        ownSession = SparkSession.getDefaultSession().isEmpty() && SparkSession.getActiveSession().isEmpty();
        SparkSession.Builder b = SparkSession.builder().appName("autoencoder");
        String m = master != null ? master : System.getProperty("spark.master");
        b.master(m != null ? m : "local[*]");
        SparkSession s = b.getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        return s;
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = "Data-parallel training; saves a model "
            + "file the single-machine tool reads.")
    static final class Train implements Callable<Integer> {
        @CommandLine.ParentCommand
        SparkMain parent;

        @Option(names = "--data", required = true, description = "CSV (with header) or Parquet path (local, HDFS, S3).")
        String data;

        @Option(names = "--format", description = "csv or parquet (default: by extension).")
        String format;

        @Option(names = "--columns", split = ",", description = "Feature columns (default: every numeric one).")
        List<String> columns = List.of();

        @Option(names = "--exclude-columns", split = ",", description = "Numeric columns to leave out.")
        List<String> exclude = List.of();

        @Option(names = "--id-column", description = "A column carried along but not trained on.")
        String idColumn;

        @Option(names = "--model-out", required = true, description = "Where to save the model (local path).")
        Path modelOut;

        @CommandLine.Mixin
        TrainingOptions training;

        @Option(names = "--partitions", description = "Repartition the data into N partitions first.")
        Integer partitions;

        @Override
        public Integer call() throws Exception {
            TrainSpec spec = training.toSpec();
            if (spec.training().precision() != Precision.FLOAT64) {
                throw new IllegalArgumentException("--precision: Spark trains in float64 only; drop the option");
            }
            if (training.threads() != null) {
                throw new IllegalArgumentException("--threads does not apply on Spark: each task runs on one core; "
                        + "set the parallelism with --partitions and the master's cores");
            }
            if (training.members() != null && training.members() > 1) {
                throw new IllegalArgumentException("--members: Spark trains one network; give --members 1 or train the "
                        + "ensemble with 'autoencoder train'");
            }
            if (training.codeWeight() != null && training.codeWeight() > 0) {
                throw new IllegalArgumentException("--code-weight: Spark scores by the reconstruction error alone; give "
                        + "--code-weight 0 or train with 'autoencoder train'");
            }
            spec = spec.withMembers(1).withCodeWeight(0);
            double validationSplit = spec.validationSplit();
            long seed = training.seed();
            SparkSession spark = parent.session();
            try {
                Dataset<Row> df = SparkData.read(spark, data, format);
                List<String> leaveOut = new java.util.ArrayList<>(exclude);
                if (idColumn != null) {
                    leaveOut.add(idColumn);
                }
                SparkData.Checked checked = SparkData.check(df, columns, leaveOut);
                List<String> cols = checked.columns();
                JavaRDD<double[]> rows = SparkData.rows(checked.data(), cols);
                if (partitions != null) {
                    rows = rows.repartition(partitions);
                }
                JavaRDD<double[]> train = rows;
                JavaRDD<double[]> valid = null;
                if (validationSplit > 0) {
                    JavaRDD<double[]>[] split = rows.randomSplit(new double[] {1 - validationSplit, validationSplit}, seed);
                    train = split[0];
                    valid = split[1];
                }
                long n = train.count();
                PrintWriter err = new PrintWriter(System.err, true);
                int batch = spec.training().batchSize();
                if (batch > 0 && n / batch > MANY_STEPS) {
                    err.printf("autoencoder spark: warning: --batch-size %d makes %,d steps an epoch, each a Spark job; "
                            + "on Spark pass --batch-size all or a batch of at least %d%n", batch, n / batch, n / MANY_STEPS);
                }
                if (n < CROSSOVER_ROWS) {
                    err.printf("autoencoder spark: warning: %d rows is small enough that one machine is likely faster "
                            + "(./autoencoder train); below about %d rows Spark's per-step overhead dominates "
                            + "(docs/spark.md)%n", n, CROSSOVER_ROWS);
                }
                Map<String, Object> prov = new LinkedHashMap<>();
                prov.put("seed", seed);
                prov.put("data", data);
                prov.put("options", Map.of("hidden", spec.hidden() == null ? "auto" : Arrays.toString(spec.hidden()), "optimizer",
                        spec.optimizer().kind().id(), "epochs", spec.training().epochs(), "batchSize",
                        spec.training().batchSize() == 0 ? "all" : spec.training().batchSize(), "scaling", spec.scaling().id()));
                prov.put("libraryVersion", "autoencoder (spark)");
                prov.put("created", Instant.now().toString());
                SparkTrainer.Outcome o = new SparkTrainer(spec).fit(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                        train, valid, cols.size(), cols, prov);
                ModelFile.write(o.model(), modelOut);
                double[] lh = o.lossHistory();
                System.out.printf(Locale.ROOT, "trained on %d rows in %d partitions: %d epochs in %.2f s, final loss %.6g;"
                        + " wrote %s%n", o.trainRows(), train.getNumPartitions(), lh.length, o.trainSeconds(),
                        lh[lh.length - 1], modelOut);
                return 0;
            } finally {
                if (parent.ownSession) {
                    spark.stop();
                }
            }
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true, description = "Add latent, reconstructionError and "
            + "flag columns to a table; write it as Parquet (or CSV with --out-format csv).")
    static final class Score implements Callable<Integer> {
        @CommandLine.ParentCommand
        SparkMain parent;

        @Option(names = "--model", required = true, description = "A model file (from either trainer).")
        Path model;

        @Option(names = "--data", required = true, description = "CSV (with header) or Parquet path.")
        String data;

        @Option(names = "--format", description = "csv or parquet (default: by extension).")
        String format;

        @Option(names = "--out", required = true, description = "Output folder.")
        String out;

        @Option(names = "--out-format", description = "parquet (default) or csv (the latent array as text).")
        String outFormat = "parquet";

        @Option(names = "--threshold", description = "Flag above this score (default: the model's training p99).")
        Double threshold;

        @Override
        public Integer call() throws Exception {
            Autoencoder m = ModelFile.read(model);
            SparkSession spark = parent.session();
            try {
                AutoencoderScorer scorer = new AutoencoderScorer(m);
                if (threshold != null) {
                    scorer.setThreshold(threshold);
                }
                long t0 = System.nanoTime();
                Dataset<Row> table = SparkData.read(spark, data, format);
                for (String c : m.columns()) {
                    if (!Arrays.asList(table.columns()).contains(c)) {
                        throw new dev.autoencoder.data.DataException("the model expects the column '" + c + "', which "
                                + data + " does not have (it has " + String.join(", ", table.columns()) + ")");
                    }
                }
                Dataset<Row> scored = scorer.transform(SparkData.check(table, m.columns(), List.of()).data());
                if (outFormat.equals("csv")) {
                    scored.withColumn("latent", org.apache.spark.sql.functions.concat_ws(" ",
                            org.apache.spark.sql.functions.col("latent").cast("array<string>")))
                            .write().option("header", true).csv(out);
                } else {
                    scored.write().parquet(out);
                }
                double s = (System.nanoTime() - t0) / 1e9;
                long n = spark.read().format(outFormat).option("header", true).load(out).count();
                System.out.printf(Locale.ROOT, "scored %d rows in %.2f s (%.0f rows/s); wrote %s%n", n, s, n / s, out);
                return 0;
            } finally {
                if (parent.ownSession) {
                    spark.stop();
                }
            }
        }
    }
}
