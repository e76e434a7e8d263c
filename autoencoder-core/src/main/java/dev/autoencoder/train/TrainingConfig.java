package dev.autoencoder.train;

import dev.autoencoder.nn.Loss;

/**
 * How to train: epochs, batch size, loss, shuffling seed, early stopping. Defaults are defined once,
 * in {@link #DEFAULTS}; change one with the {@code with...} methods.
 *
 * @param epochs       passes over the data (0 allowed: returns the network unchanged)
 * @param batchSize    rows per step; 0 means the whole data set (full batch, the chapter's way)
 * @param loss         reconstruction loss
 * @param seed         seed of the shuffling stream (ignored for full batches)
 * @param patience     epochs without improvement before stopping; 0 disables early stopping
 * @param minDelta     an improvement must lower the monitored loss by more than this
 * @param denoising    input corruption (denoising autoencoder), or {@link Denoising#NONE}
 */
public record TrainingConfig(int epochs, int batchSize, Loss loss, long seed, int patience, double minDelta,
                             Denoising denoising) {
    public static final TrainingConfig DEFAULTS = new TrainingConfig(10_000, 0, Loss.MSE, 13, 0, 0.0, Denoising.NONE);

    /**
     * Input corruption for a denoising autoencoder: the network sees the corrupted row and is trained to
     * give back the clean one. {@code gaussian}: add N(0, level^2) noise (in scaled units);
     * {@code mask}: set each input to 0 with probability {@code level}.
     */
    public record Denoising(Kind kind, double level) {
        public enum Kind { NONE, GAUSSIAN, MASK }

        public static final Denoising NONE = new Denoising(Kind.NONE, 0.0);

        public Denoising {
            if (kind == Kind.GAUSSIAN && !(level > 0 && Double.isFinite(level))) {
                throw new IllegalArgumentException("gaussian noise needs a positive standard deviation, found " + level);
            }
            if (kind == Kind.MASK && !(level > 0 && level < 1)) {
                throw new IllegalArgumentException("masking needs a probability in (0, 1), found " + level);
            }
        }
    }

    public TrainingConfig {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be 0 or more, found " + epochs);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch size must be positive (or 0 for the full batch), found " + batchSize);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be 0 or more, found " + patience);
        }
        if (!(minDelta >= 0.0)) {
            throw new IllegalArgumentException("min-delta must be 0 or more, found " + minDelta);
        }
        if (loss == null) {
            throw new IllegalArgumentException("a loss is required");
        }
        if (denoising == null) {
            denoising = Denoising.NONE;
        }
    }

    public TrainingConfig withEpochs(int e) { return new TrainingConfig(e, batchSize, loss, seed, patience, minDelta, denoising); }

    public TrainingConfig withBatchSize(int b) { return new TrainingConfig(epochs, b, loss, seed, patience, minDelta, denoising); }

    public TrainingConfig withLoss(Loss l) { return new TrainingConfig(epochs, batchSize, l, seed, patience, minDelta, denoising); }

    public TrainingConfig withSeed(long s) { return new TrainingConfig(epochs, batchSize, loss, s, patience, minDelta, denoising); }

    public TrainingConfig withDenoising(Denoising n) { return new TrainingConfig(epochs, batchSize, loss, seed, patience, minDelta, n); }

    public TrainingConfig withEarlyStopping(int p, double d) { return new TrainingConfig(epochs, batchSize, loss, seed, p, d, denoising); }
}
