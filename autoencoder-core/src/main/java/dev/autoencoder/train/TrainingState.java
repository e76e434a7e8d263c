package dev.autoencoder.train;

import dev.autoencoder.random.NumpyRandom;
import java.util.Arrays;

/**
 * Everything a training run needs to continue exactly where it stopped: the next epoch, the loss
 * histories, the early-stopping record, the row order and the random streams, and the optimizer's
 * moments. The network's parameters are saved beside it (see {@code Checkpoint}).
 *
 * <p>A run resumed from a snapshot taken at an epoch boundary gives bit for bit the model an
 * uninterrupted run gives.
 */
public final class TrainingState {
    int nextEpoch;
    // histories grow by doubling (copying the whole array every epoch made long runs quadratic)
    double[] lossHistory = new double[0];
    int lossCount;
    double[] validationHistory = new double[0];
    int validationCount;
    double best = Double.POSITIVE_INFINITY;
    int bestEpoch = -1;
    double[][] bestParameters;
    int[] order;
    NumpyRandom.State shuffler;
    NumpyRandom.State noise;
    double[][][] optimizerState = new double[0][][];
    long optimizerSteps;
    // While a trainer runs, the random streams and the optimizer are live objects; copying their state
    // (2.5 KB per stream) every epoch cost more than an epoch of the chapter's network, so it is read
    // from them only when someone asks (a checkpoint) and once when training ends.
    private Runnable live;

    public TrainingState() {
    }

    /** A state read back from a checkpoint. */
    public TrainingState(int nextEpoch, double[] lossHistory, double[] validationHistory, double best, int bestEpoch,
                         double[][] bestParameters, int[] order, NumpyRandom.State shuffler, NumpyRandom.State noise,
                         double[][][] optimizerState, long optimizerSteps) {
        this.nextEpoch = nextEpoch;
        this.lossHistory = lossHistory.clone();
        this.lossCount = lossHistory.length;
        this.validationHistory = validationHistory.clone();
        this.validationCount = validationHistory.length;
        this.best = best;
        this.bestEpoch = bestEpoch;
        this.bestParameters = bestParameters == null ? null : deepCopy(bestParameters);
        this.order = order == null ? null : order.clone();
        this.shuffler = shuffler;
        this.noise = noise;
        this.optimizerState = optimizerState;
        this.optimizerSteps = optimizerSteps;
    }

    /** While training runs: how to read the live streams' and optimizer's state into this object. */
    void attach(Runnable reader) {
        live = reader;
    }

    /** Reads the live state in (if training is running) and, with {@code detach}, lets go of it. */
    void sync(boolean detach) {
        if (live != null) {
            live.run();
            if (detach) {
                live = null;
            }
        }
    }

    private void sync() {
        sync(false);
    }

    public int nextEpoch() { return nextEpoch; }

    public double[] lossHistory() { return Arrays.copyOf(lossHistory, lossCount); }

    public double[] validationHistory() { return Arrays.copyOf(validationHistory, validationCount); }

    public double best() { return best; }

    public int bestEpoch() { return bestEpoch; }

    public double[][] bestParameters() { return bestParameters == null ? null : deepCopy(bestParameters); }

    public int[] order() { return order == null ? null : order.clone(); }

    public NumpyRandom.State shuffler() {
        sync();
        return shuffler;
    }

    public NumpyRandom.State noise() {
        sync();
        return noise;
    }

    public double[][][] optimizerState() {
        sync();
        return optimizerState;
    }

    public long optimizerSteps() {
        sync();
        return optimizerSteps;
    }

    void append(double loss, Double validation) {
        if (lossCount == lossHistory.length) {
            lossHistory = Arrays.copyOf(lossHistory, Math.max(16, 2 * lossCount));
        }
        lossHistory[lossCount++] = loss;
        if (validation != null) {
            if (validationCount == validationHistory.length) {
                validationHistory = Arrays.copyOf(validationHistory, Math.max(16, 2 * validationCount));
            }
            validationHistory[validationCount++] = validation;
        }
    }

    static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
