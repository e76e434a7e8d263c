package dev.autoencoder.cli;

import dev.autoencoder.data.DataException;
import dev.autoencoder.data.Table;
import dev.autoencoder.io.AtomicFiles;
import dev.autoencoder.io.Json;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.metrics.Pca;
import dev.autoencoder.metrics.RankingMetrics;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.report.TrainReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code autoencoder score}: anomaly scores, flags, and with labels how well they rank outliers. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score every row by its reconstruction error (mean squared, in the model's scaled space) and "
                + "flag the highest; an ensemble averages its members' errors, each centred on its training median and divided "
                + "by its training interquartile range.",
            "Flags: --threshold T, or --contamination Q (the top Q fraction), else the training rows' 99th percentile."})
final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ApplyOptions apply;

    static final class Cutoff {
        @Option(names = "--contamination", paramLabel = "Q", description = "Flag the top fraction Q of rows, 0 < Q <= 0.5.")
        Double contamination;

        @Option(names = "--threshold", paramLabel = "T", description = "Flag rows whose score exceeds T.")
        Double threshold;
    }

    @ArgGroup(exclusive = true)
    Cutoff cutoff = new Cutoff();

    @Option(names = "--per-feature", description = "Add each feature's squared error (err_<column>; an ensemble's first network).")
    boolean perFeature;

    @Option(names = "--baseline", paramLabel = "pca", description = "Also score with PCA at the model's latent width.")
    String baseline;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write DIR/report.html and its figures about "
            + "these rows: score histogram with the threshold, the top rows, per-column errors, latent codes.")
    Path report;

    @Option(names = "--positive-label", paramLabel = "V",
            description = "The label value that marks an outlier (default: labels must be 0 and 1).")
    Double positiveLabel;

    @Override
    public Integer call() throws Exception {
        if (cutoff.contamination != null && !(cutoff.contamination > 0 && cutoff.contamination <= 0.5)) {
            throw new ParameterException(spec.commandLine(), "--contamination must be in (0, 0.5], found "
                    + cutoff.contamination);
        }
        if (cutoff.threshold != null && !(cutoff.threshold >= 0) ) {
            throw new ParameterException(spec.commandLine(), "--threshold must be a number of 0 or more, found "
                    + cutoff.threshold);
        }
        if (baseline != null && !baseline.equalsIgnoreCase("pca")) {
            throw new ParameterException(spec.commandLine(), "--baseline must be pca, found '" + baseline + "'");
        }
        if (report != null) { // before any work: a run that cannot write its report does not start
            Outputs.checkFolder(report, "--report");
            List<Outputs.Output> outputs = new ArrayList<>(List.of(Outputs.Output.of("--out", apply.out)));
            for (Path f : TrainReport.files(report)) {
                outputs.add(new Outputs.Output(f, "the report's " + f + " (--report " + report + ")"));
            }
            Outputs.checkWritable(outputs);
        }
        Autoencoder m = apply.open();
        if (Streaming.applies(apply.data, apply.out) && cutoff.contamination == null && apply.data.labelColumn == null
                && baseline == null && report == null) {
            return streamScores(m);
        }
        String label = apply.data.labelColumn;
        if (label != null && m.columns().contains(label)) {
            throw new ParameterException(spec.commandLine(), "--label-column '" + label + "' is one of the model's "
                    + "inputs, so its scores have seen the answer; retrain with --label-column " + label);
        }
        Table t = Commands.readFor(m, apply.data, apply.err());
        double[] labels = t.labels() == null ? null : Commands.labels01(t, positiveLabel);
        Matrix errors = perFeature ? m.featureErrors(t.values()) : null;
        double[] scores = m.score(t.values());
        double threshold;
        String source;
        if (cutoff.threshold != null) {
            threshold = cutoff.threshold;
            source = "--threshold";
        } else if (cutoff.contamination != null) {
            threshold = RankingMetrics.quantile(scores, 1 - cutoff.contamination);
            source = "--contamination " + cutoff.contamination;
        } else if (m.trainingErrors().containsKey("p99")) {
            threshold = m.trainingErrors().get("p99");
            source = "the training rows' 99th percentile";
        } else {
            threshold = RankingMetrics.quantile(scores, 0.99);
            source = "the 99th percentile of these rows (the model stores no training errors)";
        }
        double[] flags = new double[scores.length];
        int flagged = 0;
        for (int i = 0; i < scores.length; i++) {
            flags[i] = scores[i] > threshold ? 1 : 0;
            flagged += (int) flags[i];
        }

        List<String> names = new ArrayList<>(List.of("score"));
        Matrix values = new Matrix(t.rows(), perFeature ? 1 + m.inputWidth() : 1);
        for (int r = 0; r < t.rows(); r++) {
            values.set(r, 0, scores[r]);
            if (perFeature) {
                for (int c = 0; c < errors.cols; c++) {
                    values.set(r, 1 + c, errors.get(r, c));
                }
            }
        }
        if (perFeature) {
            m.columns().forEach(c -> names.add("err_" + c));
        }
        List<String> extraNames = new ArrayList<>(List.of("flag"));
        extraNames.addAll(Commands.labelName(t));
        List<double[]> extra = new ArrayList<>(List.<double[]>of(flags));
        extra.addAll(Commands.labelColumn(t));
        Outputs.writeTable(apply.out, t, names, values, extraNames, extra);
        if (report != null) {
            try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
                TrainReport.writeScored(m, t, threshold, source, report, batch);
                batch.commit();
            }
        }

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("rows", t.rows());
        summary.put("threshold", threshold);
        summary.put("thresholdSource", source);
        summary.put("flagged", flagged);
        summary.put("meanScore", mean(scores));
        if (t.labels() != null) {
            putRanking(summary, scores, labels);
        }
        if (baseline != null) {
            int k = m.width(m.latentLayer());
            Matrix scaled = m.scaler().transform(t.values());
            Pca pca = m.baseline().orElseGet(() -> Pca.fit(scaled, Math.min(k, scaled.cols)));
            double[] pcaScores = pca.score(scaled);
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("method", "pca");
            b.put("components", pca.components().length);
            b.put("fittedOn", m.baseline().isPresent() ? "the model's training rows, in its scaled space"
                    : "the scored rows, in the model's scaled space (the model stores no baseline: it was saved by an "
                    + "older version)");
            b.put("meanScore", mean(pcaScores));
            if (t.labels() != null) {
                putRanking(b, pcaScores, labels);
            }
            summary.put("baseline", b);
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(Json.MAPPER.writeValueAsString(summary));
        } else if (!apply.out.toString().equals("-")) {
            o.printf(Locale.ROOT, "scored %d rows: mean score %.6g; %d flagged above %.6g (%s)%n", t.rows(),
                    mean(scores), flagged, threshold, source);
            if (t.labels() != null) {
                o.printf(Locale.ROOT, "autoencoder: ROC AUC %.4f, PR AUC %.4f, precision at %d %.4f%n",
                        summary.get("rocAuc"), summary.get("prAuc"), (int) sum(labels), summary.get("precisionAtK"));
            }
            if (baseline != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> b = (Map<String, Object>) summary.get("baseline");
                o.printf(Locale.ROOT, "PCA (%d components): mean score %.6g", b.get("components"), b.get("meanScore"));
                if (t.labels() != null) {
                    o.printf(Locale.ROOT, ", ROC AUC %.4f, PR AUC %.4f, precision at %d %.4f", b.get("rocAuc"),
                            b.get("prAuc"), (int) sum(labels), b.get("precisionAtK"));
                }
                o.println();
            }
        }
        o.flush();
        return ExitCodes.OK;
    }

    /**
     * Scores block by block in bounded memory: possible when the threshold is known in advance
     * (--threshold or the model's training p99) and no figure needs every score at once.
     */
    private int streamScores(Autoencoder m) throws Exception {
        double threshold;
        String source;
        if (cutoff.threshold != null) {
            threshold = cutoff.threshold;
            source = "--threshold";
        } else if (m.trainingErrors().containsKey("p99")) {
            threshold = m.trainingErrors().get("p99");
            source = "the training rows' 99th percentile";
        } else {
            throw new DataException(apply.model.model + " stores no training errors; give --threshold or --contamination");
        }
        List<String> names = new ArrayList<>(List.of("score"));
        if (perFeature) {
            m.columns().forEach(c -> names.add("err_" + c));
        }
        long[] flagged = {0};
        double[] sum = {0};
        long t0 = System.nanoTime();
        long rows = Streaming.run(m, apply.data, apply.err(), apply.out, names, block -> {
            Matrix errors = names.size() > 1 ? m.featureErrors(block) : null;
            double[] s = m.score(block);
            Matrix v = new Matrix(block.rows, names.size());
            for (int r = 0; r < block.rows; r++) {
                v.set(r, 0, s[r]);
                sum[0] += s[r];
                for (int c = 1; c < names.size(); c++) {
                    v.set(r, c, errors.get(r, c - 1));
                }
            }
            return v;
        }, List.of("flag"), v -> {
            double[] f = new double[v.rows];
            for (int r = 0; r < v.rows; r++) {
                f[r] = v.get(r, 0) > threshold ? 1 : 0;
                flagged[0] += (long) f[r];
            }
            return List.of(f);
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("rows", rows);
        summary.put("threshold", threshold);
        summary.put("thresholdSource", source);
        summary.put("flagged", flagged[0]);
        summary.put("meanScore", sum[0] / rows);
        summary.put("streamed", true);
        summary.put("rowsPerSecond", rows / seconds);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(Json.MAPPER.writeValueAsString(summary));
        } else if (!apply.out.toString().equals("-")) {
            o.printf(Locale.ROOT, "scored %d rows: mean score %.6g; %d flagged above %.6g (%s); %.0f rows/s%n", rows,
                    sum[0] / rows, flagged[0], threshold, source, rows / seconds);
        }
        o.flush();
        return ExitCodes.OK;
    }

    private static void putRanking(Map<String, Object> m, double[] scores, double[] labels) {
        m.put("rocAuc", RankingMetrics.rocAuc(scores, labels));
        m.put("prAuc", RankingMetrics.averagePrecision(scores, labels));
        m.put("precisionAtK", RankingMetrics.precisionAtK(scores, labels));
        m.put("outliers", (int) sum(labels));
    }

    private static double mean(double[] v) {
        return sum(v) / v.length;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
