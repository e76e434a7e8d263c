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
 */
public record TrainingConfig(int epochs, int batchSize, Loss loss, long seed, int patience, double minDelta) {
    public static final TrainingConfig DEFAULTS = new TrainingConfig(10_000, 0, Loss.MSE, 13, 0, 0.0);

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
    }

    public TrainingConfig withEpochs(int e) { return new TrainingConfig(e, batchSize, loss, seed, patience, minDelta); }

    public TrainingConfig withBatchSize(int b) { return new TrainingConfig(epochs, b, loss, seed, patience, minDelta); }

    public TrainingConfig withLoss(Loss l) { return new TrainingConfig(epochs, batchSize, l, seed, patience, minDelta); }

    public TrainingConfig withSeed(long s) { return new TrainingConfig(epochs, batchSize, loss, s, patience, minDelta); }

    public TrainingConfig withEarlyStopping(int p, double d) { return new TrainingConfig(epochs, batchSize, loss, seed, p, d); }
}
