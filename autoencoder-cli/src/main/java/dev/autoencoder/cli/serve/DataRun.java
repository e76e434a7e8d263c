package dev.autoencoder.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autoencoder.data.CsvOptions;
import dev.autoencoder.data.DataException;
import dev.autoencoder.data.DataSources;
import dev.autoencoder.data.Table;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.optim.OptimizerSpec;
import dev.autoencoder.report.TrainReport;
import dev.autoencoder.train.AutoencoderTrainer;
import dev.autoencoder.train.StepObserver;
import dev.autoencoder.train.TrainSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's data mode: one table (a {@code --data} file or an upload), the columns, id and label a page
 * chose, and a {@link TrainSpec} from its settings (the same spec and trainer as {@code train}); streams the
 * training and validation loss and the latent codes as they change, then the per-column errors and every row's
 * anomaly score.
 */
final class DataRun {
    /** Rows shown in the latent plots (an evenly spaced sample of the table). */
    private static final int LATENT_ROWS = 1_500;
    /** Latent snapshots during training. */
    private static final int LATENT_FRAMES = 30;
    /** Rows whose scores go to the page (more than this: the page gets the highest ones). */
    static final int MAX_SCORED_ROWS = 200_000;

    final Datasets.Dataset data;
    final Table table;
    final TrainSpec spec;

    private DataRun(Datasets.Dataset data, Table table, TrainSpec spec) {
        this.data = data;
        this.table = table;
        this.spec = spec;
    }

    /** Reads the page's settings and the chosen columns of the table; the spec's defaults are {@code train}'s. */
    static DataRun parse(JsonNode s, Datasets datasets) {
        Datasets.Dataset d = datasets.get(Requests.text(s, "dataset", null));
        String id = Requests.text(s, "idColumn", null);
        String label = Requests.text(s, "labelColumn", null);
        List<String> columns = new ArrayList<>();
        if (s.has("columns") && s.get("columns").isArray()) {
            s.get("columns").forEach(c -> columns.add(c.asText()));
        }
        for (String c : concat(columns, id, label)) {
            if (!d.columns().contains(c)) {
                throw new Requests.BadRequest("there is no column '" + c + "' in " + d.name() + "; its columns are "
                        + String.join(", ", d.columns()));
            }
        }
        List<String> features = columns.isEmpty() ? d.numericColumns() : columns;
        features = new ArrayList<>(features);
        features.remove(id);
        features.remove(label);
        if (features.isEmpty()) {
            throw new Requests.BadRequest("choose at least one numeric column to train on");
        }
        TrainSpec spec = TrainSpec.DEFAULTS;
        if (s.hasNonNull("hidden") && !s.get("hidden").asText().isBlank()) {
            spec = spec.withHidden(Requests.widths(s.get("hidden"), "hidden", 4096));
        }
        OptimizerSpec.Kind kind;
        try {
            kind = OptimizerSpec.Kind.parse(Requests.text(s, "optimizer", spec.optimizer().kind().name()));
        } catch (IllegalArgumentException e) {
            throw new Requests.BadRequest(e.getMessage());
        }
        double lr = Requests.number(s, "learningRate", spec.optimizer().learningRate(), 1e-7, 10);
        spec = spec.withOptimizer(OptimizerSpec.of(kind, lr))
                .withTraining(spec.training().withEpochs(Requests.integer(s, "epochs", spec.training().epochs(), 1, 10_000))
                        // epochs the page names are the epochs it trains; without them, train's defaults
                        .withMinSteps(s.hasNonNull("epochs") ? 0 : spec.training().minSteps())
                        .withBatchSize(Requests.integer(s, "batchSize", spec.training().batchSize(), 0, 1_000_000))
                        .withSeed(Requests.integer(s, "seed", (int) spec.training().seed(), 0, Integer.MAX_VALUE)))
                .withValidationSplit(Requests.number(s, "validation", 0.1, 0, 0.5))
                .withMembers(Requests.integer(s, "members", 1, 1, 10));
        Table t;
        try {
            t = DataSources.read(d.path(), CsvOptions.DEFAULTS.withColumns(features).withIdColumn(id).withLabelColumn(label));
        } catch (DataException e) {
            throw new Requests.BadRequest(e.getMessage());
        } catch (IOException e) {
            throw new Requests.BadRequest(d.name() + " cannot be read: " + e.getMessage());
        }
        return new DataRun(d, t, spec);
    }

    private static List<String> concat(List<String> columns, String id, String label) {
        List<String> all = new ArrayList<>(columns);
        if (id != null) {
            all.add(id);
        }
        if (label != null) {
            all.add(label);
        }
        return all;
    }

    /** Trains, streaming progress to {@code job}, and finishes it with the result. */
    void run(Job job) {
        Matrix x = table.values();
        Table sample = table.select(Table.evenlySpaced(x.rows, LATENT_ROWS));
        Matrix shown = sample.values();
        int epochs = spec.epochsFor(x.rows);
        int frameEvery = Math.max(1, epochs / LATENT_FRAMES);
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("type", "start");
        start.put("shown", Dashboard.columnsOf(shown, table.columns()));
        start.put("label", table.labelName());
        start.put("shownLabels", sample.labels());
        job.emit(Requests.json(start));
        int[] member = {0, -1};
        AutoencoderTrainer.CheckpointHook hook = (state, model) -> {
            int epoch = state.nextEpoch() - 1;
            if (epoch <= member[1]) {
                member[0]++;
            }
            member[1] = epoch;
            double[] loss = state.lossHistory();
            double[] val = state.validationHistory();
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("type", "progress");
            p.put("member", member[0]);
            p.put("epoch", epoch);
            p.put("epochs", epochs);
            p.put("loss", loss[loss.length - 1]);
            p.put("validation", val.length > 0 ? val[val.length - 1] : null);
            if (epoch % frameEvery == 0 || epoch == epochs - 1) {
                p.put("latent", plane(model.encode(shown)));
            }
            job.emit(Requests.json(p));
            return job.stopRequested();
        };
        AutoencoderTrainer.Outcome outcome = new AutoencoderTrainer(spec).fit(x, null, null, table.columns(),
                provenance(), StepObserver.NONE, null, hook);
        Autoencoder model = outcome.model();
        double[] scores = model.score(x);
        job.outcome = new Finished(model, this, scores);
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("type", "done");
        done.put("stopped", job.stopRequested());
        done.put("dataset", data.name());
        done.put("rows", x.rows);
        done.put("columns", table.columns());
        done.put("widths", widths(model));
        done.put("columnErrors", columnErrors(TrainReport.Columns.of(model, table)));
        done.put("threshold", model.trainingErrors().getOrDefault("p99", Double.NaN));
        done.put("latent", plane(model.encode(shown)));
        done.put("warnings", outcome.warnings());
        int n = Math.min(x.rows, MAX_SCORED_ROWS);
        Integer[] order = new Integer[x.rows];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        List<Object[]> scored = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int i = order[k];
            scored.add(new Object[] {table.ids() == null ? String.valueOf(i + 1) : table.ids().get(i), scores[i],
                table.labels() == null ? null : table.labels()[i]});
        }
        done.put("idColumn", table.idName() == null ? "row" : table.idName());
        done.put("scores", scored);
        job.finish(Requests.json(done));
    }

    /** What a finished data run keeps for downloads: the model, the run (its table) and every row's score. */
    record Finished(Autoencoder model, DataRun run, double[] scores) {}

    private Map<String, Object> provenance() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("data", data.name());
        p.put("trainedBy", "autoencoder serve");
        p.put("seed", spec.training().seed());
        return p;
    }

    private static int[] widths(Autoencoder m) {
        int[] w = new int[m.layerCount() + 1];
        for (int l = 0; l < w.length; l++) {
            w[l] = m.width(l);
        }
        return w;
    }

    /** Per column: RMS error in its units, and as a share of its standard deviation. */
    static List<Map<String, Object>> columnErrors(TrainReport.Columns c) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int j = 0; j < c.rmse.length; j++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("rms", c.rmse[j]);
            e.put("share", c.spread[j] > 0 ? c.rmse[j] / c.spread[j] : null);
            out.add(e);
        }
        return out;
    }

    /** The codes' first two units (a one-unit code gets 0 as its second). */
    private static List<double[]> plane(Matrix codes) {
        List<double[]> out = new ArrayList<>();
        for (int r = 0; r < codes.rows; r++) {
            out.add(new double[] {codes.get(r, 0), codes.cols > 1 ? codes.get(r, 1) : 0.0});
        }
        return out;
    }
}
