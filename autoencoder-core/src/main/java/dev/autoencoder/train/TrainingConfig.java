package dev.autoencoder.train;

import dev.autoencoder.kernel.Precision;
import dev.autoencoder.nn.Loss;
import dev.autoencoder.random.NumpyRandom;

/**
 * How to train: epochs, batch size, loss, shuffling seed, early stopping, precision and threads. Defaults are defined once,
 * in {@link #DEFAULTS}; change one with the {@code with...} methods.
 *
 * @param epochs       passes over the data (0 allowed: returns the network unchanged)
 * @param batchSize    rows per step; 0 means the whole data set (full batch, the chapter's way)
 * @param loss         reconstruction loss
 * @param seed         seed of the shuffling stream (ignored for full batches)
 * @param patience     epochs without improvement before stopping; 0 disables early stopping
 * @param minDelta     an improvement must lower the monitored loss by more than this
 * @param denoising    input corruption (denoising autoencoder), or {@link Denoising#NONE}
 * @param precision    the number format training computes in (models are float64 either way)
 * @param threads      kernel threads, the caller's included; 0 for all cores. Results do not depend on it.
 * @param minSteps     the fewest optimizer steps to take: on a table too small for {@code epochs} passes to give
 *                     that many, training runs {@link #epochsFor} passes instead (0: exactly {@code epochs})
 */
public record TrainingConfig(int epochs, int batchSize, Loss loss, long seed, int patience, double minDelta,
                             Denoising denoising, Precision precision, int threads, int minSteps) {
    public static final TrainingConfig DEFAULTS = new TrainingConfig(10_000, 0, Loss.MSE, 13, 0, 0.0, Denoising.NONE,
            Precision.FLOAT64, 0, 0);

    /**
     * Input corruption for a denoising autoencoder: the network sees the corrupted row and is trained to
     * give back the clean one. {@code gaussian}: add N(0, level^2) noise (in scaled units);
     * {@code mask}: set each input to 0 with probability {@code level}.
     */
    public record Denoising(Kind kind, double level) implements java.io.Serializable {
        /** No noise, additive Gaussian noise, or masking noise. */
        public enum Kind { NONE, GAUSSIAN, MASK }

        public static final Denoising NONE = new Denoising(Kind.NONE, 0.0);

        /** One clean value, corrupted: {@code value + level * N(0, 1)}, or 0 with probability {@code level}. */
        public double corrupt(double value, NumpyRandom rng) {
            return switch (kind) {
                case GAUSSIAN -> value + level * rng.gauss();
                case MASK -> rng.nextDouble() < level ? 0.0 : value;
                case NONE -> value;
            };
        }

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
        if (minSteps < 0) {
            throw new IllegalArgumentException("the minimum number of steps must be 0 or more, found " + minSteps);
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
        if (precision == null) {
            throw new IllegalArgumentException("a precision is required");
        }
        if (threads < 0 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be between 1 and " + MAX_THREADS + " (or 0 for all cores), found "
                    + threads);
        }
    }

    /** More kernel threads than this is a mistake, not a machine. */
    public static final int MAX_THREADS = 1024;

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(e, batchSize, loss, seed, patience, minDelta, denoising, precision, threads, minSteps);
    }

    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(epochs, b, loss, seed, patience, minDelta, denoising, precision, threads, minSteps);
    }

    public TrainingConfig withLoss(Loss l) {
        return new TrainingConfig(epochs, batchSize, l, seed, patience, minDelta, denoising, precision, threads, minSteps);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(epochs, batchSize, loss, s, patience, minDelta, denoising, precision, threads, minSteps);
    }

    public TrainingConfig withDenoising(Denoising n) {
        return new TrainingConfig(epochs, batchSize, loss, seed, patience, minDelta, n, precision, threads, minSteps);
    }

    public TrainingConfig withEarlyStopping(int p, double d) {
        return new TrainingConfig(epochs, batchSize, loss, seed, p, d, denoising, precision, threads, minSteps);
    }

    public TrainingConfig withPrecision(Precision p) {
        return new TrainingConfig(epochs, batchSize, loss, seed, patience, minDelta, denoising, p, threads, minSteps);
    }

    public TrainingConfig withThreads(int t) {
        return new TrainingConfig(epochs, batchSize, loss, seed, patience, minDelta, denoising, precision, t, minSteps);
    }

    /** A copy that takes at least this many optimizer steps (0: exactly {@code epochs} passes). */
    public TrainingConfig withMinSteps(int steps) {
        return new TrainingConfig(epochs, batchSize, loss, seed, patience, minDelta, denoising, precision, threads, steps);
    }

    /**
     * The passes training makes over {@code rows} rows: {@code epochs}, or more where that many passes would
     * take fewer than {@code minSteps} steps of {@code batchSize} rows (so a small table trains as long, in
     * steps, as a large one).
     */
    public int epochsFor(int rows) {
        if (minSteps == 0 || epochs == 0 || rows < 1) {
            return epochs;
        }
        int batch = batchSize == 0 ? rows : Math.min(batchSize, rows);
        long perEpoch = (rows + batch - 1) / batch;
        return (int) Math.max(epochs, Math.min(1_000_000, (minSteps + perEpoch - 1) / perEpoch));
    }
}
