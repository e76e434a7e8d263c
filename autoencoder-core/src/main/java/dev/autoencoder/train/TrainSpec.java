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
 * @param hidden            hidden widths, e.g. {4, 2, 4}; the narrowest is the latent layer
 * @param activation        activation of hidden layers other than the latent one
 * @param latentActivation  activation of the latent layer
 * @param outputActivation  activation of the output layer
 * @param validationSplit   fraction of rows held out (after a seeded shuffle) when no validation data is given
 */
public record TrainSpec(int[] hidden, Activation activation, Activation latentActivation, Activation outputActivation,
                        Initializer initializer, double biasInit, OptimizerSpec optimizer, TrainingConfig training,
                        double validationSplit, Scaler.Type scaling) {

    public static final TrainSpec DEFAULTS = new TrainSpec(new int[] {4, 2, 4}, Activation.TANH, Activation.LINEAR,
            Activation.LINEAR, Initializer.XAVIER_UNIFORM, 0.0,
            OptimizerSpec.of(OptimizerSpec.Kind.ADAM, 1e-3),
            TrainingConfig.DEFAULTS.withEpochs(100).withBatchSize(32), 0.0, Scaler.Type.STANDARD);

    public TrainSpec {
        if (hidden.length == 0) {
            throw new IllegalArgumentException("an autoencoder needs at least one hidden layer");
        }
        for (int w : hidden) {
            if (w < 1) {
                throw new IllegalArgumentException("hidden widths must be at least 1, found " + w);
            }
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validation split must be in [0, 1), found " + validationSplit);
        }
        if (!Double.isFinite(biasInit)) {
            throw new IllegalArgumentException("bias init must be finite, found " + biasInit);
        }
        hidden = hidden.clone();
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** The index (0-based, among hidden layers) of the latent layer: the first narrowest one. */
    public int latentIndex() {
        int best = 0;
        for (int i = 1; i < hidden.length; i++) {
            if (hidden[i] < hidden[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Widths input, hidden..., output for data of the given width. */
    public int[] widths(int inputWidth) {
        int[] w = new int[hidden.length + 2];
        w[0] = inputWidth;
        System.arraycopy(hidden, 0, w, 1, hidden.length);
        w[w.length - 1] = inputWidth;
        return w;
    }

    /** One activation per layer. */
    public Activation[] activations() {
        Activation[] a = new Activation[hidden.length + 1];
        for (int i = 0; i < hidden.length; i++) {
            a[i] = i == latentIndex() ? latentActivation : activation;
        }
        a[hidden.length] = outputActivation;
        return a;
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
