package dev.autoencoder.train;

import dev.autoencoder.data.Scaler;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.metrics.RankingMetrics;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.nn.Network;
import dev.autoencoder.random.NumpyRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains an {@link Autoencoder} on a table: splits off validation rows, fits the scaler on the
 * training rows only, builds (or takes from {@code --init}) the network, runs the {@link Trainer},
 * and measures the training rows' reconstruction errors for the model's default threshold.
 *
 * <p>Random streams, all from one seed: weights {@code np.random.seed(seed)} (so seed 13 and the
 * chapter's network give the chapter's weights), shuffling, noise and the validation split each
 * from their own derived stream.
 */
public final class AutoencoderTrainer {
    private final TrainSpec spec;

    /** Precision and threads come from {@code spec.training()}. */
    public AutoencoderTrainer(TrainSpec spec) {
        this.spec = spec;
    }

    /**
     * What training gave.
     *
     * @param validationRows the held-out rows in original units (null without validation)
     * @param warnings       things that usually mean a poor setup, one sentence each
     */
    public record Outcome(Autoencoder model, TrainingResult result, int trainRows, Matrix validationRows,
                          List<String> warnings) {}

    /**
     * @param x           training rows in original units
     * @param validation  validation rows in original units, or null to use the spec's split (or none)
     * @param init        a model whose parameters (and architecture and scaler) to start from, or null
     * @param columns     column names of x
     * @param provenance  stored with the model
     */
    public Outcome fit(Matrix x, Matrix validation, Autoencoder init, List<String> columns,
                       Map<String, Object> provenance, StepObserver observer) {
        return fit(x, validation, init, columns, provenance, observer, null, null);
    }

    /**
     * As above; with {@code resume} (a checkpoint's state, with {@code init} the checkpoint's model)
     * training continues where it stopped, and {@code hook} sees every epoch boundary together with
     * the model as it stands (for checkpoints).
     */
    public Outcome fit(Matrix x, Matrix validation, Autoencoder init, List<String> columns,
                       Map<String, Object> provenance, StepObserver observer, TrainingState resume,
                       CheckpointHook hook) {
        List<String> warnings = new ArrayList<>();
        Matrix train = x;
        Matrix valid = validation;
        if (valid == null && spec.validationSplit() > 0) {
            int n = x.rows;
            int nv = (int) Math.floor(spec.validationSplit() * n);
            if (nv < 1 || nv >= n) {
                throw new IllegalArgumentException("a validation split of " + spec.validationSplit() + " leaves "
                        + (n - nv) + " training and " + nv + " validation rows of " + n + "; both need at least one");
            }
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            NumpyRandom.split(spec.training().seed(), 4).shuffle(order);
            train = new Matrix(n - nv, x.cols);
            valid = new Matrix(nv, x.cols);
            x.gatherRows(order, 0, n - nv, train);
            x.gatherRows(order, n - nv, n, valid);
        }
        if (valid != null && valid.cols != x.cols) {
            throw new IllegalArgumentException("validation data has " + valid.cols + " columns, training data "
                    + x.cols);
        }

        Network net;
        Scaler scaler;
        if (init != null) {
            if (init.inputWidth() != x.cols) {
                throw new IllegalArgumentException("the initial model expects " + init.inputWidth() + " columns, the data has "
                        + x.cols);
            }
            net = init.network();
            scaler = init.scaler();
            columns = init.columns();
        } else {
            scaler = Scaler.fit(spec.scaling(), train);
            net = Network.initialize(spec.widths(x.cols), spec.activations(), spec.initializer(), spec.biasInit(),
                    new NumpyRandom(spec.training().seed() & 0xffffffffL));
        }
        int batch = spec.training().batchSize();
        if (batch > train.rows) {
            warnings.add(String.format(Locale.ROOT, "batch size %d is larger than the %d training rows; every step "
                    + "uses the full batch", batch, train.rows));
        }
        int latentWidth = net.widths()[net.bottleneckLayer()];
        if (latentWidth >= x.cols) {
            warnings.add(String.format(Locale.ROOT, "the latent layer (%d wide) is not narrower than the input (%d): "
                    + "the network can learn to copy rather than compress", latentWidth, x.cols));
        }

        Matrix scaledTrain = scaler.transform(train);
        Matrix scaledValid = valid == null ? null : scaler.transform(valid);
        List<String> cols = columns;
        Scaler sc = scaler;
        EpochHook epochHook = hook == null ? EpochHook.NONE
                : (state, network) -> hook.afterEpoch(state, new Autoencoder(network, sc, cols, provenance, Map.of()));
        TrainingResult result = new Trainer(spec.training()).fit(net, scaledTrain, scaledValid,
                spec.optimizer().create(), observer == null ? StepObserver.NONE : observer, resume, epochHook);

        Autoencoder unscored = new Autoencoder(net, scaler, columns, provenance, Map.of());
        double[] scores = unscored.score(train);
        Matrix rec = unscored.reconstructScaled(scaledTrain);
        Map<String, Double> errors = RankingMetrics.errorSummary(scores);
        if (collapsed(scaledTrain, rec)) {
            warnings.add("the reconstructions have collapsed to the column means (they vary less than 1% as much as "
                    + "the data); try a smaller learning rate, more epochs, or another activation");
        }
        Autoencoder model = new Autoencoder(net, scaler, columns, provenance, errors);
        return new Outcome(model, result, train.rows, valid, warnings);
    }

    /** Sees the model and the training state at every epoch boundary; returns true to stop. */
    @FunctionalInterface
    public interface CheckpointHook {
        boolean afterEpoch(TrainingState state, Autoencoder model);
    }

    /** True when the reconstructions' variance is under 1% of the data's, averaged over columns. */
    static boolean collapsed(Matrix data, Matrix rec) {
        double ratio = 0;
        int counted = 0;
        for (int c = 0; c < data.cols; c++) {
            double vd = variance(data, c), vr = variance(rec, c);
            if (vd > 1e-12) {
                ratio += vr / vd;
                counted++;
            }
        }
        return counted > 0 && data.rows > 1 && ratio / counted < 0.01;
    }

    private static double variance(Matrix m, int c) {
        double mean = 0;
        for (int r = 0; r < m.rows; r++) {
            mean += m.get(r, c);
        }
        mean /= m.rows;
        double ss = 0;
        for (int r = 0; r < m.rows; r++) {
            double d = m.get(r, c) - mean;
            ss += d * d;
        }
        return ss / m.rows;
    }
}
