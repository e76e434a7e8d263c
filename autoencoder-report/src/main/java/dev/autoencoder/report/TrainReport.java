package dev.autoencoder.report;

import dev.autoencoder.data.IdxReader;
import dev.autoencoder.data.Table;
import dev.autoencoder.io.AtomicFiles;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.metrics.Pca;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Network;
import dev.autoencoder.train.TrainingResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures and report of {@code train --out DIR}, for any architecture: loss curves (training and
 * validation), the latent codes (first two dimensions, coloured by the label column when there is
 * one), the network diagram, and for square images a grid of images next to their reconstructions.
 */
public final class TrainReport {
    private TrainReport() {}

    public static Map<String, DemoFigures.Sized> figures(Autoencoder model, TrainingResult result, Table data) {
        return figures(model, result, data, Analysis.of(model, data, null));
    }

    static Map<String, DemoFigures.Sized> figures(Autoencoder model, TrainingResult result, Table data, Analysis a) {
        Map<String, DemoFigures.Sized> f = new LinkedHashMap<>();
        if (result != null) {
            boolean validated = result.validationLossHistory().length > 0;
            int best = validated ? result.bestEpoch() : -1;
            f.put("loss", new DemoFigures.Sized(Plots.loss(result.lossHistory(), result.validationLossHistory(), "validation",
                    "loss per value (scaled units)", false, best), 760, 460, validated ? "Training loss per epoch, and the validation loss after each "
                            + "epoch on the rows held out (the dotted line marks its best epoch, " + result.bestEpoch() + ")." : "Training loss per epoch (no validation "
                            + "rows were held out: --validation-split 0 or too few rows)."));
            if (spansADecade(result.lossHistory())) { // a log axis only where the loss falls by more than 10 times
                f.put("loss-log", new DemoFigures.Sized(Plots.loss(result.lossHistory(), result.validationLossHistory(),
                        "validation", "loss per value (scaled units)", true, best), 760, 460, "The same on a log scale."));
            }
        }
        Table sample = a.sample;
        int shown = sample.rows();
        Matrix latent = a.latent;
        String coloured = sample.labels() == null ? "" : ", coloured by " + sample.labelName();
        if (a.projected) {
            // a wider code is shown by its first two principal components, and the figure says so
            double[] v = a.pca.explainedVariance();
            double total = 0; // the codes' total variance: the trace of their covariance
            for (int c = 0; c < latent.cols; c++) {
                double mean = 0, ss = 0;
                for (int r = 0; r < latent.rows; r++) {
                    mean += latent.get(r, c) / latent.rows;
                }
                for (int r = 0; r < latent.rows; r++) {
                    ss += (latent.get(r, c) - mean) * (latent.get(r, c) - mean);
                }
                total += ss / Math.max(1, latent.rows - 1);
            }
            String share = String.format(java.util.Locale.ROOT, "%.0f%%", 100 * (v[0] + v[1]) / total);
            f.put("latent", new DemoFigures.Sized(Plots.latentScatter(a.coords, sample.labels(),
                    sample.labelName(), "code PC 1", "code PC 2", latent.cols + "-wide codes projected on their first "
                            + "two principal components (" + share + " of their variance)", a.heldOut), 760, 560,
                    "The " + latent.cols + "-wide latent codes of " + shown + " rows" + coloured + ", projected by PCA of "
                            + "the codes onto the plane that keeps most of their spread (" + share + " of it)."
                            + heldOutNote(a)));
        } else {
            f.put("latent", new DemoFigures.Sized(Plots.latentScatter(latent, sample.labels(), sample.labelName(),
                    latent.cols >= 2 ? "latent 1" : "row", latent.cols >= 2 ? "latent 2" : "latent 1", null, a.heldOut),
                    760, 560, "The latent codes of " + shown + " rows" + coloured + "." + heldOutNote(a)));
        }
        if (latent.cols >= 2) {
            String xName = a.projected ? "code PC 1" : "latent 1", yName = a.projected ? "code PC 2" : "latent 2";
            int nc = Math.min(12, model.inputWidth());
            f.put("latent-by-column", new DemoFigures.Sized(DataPlots.latentByColumn(a.coords, xName, yName,
                    sample.values(), model.columns()), 900, 48 + 300 * ((nc + 2) / 3), "The same codes once per column, "
                    + "coloured by that column's value (viridis, by rank; the numbers under each bar are the column's "
                    + "5th, 50th and 95th percentiles in its units): a smooth gradient across a panel means the code "
                    + "carries that column."));
        }
        Columns cols = a.columns;
        int barHeight = 90 + 26 * Math.min(model.inputWidth(), DataPlots.MAX_COLUMNS);
        f.put("column-errors", new DemoFigures.Sized(DataPlots.columnErrors(model.columns(), cols.rmse, cols.spread),
                860, barHeight, "How much of each column the code keeps: the RMS reconstruction error of " + shown
                        + " rows as a share of the column's standard deviation, worst first (0% is perfect, 100% is no "
                        + "better than predicting the column's mean); the label gives the error in the column's units."));
        int panels = Math.min(12, model.inputWidth());
        f.put("reconstructed", new DemoFigures.Sized(DataPlots.actualVsReconstructed(sample.values(), cols.reconstruction,
                model.columns(), cols.rmse, cols.spread), 900, 40 + 250 * ((panels + 2) / 3),
                "Reconstructed against actual values, one panel per column (the worst-rebuilt first): points on the "
                        + "grey line are rebuilt exactly."));
        Scores sc = a.scores;
        Figure scoreFigure = DataPlots.scoreHistogram(sc.scores, sc.threshold, sc.thresholdName,
                "Anomaly scores of the " + a.rowsNoun);
        boolean withBaseline = model.baseline().isPresent();
        if (withBaseline) {
            double[] pca = model.baseline().get().score(model.scaler().transform(data.values()));
            scoreFigure = DataPlots.scoreHistograms(scoreFigure, DataPlots.scoreHistogram(pca,
                    dev.autoencoder.metrics.RankingMetrics.quantile(pca, 0.99), "its 99th percentile",
                    "PCA baseline (" + model.baseline().get().components().length + " components)"));
        }
        f.put("scores", new DemoFigures.Sized(scoreFigure, withBaseline ? 1200 : 760, 420, (withBaseline ? "Left: " : "")
                + "The anomaly score of every one of the " + a.rowsNoun + " (the mean "
                        + "squared reconstruction error in scaled units" + (model.codeWeight() > 0 ? " plus "
                        + model.codeWeight() + " x how far the row's code lies from the training codes, each over its "
                        + "spread" : "") + (model.members() > 1 ? ", standardized and "
                        + "averaged over the ensemble's " + model.members() + " networks" : "") + "), with the threshold "
                        + "'score' flags above by default (" + sc.thresholdName + ")." + (withBaseline ? " Right: the "
                        + "PCA baseline the model stores (score --baseline pca), fitted on the same rows: rows both "
                        + "flag are the surest." : "")));
        f.put("network", new DemoFigures.Sized(new NetworkDiagram(model.network(), true, "The trained network",
                model.columns()), 900, 520, "The trained network" + (model.members() > 1 ? " (the ensemble's first)"
                        : "") + ": edge width is the weight's magnitude, colour its sign."));
        int side = IdxReader.squareSide(data.values().cols);
        Network face = model.network();
        if (side >= 8 && data.values().cols >= 64) {
            Matrix x = data.values();
            boolean[] varies = new boolean[x.cols];
            for (int r = 1; r < x.rows; r++) {
                for (int c = 0; c < x.cols; c++) {
                    varies[c] |= x.get(r, c) != x.get(0, c);
                }
            }
            f.put("weights-first-layer", new DemoFigures.Sized(WeightPlots.firstLayerImages(face, side, varies), 900,
                    WeightPlots.imagesHeight(face, 900), "The first layer's weights, one tile per node, laid out as the "
                            + side + " x " + side + " image: each node sums the pixels under red and subtracts those under "
                            + "blue, so a tile shows the stroke or blob it responds to."));
        } else if (face.inputWidth() <= 64) {
            f.put("weights", new DemoFigures.Sized(WeightPlots.heatmaps(face, model.columns()), 900,
                    WeightPlots.height(face, 900), "Every weight of the trained network" + (model.members() > 1
                            ? " (the ensemble's first)" : "") + ", layer by layer: a row per node, a column per node "
                            + "feeding it. Strong colours in a column mean that input matters to the next layer."));
        }
        if (side >= 8 && data.values().cols >= 64) {
            int n = Math.min(20, data.rows());
            // evenly spaced rows: files grouped by class (like the MNIST subset) still show every class
            int rowsN = data.rows();
            Table first = data.select(java.util.stream.IntStream.range(0, n).map(i -> (int) ((long) i * rowsN / n)).toArray());
            f.put("reconstructions", new DemoFigures.Sized(Plots.imageGrid(first.values(),
                    model.reconstruct(first.values()), side, n, 10, "Images and reconstructions"), 900, 420,
                    n + " images spread over the file (upper) and their reconstructions (lower)."));
        }
        return f;
    }

    public static void write(Autoencoder model, TrainingResult result, Table data, Path dir) throws IOException {
        try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
            write(model, result, data, null, dir, batch);
            batch.commit();
        }
    }

    /**
     * Stages the report's figures and report.html in dir, in a set of files written together; {@code heldOut}
     * (or null) are the rows of data that training held out for validation, drawn apart in the latent plot.
     */
    public static void write(Autoencoder model, TrainingResult result, Table data, int[] heldOut, Path dir,
                             AtomicFiles.Batch batch) throws IOException {
        Analysis a = Analysis.of(model, data, heldOut);
        Map<String, DemoFigures.Sized> figures = figures(model, result, data, a);
        DemoFigures.write(figures, dir, batch);
        byte[] html = html(model, result, data, figures, a).getBytes(StandardCharsets.UTF_8);
        batch.write(dir.resolve("report.html"), out -> out.write(html));
    }

    /**
     * The report of rows scored with a trained model ({@code score --report}): the same figures and tables as
     * training's, without the loss curve, about these rows and with the threshold score used.
     */
    public static void writeScored(Autoencoder model, Table data, double threshold, String thresholdName, Path dir,
                                   AtomicFiles.Batch batch) throws IOException {
        Analysis a = Analysis.of(model, data, null);
        a.rowsNoun = "scored rows";
        a.scores.threshold = threshold;
        a.scores.thresholdName = thresholdName;
        Map<String, DemoFigures.Sized> figures = figures(model, null, data, a);
        DemoFigures.write(figures, dir, batch);
        byte[] html = html(model, null, data, figures, a).getBytes(StandardCharsets.UTF_8);
        batch.write(dir.resolve("report.html"), out -> out.write(html));
    }

    /** Every file {@link #write} may write into dir (which of the figures depends on the data). */
    public static List<Path> files(Path dir) {
        List<Path> files = new java.util.ArrayList<>();
        for (String figure : List.of("loss", "loss-log", "latent", "latent-by-column", "column-errors", "reconstructed",
                "weights", "weights-first-layer",
                "scores", "network", "reconstructions")) {
            files.add(dir.resolve(figure + ".png"));
            files.add(dir.resolve(figure + ".svg"));
        }
        files.add(dir.resolve("report.html"));
        return files;
    }

    static String html(Autoencoder model, TrainingResult result, Table data, Map<String, DemoFigures.Sized> figures,
                       Analysis a) {
        Network net = model.network();
        String arch = Arrays.stream(net.widths()).mapToObj(Integer::toString).collect(Collectors.joining("-"));
        String acts = Arrays.stream(net.activations()).map(Activation::id).collect(Collectors.joining(", "));
        double[] loss = result == null ? new double[0] : result.lossHistory();
        double[] val = result == null ? new double[0] : result.validationLossHistory();
        StringBuilder h = new StringBuilder(1 << 20);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
         .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Autoencoder ")
         .append(arch).append("</title><style>").append(Html.STYLE).append("</style></head><body>\n");
        h.append("<h1>Autoencoder ").append(arch).append("</h1>\n<p class=\"lede\">").append(result == null
                ? "Rows scored: " : "Trained on ")
         .append(Html.escape(data.source())).append(": ").append(data.rows()).append(" rows of ")
         .append(data.values().cols).append(" columns, squeezed through ").append(model.width(model.latentLayer()))
         .append(" latent dimension(s).</p>\n<div class=\"cards\">");
        if (result != null) {
            h.append(card("final training loss", loss.length == 0 ? "-" : fmt(loss[loss.length - 1]),
                    loss.length + " epochs"));
            if (val.length > 0) {
                h.append(card("best validation loss", fmt(val[result.bestEpoch()]), "epoch " + result.bestEpoch()));
            }
        } else {
            int above = 0;
            for (double v : a.scores.scores) {
                above += v > a.scores.threshold ? 1 : 0;
            }
            h.append(card("rows flagged", above + " of " + a.scores.scores.length, "above " + fmt(a.scores.threshold)));
        }
        h.append(card("parameters", Integer.toString(net.parameterCount()), "activations " + acts));
        if (result != null) {
            h.append(card("training time", String.format(Locale.ROOT, "%.2f s", result.trainSeconds()),
                    result.stoppedEarly() ? "stopped early" : "all epochs"));
        }
        h.append("</div>\n");
        h.append(story(model, data, a));
        for (Map.Entry<String, DemoFigures.Sized> e : figures.entrySet()) {
            DemoFigures.Sized s = e.getValue();
            h.append("<figure>").append(Html.inlineFigure(s))
             .append("<figcaption>").append(Html.escape(s.caption()))
             .append("</figcaption></figure>\n");
        }
        h.append(topRows(data, a.scores, a.rowsNoun));
        h.append("<h2>Model</h2>\n<table><tr><th>item</th><th>value</th></tr>")
         .append(row("layers", arch)).append(row("activations", acts))
         .append(row("scaling", model.scaler().type().id()))
         .append(row("columns", String.join(", ", model.columns().size() > 20
                 ? model.columns().subList(0, 20) : model.columns()) + (model.columns().size() > 20 ? ", ..." : "")));
        model.trainingErrors().forEach((k, v) -> h.append(row("training error " + k, fmt(v))));
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    /** What the figures say, in words: the best- and worst-kept columns and how many rows stand out. */
    static String story(Autoencoder model, Table data, Analysis a) {
        Columns c = a.columns;
        int best = 0, worst = 0;
        double total = 0;
        for (int j = 0; j < c.rmse.length; j++) {
            double s = DataPlots.share(c.rmse[j], c.spread[j]);
            total += s / c.rmse.length;
            best = s < DataPlots.share(c.rmse[best], c.spread[best]) ? j : best;
            worst = s > DataPlots.share(c.rmse[worst], c.spread[worst]) ? j : worst;
        }
        Scores sc = a.scores;
        int above = 0;
        for (double v : sc.scores) {
            above += v > sc.threshold ? 1 : 0;
        }
        return String.format(Locale.ROOT, "<h2>What the model learned</h2>\n<p>The network squeezes each row's %d "
                + "columns through %d latent number(s) and rebuilds them. On average it loses %.0f%% of a column's spread: "
                + "it keeps <b>%s</b> best (%.0f%% lost) and <b>%s</b> worst (%.0f%% lost), so that is the column the "
                + "code says least about (figures below). %d of the %d " + a.rowsNoun + " score above the threshold "
                + "<code>score</code> uses by default (%s, %s); the table at the end lists the highest. Next: score new "
                + "rows with <code>./autoencoder score --model MODEL --data NEW.csv --out scores.csv</code>, or, with "
                + "labelled data, measure how well it finds them with <code>./autoencoder evaluate</code>.</p>\n",
                data.values().cols, model.width(model.latentLayer()), 100 * total,
                Html.escape(model.columns().get(best)), 100 * DataPlots.share(c.rmse[best], c.spread[best]),
                Html.escape(model.columns().get(worst)), 100 * DataPlots.share(c.rmse[worst], c.spread[worst]), above,
                data.rows(), Html.escape(sc.thresholdName), DataPlots.g3(sc.threshold));
    }

    /** The ten highest-scoring rows, by id when the table has one. */
    static String topRows(Table data, Scores sc, String rowsNoun) {
        StringBuilder h = new StringBuilder("<h2>The most anomalous " + rowsNoun + "</h2>\n<div class=\"scroll\"><table><tr><th>")
                .append(data.ids() == null ? "row" : Html.escape(data.idName())).append("</th><th>score</th>");
        if (data.labels() != null) {
            h.append("<th>").append(Html.escape(data.labelName())).append("</th>");
        }
        h.append("</tr>\n");
        for (int r : sc.top(10)) {
            h.append("<tr><td>").append(data.ids() == null ? Integer.toString(r + 1) : Html.escape(data.ids().get(r)))
             .append("</td><td>").append(fmt(sc.scores[r])).append("</td>");
            if (data.labels() != null) {
                h.append("<td>").append(fmt(data.labels()[r])).append("</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</table></div>\n").toString();
    }

    private static String card(String title, String value, String note) {
        return "<div class=\"card\">" + Html.escape(title) + "<b>" + Html.escape(value) + "</b>" + Html.escape(note)
                + "</div>";
    }

    private static String row(String k, String v) {
        return "<tr><td>" + Html.escape(k) + "</td><td>" + Html.escape(v) + "</td></tr>";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.5g", v);
    }

    /** Whether the positive values span more than a factor of ten. */
    static boolean spansADecade(double[] v) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (double x : v) {
            if (x > 0) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        return hi > 10 * lo;
    }

    /**
     * What the report's figures and words are computed from, once: up to 5,000 evenly spaced rows with their
     * codes (and, for codes wider than 2, their PCA plane), the per-column errors of those rows, and every
     * row's score.
     */
    private static String heldOutNote(Analysis a) {
        if (a.heldOut == null) {
            return "";
        }
        int n = 0;
        for (boolean b : a.heldOut) {
            n += b ? 1 : 0;
        }
        return " Filled points are training rows; the " + n + " open ones were held out for validation (training never "
                + "saw them), so where they fall among the filled ones the code generalizes.";
    }

    static final class Analysis {
        Table sample;
        Matrix latent;
        boolean projected;
        Pca pca;
        /** The codes as drawn: themselves, or their projection on the first two principal components. */
        Matrix coords;
        /** Which of the sample's rows training held out for validation (null: none). */
        boolean[] heldOut;
        /** What the rows are, for the text: "training rows", or "scored rows" in a report from score. */
        String rowsNoun = "training rows";
        Columns columns;
        Scores scores;

        static Analysis of(Autoencoder model, Table data, int[] heldOut) {
            Analysis a = new Analysis();
            int[] idx = Table.evenlySpaced(data.rows(), 5000);
            int shown = idx.length;
            a.sample = data.select(idx);
            if (heldOut != null) {
                boolean[] out = new boolean[data.rows()];
                for (int r : heldOut) {
                    out[r] = true;
                }
                a.heldOut = new boolean[shown];
                for (int i = 0; i < shown; i++) {
                    a.heldOut[i] = out[idx[i]];
                }
            }
            a.latent = model.encode(a.sample.values(), model.latentLayer());
            a.projected = a.latent.cols > 2 && a.latent.rows > 2;
            a.pca = a.projected ? Pca.fit(a.latent, 2) : null;
            a.coords = a.projected ? project(a.latent, a.pca) : a.latent;
            a.columns = Columns.of(model, a.sample);
            a.scores = Scores.of(model, data);
            return a;
        }
    }

    /** Per-column reconstruction errors of some rows, in the data's units. */
    /**
     * How well a model rebuilds each column of some rows: the reconstruction, each column's RMS error in its
     * units, and its standard deviation (the error's share of it is what the code loses of that column).
     */
    public static final class Columns {
        public Matrix reconstruction;
        public double[] rmse;
        public double[] spread;

        public static Columns of(Autoencoder model, Table rows) {
            Columns c = new Columns();
            Matrix x = rows.values();
            c.reconstruction = model.reconstruct(x);
            c.rmse = new double[x.cols];
            c.spread = new double[x.cols];
            for (int j = 0; j < x.cols; j++) {
                double mean = 0, ss = 0, se = 0;
                for (int r = 0; r < x.rows; r++) {
                    mean += x.get(r, j) / x.rows;
                }
                for (int r = 0; r < x.rows; r++) {
                    double d = x.get(r, j) - mean, e = c.reconstruction.get(r, j) - x.get(r, j);
                    ss += d * d;
                    se += e * e;
                }
                c.spread[j] = Math.sqrt(ss / x.rows);
                c.rmse[j] = Math.sqrt(se / x.rows);
            }
            return c;
        }
    }

    /** Every row's anomaly score and the threshold score uses by default. */
    static final class Scores {
        double[] scores;
        double threshold;
        String thresholdName;

        static Scores of(Autoencoder model, Table data) {
            Scores s = new Scores();
            s.scores = model.score(data.values());
            Double p99 = model.trainingErrors().get("p99");
            s.threshold = p99 != null ? p99 : dev.autoencoder.metrics.RankingMetrics.quantile(s.scores, 0.99);
            s.thresholdName = "the training rows' 99th percentile";
            return s;
        }

        /** The rows with the highest scores, highest first. */
        int[] top(int k) {
            return java.util.stream.IntStream.range(0, scores.length).boxed()
                    .sorted((a, b) -> Double.compare(scores[b], scores[a])).limit(k).mapToInt(Integer::intValue).toArray();
        }
    }

    /** The rows' coordinates along the PCA's components. */
    static Matrix project(Matrix x, Pca pca) {
        double[] mean = pca.mean();
        double[][] comps = pca.components();
        Matrix out = new Matrix(x.rows, comps.length);
        for (int r = 0; r < x.rows; r++) {
            for (int k = 0; k < comps.length; k++) {
                double t = 0;
                for (int c = 0; c < x.cols; c++) {
                    t += (x.get(r, c) - mean[c]) * comps[k][c];
                }
                out.set(r, k, t);
            }
        }
        return out;
    }
}
