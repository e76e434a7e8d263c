package dev.autoencoder.cli;

import dev.autoencoder.data.Table;
import dev.autoencoder.io.Json;
import dev.autoencoder.metrics.Evaluation;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.train.AutoencoderTrainer;
import dev.autoencoder.train.TrainSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code autoencoder evaluate}: how well the training options find labelled outliers, by PyOD's benchmark
 * protocol ({@link Evaluation}), beside the PCA baseline. A user picks settings with it.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure how well these training options find labelled outliers: for each split, train on 60%% "
                + "of the rows without labels and rank the other 40%% (PyOD's benchmark protocol, the same rows as "
                + "scikit-learn's train_test_split with random_state=RandomState(i)); print ROC AUC and PR AUC beside "
                + "a PCA baseline (90%% of the variance)."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    TrainingOptions training;

    @Option(names = "--splits", paramLabel = "N", description = "Splits to run, 0..N-1 (default: 5).")
    int splits = 5;

    @Option(names = "--positive-label", paramLabel = "V",
            description = "The label value that marks an outlier (default: labels must be 0 and 1).")
    Double positiveLabel;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        TrainSpec ts;
        try {
            ts = training.toSpec();
            if (ts.training().epochs() < 1) {
                throw new IllegalArgumentException("--epochs must be at least 1, found " + ts.training().epochs());
            }
            if (splits < 1 || splits > 100) {
                throw new IllegalArgumentException("--splits must be between 1 and 100, found " + splits);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Table t = data.read(null);
        if (t.labels() == null) {
            throw new ParameterException(spec.commandLine(), "evaluate needs labels: name the label column with "
                    + "--label-column COL (or give --labels FILE)");
        }
        double[] labels = Commands.labels01(t, positiveLabel);
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.printf(Locale.ROOT, "%s: %d rows, %d features, %d outliers (%.2f%%); %d split(s), 60%% train / 40%% test%n",
                    t.source(), t.rows(), t.values().cols, (int) sum(labels), 100 * sum(labels) / labels.length, splits);
            out.println("split  train  test  outliers  autoencoder ROC AUC  PR AUC  PCA ROC AUC  PR AUC  seconds");
            out.flush();
        }
        AutoencoderTrainer trainer = new AutoencoderTrainer(ts);
        List<Evaluation.Result> results = new ArrayList<>();
        for (int i = 0; i < splits; i++) {
            Evaluation.Result r = Evaluation.run(t.values(), labels, Evaluation.split(t.rows(), i), train -> {
                Autoencoder model = trainer.fit(train, null, null, t.columns(), Map.of(), null).model();
                return model::score;
            });
            results.add(r);
            if (!json) {
                out.printf(Locale.ROOT, "%5d  %5d  %4d  %8d  %19.4f  %6.4f  %11.4f  %6.4f  %7.2f%n", r.split(), r.trainRows(),
                        r.testRows(), r.testOutliers(), r.detector().rocAuc(), r.detector().prAuc(), r.pca().rocAuc(),
                        r.pca().prAuc(), r.seconds());
                out.flush();
            }
        }
        double[] mean = new double[4];
        for (Evaluation.Result r : results) {
            mean[0] += r.detector().rocAuc() / splits;
            mean[1] += r.detector().prAuc() / splits;
            mean[2] += r.pca().rocAuc() / splits;
            mean[3] += r.pca().prAuc() / splits;
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("data", t.source());
            doc.put("rows", t.rows());
            doc.put("features", t.values().cols);
            doc.put("outliers", (int) sum(labels));
            doc.put("splits", results);
            doc.put("mean", Map.of("autoencoder", Map.of("rocAuc", mean[0], "prAuc", mean[1]),
                    "pca", Map.of("rocAuc", mean[2], "prAuc", mean[3])));
            out.println(Json.MAPPER.writeValueAsString(doc));
        } else {
            out.printf(Locale.ROOT, " mean                           %19.4f  %6.4f  %11.4f  %6.4f%n", mean[0], mean[1], mean[2],
                    mean[3]);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
