package dev.autoencoder.train;

import dev.autoencoder.data.Scaler;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Initializer;
import dev.autoencoder.optim.OptimizerSpec;

/**
 * Everything that defines how a model is trained on a table: architecture (hidden widths; input and
 * output widths come from the data), activations, initializer, optimizer, training loop settings,
 * validation and scaling. {@link #DEFAULTS} is the one place defaults live.
 *
 * @param hidden            hidden widths, e.g. {4, 2, 4}; the narrowest is the latent layer; null to follow the
 *                          data's width ({@link #hiddenFor})
 * @param activation        activation of hidden layers other than the latent one
 * @param latentActivation  activation of the latent layer
 * @param outputActivation  activation of the output layer
 * @param validationSplit   fraction of rows held out (after a seeded shuffle) when no validation data is given
 * @param members           networks in the ensemble, each from its own seed (and, with automatic widths, its
 *                          own code width); their standardized scores are averaged
 * @param codeWeight        how much each network's code distance counts in its score beside its reconstruction
 *                          error ({@link dev.autoencoder.model.CodeDistance}); 0 for the error alone
 */
public record TrainSpec(int[] hidden, Activation activation, Activation latentActivation, Activation outputActivation,
                        Initializer initializer, double biasInit, OptimizerSpec optimizer, TrainingConfig training,
                        double validationSplit, Scaler.Type scaling, int members, double codeWeight) {

    /** The most networks one ensemble may have. */
    public static final int MAX_MEMBERS = 100;

    /**
     * Chosen on the ODDS anomaly suite ({@code docs/anomaly-benchmark.md}): widths that follow the data, an
     * ensemble of five, 30 epochs or at least 2,000 steps, codes a quarter of the score, a tenth of the rows held out for the validation curve (it does not stop
     * training early unless a patience is set).
     */
    public static final TrainSpec DEFAULTS = new TrainSpec(null, Activation.TANH, Activation.LINEAR,
            Activation.LINEAR, Initializer.XAVIER_UNIFORM, 0.0,
            OptimizerSpec.of(OptimizerSpec.Kind.ADAM, 1e-3),
            TrainingConfig.DEFAULTS.withEpochs(30).withBatchSize(32).withMinSteps(2000), 0.1, Scaler.Type.STANDARD, 5,
            0.25);

    /** A single network (no ensemble), scored by its reconstruction error. */
    public TrainSpec(int[] hidden, Activation activation, Activation latentActivation, Activation outputActivation,
                     Initializer initializer, double biasInit, OptimizerSpec optimizer, TrainingConfig training,
                     double validationSplit, Scaler.Type scaling) {
        this(hidden, activation, latentActivation, outputActivation, initializer, biasInit, optimizer, training,
                validationSplit, scaling, 1, 0);
    }

    public TrainSpec {
        if (hidden != null && hidden.length == 0) {
            throw new IllegalArgumentException("an autoencoder needs at least one hidden layer");
        }
        for (int w : hidden == null ? new int[0] : hidden) {
            if (w < 1) {
                throw new IllegalArgumentException("hidden widths must be at least 1, found " + w);
            }
        }
        if (members < 1 || members > MAX_MEMBERS) {
            throw new IllegalArgumentException("members must be between 1 and " + MAX_MEMBERS + ", found " + members);
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validation split must be in [0, 1), found " + validationSplit);
        }
        if (!(codeWeight >= 0) || !Double.isFinite(codeWeight)) {
            throw new IllegalArgumentException("the code weight must be 0 or more, found " + codeWeight);
        }
        if (!Double.isFinite(biasInit)) {
            throw new IllegalArgumentException("bias init must be finite, found " + biasInit);
        }
        hidden = hidden == null ? null : hidden.clone();
    }

    /**
     * Rows of a table this many rows long that the validation split holds out: floor(split x rows), or none
     * where that is under one row (the table then trains on every row).
     */
    public int heldOutRows(int rows) {
        int held = (int) Math.floor(validationSplit * rows);
        return held < 1 ? 0 : held;
    }

    /** Passes each network makes over a table this many rows long (the split's rows apart). */
    public int epochsFor(int rows) {
        return training.epochsFor(rows - heldOutRows(rows));
    }

    /** The hidden widths as given, or null where they follow the data ({@link #hiddenFor}). */
    @Override
    public int[] hidden() {
        return hidden == null ? null : hidden.clone();
    }

    /**
     * A copy with these hidden widths (the encoder and decoder, e.g. 8, 4, 8) and, as the command line does
     * for given widths, one network scored by its reconstruction error; {@link #withMembers} and
     * {@link #withCodeWeight} after it ask for an ensemble of them and for codes in the score.
     */
    public TrainSpec withHidden(int... widths) {
        return new TrainSpec(widths, activation, latentActivation, outputActivation, initializer, biasInit, optimizer,
                training, validationSplit, scaling, 1, 0);
    }

    /** A copy that trains for this many epochs. */
    public TrainSpec withEpochs(int epochs) {
        return withTraining(training.withEpochs(epochs));
    }

    /** A copy whose weights, shuffling, noise and validation split come from this seed. */
    public TrainSpec withSeed(long seed) {
        return withTraining(training.withSeed(seed));
    }

    /** A copy with this training configuration (epochs, batch size, loss, precision, threads, ...). */
    public TrainSpec withTraining(TrainingConfig config) {
        return new TrainSpec(hidden, activation, latentActivation, outputActivation, initializer, biasInit, optimizer,
                config, validationSplit, scaling, members, codeWeight);
    }

    /** A copy with this optimizer. */
    public TrainSpec withOptimizer(OptimizerSpec spec) {
        return new TrainSpec(hidden, activation, latentActivation, outputActivation, initializer, biasInit, spec,
                training, validationSplit, scaling, members, codeWeight);
    }

    /** A copy that scales columns this way. */
    public TrainSpec withScaling(Scaler.Type type) {
        return new TrainSpec(hidden, activation, latentActivation, outputActivation, initializer, biasInit, optimizer,
                training, validationSplit, type, members, codeWeight);
    }

    /** A copy that holds out this fraction of the rows for validation (and early stopping, if configured). */
    public TrainSpec withValidationSplit(double fraction) {
        return new TrainSpec(hidden, activation, latentActivation, outputActivation, initializer, biasInit, optimizer,
                training, fraction, scaling, members, codeWeight);
    }

    /** A copy whose networks' scores count their code distance with this weight (0: the error alone). */
    public TrainSpec withCodeWeight(double weight) {
        return new TrainSpec(hidden, activation, latentActivation, outputActivation, initializer, biasInit, optimizer,
                training, validationSplit, scaling, members, weight);
    }

    /** A copy with this many ensemble members. */
    public TrainSpec withMembers(int m) {
        return new TrainSpec(hidden, activation, latentActivation, outputActivation, initializer, biasInit, optimizer,
                training, validationSplit, scaling, m, codeWeight);
    }

    /**
     * Hidden widths for member {@code member} on data {@code width} columns wide: as given, or, when they follow
     * the data, h-k-h with h = max(k + 1, ceil(width / 2)) and code widths k spread geometrically from 1 to
     * width / 2 over the members (member 0 takes the middle one; a single network takes the geometric middle),
     * because no one code width suits every table.
     */
    public int[] hiddenFor(int width, int member) {
        if (hidden != null) {
            return hidden.clone();
        }
        double top = Math.max(1, width / 2.0);
        double exponent;
        if (members == 1) {
            exponent = 0.5;
        } else {
            int middle = (members - 1) / 2;
            int slot = member == 0 ? middle : member <= middle ? member - 1 : member;
            exponent = slot / (double) (members - 1);
        }
        int k = (int) Math.max(1, Math.min(Math.round(Math.pow(top, exponent)), Math.max(1, width - 1)));
        int h = Math.max(k + 1, (width + 1) / 2);
        return new int[] {h, k, h};
    }

    /** The index (0-based, among hidden layers) of the latent layer: the first narrowest one. */
    public int latentIndex() {
        return latentIndex(hidden == null ? new int[] {2, 1, 2} : hidden);
    }

    private static int latentIndex(int[] hidden) {
        int best = 0;
        for (int i = 1; i < hidden.length; i++) {
            if (hidden[i] < hidden[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Widths input, hidden..., output for data of the given width (the first member's). */
    public int[] widths(int inputWidth) {
        return widths(inputWidth, 0);
    }

    /** Widths input, hidden..., output of member {@code member} for data of the given width. */
    public int[] widths(int inputWidth, int member) {
        int[] h = hiddenFor(inputWidth, member);
        int[] w = new int[h.length + 2];
        w[0] = inputWidth;
        System.arraycopy(h, 0, w, 1, h.length);
        w[w.length - 1] = inputWidth;
        return w;
    }

    /** One activation per layer of a network with these hidden widths. */
    public Activation[] activations(int[] hiddenWidths) {
        Activation[] a = new Activation[hiddenWidths.length + 1];
        int latent = latentIndex(hiddenWidths);
        for (int i = 0; i < hiddenWidths.length; i++) {
            a[i] = i == latent ? latentActivation : activation;
        }
        a[hiddenWidths.length] = outputActivation;
        return a;
    }

    /** One activation per layer (for given hidden widths, or the automatic ones' h-k-h shape). */
    public Activation[] activations() {
        return activations(hidden == null ? new int[] {2, 1, 2} : hidden);
    }

    /** The mirrored architecture of an encoder spec: {8, 4, 2} -> {8, 4, 2, 4, 8}. */
    public static int[] mirror(int[] encoder) {
        int[] h = new int[2 * encoder.length - 1];
        for (int i = 0; i < encoder.length; i++) {
            h[i] = encoder[i];
            h[h.length - 1 - i] = encoder[i];
        }
        return h;
    }
}
