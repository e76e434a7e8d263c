package dev.autoencoder.train;

import dev.autoencoder.data.Scaler;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.metrics.Pca;
import dev.autoencoder.metrics.RankingMetrics;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.model.CodeDistance;
import dev.autoencoder.model.ModelFile;
import dev.autoencoder.nn.Network;
import dev.autoencoder.random.NumpyRandom;
import java.util.ArrayList;
import java.util.Arrays;
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
     * @param heldOut        which rows of the data the validation split held out (null when none were, or when
     *                       the validation rows were given apart)
     */
    public record Outcome(Autoencoder model, TrainingResult result, int trainRows, Matrix validationRows,
                          List<String> warnings, int[] heldOut) {}

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
     * the model as it stands (for checkpoints; in an ensemble, each member's epochs in turn, with that member
     * alone as the model).
     */
    public Outcome fit(Matrix x, Matrix validation, Autoencoder init, List<String> columns,
                       Map<String, Object> provenance, StepObserver observer, TrainingState resume,
                       CheckpointHook hook) {
        List<String> warnings = new ArrayList<>();
        Matrix train = x;
        Matrix valid = validation;
        int[] heldOut = null;
        // a split below 1 always leaves a training row; a table too small to give a validation row trains on all
        if (valid == null && spec.validationSplit() > 0 && spec.heldOutRows(x.rows) == 0) {
            warnings.add(String.format(Locale.ROOT, "%d rows are too few to hold out %.0f%% of them for validation: "
                    + "trained on all of them, with no validation curve", x.rows, 100 * spec.validationSplit()));
        } else if (valid == null && spec.validationSplit() > 0) {
            int n = x.rows;
            int nv = spec.heldOutRows(n);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            NumpyRandom.split(spec.training().seed(), 4).shuffle(order);
            train = new Matrix(n - nv, x.cols);
            valid = new Matrix(nv, x.cols);
            x.gatherRows(order, 0, n - nv, train);
            x.gatherRows(order, n - nv, n, valid);
            heldOut = java.util.Arrays.copyOfRange(order, n - nv, n);
        }
        if (valid != null && valid.cols != x.cols) {
            throw new IllegalArgumentException("validation data has " + valid.cols + " columns, training data "
                    + x.cols);
        }

        int members = spec.members();
        if (members > 1 && (init != null || resume != null)) {
            throw new IllegalArgumentException("an ensemble of " + members + " networks cannot start from an initial "
                    + "model or resume a checkpoint; set members to 1");
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
            net = initialize(x.cols, 0, spec.training().seed());
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
        StepObserver obs = observer == null ? StepObserver.NONE : observer;
        TrainingResult result = new Trainer(spec.training()).fit(net, scaledTrain, scaledValid,
                spec.optimizer().create(), obs, resume, epochHook);
        List<Network> nets = new ArrayList<>(List.of(net));
        for (int m = 1; m < members; m++) {
            long seed = memberSeed(spec.training().seed(), m);
            Network n = initialize(x.cols, m, seed);
            new Trainer(spec.training().withSeed(seed)).fit(n, scaledTrain, scaledValid, spec.optimizer().create(), obs,
                    null, epochHook);
            nets.add(n);
        }

        Autoencoder unscored = new Autoencoder(net, scaler, columns, provenance, Map.of());
        Matrix rec = unscored.reconstructScaled(scaledTrain);
        if (collapsed(scaledTrain, rec)) {
            warnings.add("the reconstructions have collapsed to the column means (they vary less than 1% as much as "
                    + "the data); try a smaller learning rate, more epochs, or another activation");
        }
        // every member's scores on all the rows given (those held out for validation too, so that a split does
        // not move the scale or the thresholds), once: they give the centres, the spreads and the thresholds
        Matrix scaledRows = heldOut == null ? scaledTrain : scaler.transform(x);
        double[] center = new double[members], spread = new double[members];
        Arrays.fill(spread, 1);
        Autoencoder scored = new Autoencoder(nets, center, spread, scaler, columns, provenance, Map.of());
        double[][] own = scored.memberScores(scaledRows);
        if (spec.codeWeight() > 0) { // each member's codes on the same rows, then the scores that count them
            List<CodeDistance> distances = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                Network n = nets.get(m);
                Matrix codes = n.forwardTo(scaledRows, n.bottleneckLayer());
                CodeDistance cd = CodeDistance.fit(codes, own[m]);
                distances.add(cd);
                own[m] = cd.score(own[m], cd.distances(codes), spec.codeWeight());
            }
            scored = scored.withCodeDistances(distances, spec.codeWeight());
        }
        if (members > 1) {
            for (int m = 0; m < members; m++) {
                center[m] = RankingMetrics.quantile(own[m], 0.5);
                spread[m] = RankingMetrics.robustSpread(own[m]);
            }
        }
        scored = scored.withScoreScales(center, spread, Map.of());
        Map<String, Double> errors = RankingMetrics.errorSummary(scored.combine(own));
        int k = Math.min(net.widths()[net.bottleneckLayer()], scaledRows.cols);
        Autoencoder model = scored.withScoreScales(center, spread, errors).withBaseline(Pca.fit(scaledRows, k));
        return new Outcome(model, result, train.rows, valid, warnings, heldOut);
    }

    private Network initialize(int width, int member, long seed) {
        int[] widths = spec.widths(width, member);
        checkSize(widths, spec.members());
        return Network.initialize(widths, spec.activations(spec.hiddenFor(width, member)), spec.initializer(),
                spec.biasInit(), new NumpyRandom(seed & 0xffffffffL));
    }

    /**
     * Refuses, before allocating, a network over {@link ModelFile#MAX_PARAMETERS} parameters or one whose
     * training state (parameters, gradients, the optimizer's moments, the best epoch's copy, for every
     * member) would not fit in the memory the JVM may use.
     */
    static void checkSize(int[] widths, int members) {
        long params = 0;
        for (int i = 0; i + 1 < widths.length; i++) {
            params += (long) widths[i] * widths[i + 1] + widths[i + 1];
        }
        String shape = java.util.Arrays.stream(widths).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining("-"));
        if (params > ModelFile.MAX_PARAMETERS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a %s network has %,d parameters; the limit "
                    + "is %,d; use narrower hidden layers", shape, params, ModelFile.MAX_PARAMETERS));
        }
        long bytes = params * 8L * (members + 5);
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a %s network (%,d parameters, %d member(s)) "
                    + "needs about %.1f GB to train; this JVM may use %.1f GB; use narrower hidden layers or give "
                    + "Java more memory (AUTOENCODER_JAVA_OPTS=-Xmx16g)", shape, params, members, bytes / 1e9, max / 1e9));
        }
    }

    /** Member m's seed: the given one for the first, then one apart each (within numpy's 32-bit range). */
    static long memberSeed(long seed, int member) {
        return (seed + member) & 0xffffffffL;
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
