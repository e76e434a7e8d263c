package dev.autoencoder.train;

import dev.autoencoder.nn.Parameter;
import java.util.List;

/**
 * The end-of-epoch bookkeeping every trainer shares (this package's {@link Trainer} and the Spark trainer):
 * refuse a diverged loss, record the epoch's losses, keep the best epoch of the monitored loss (the
 * validation loss when there are validation rows, the training loss otherwise) with its parameters, and say
 * when {@code patience} epochs have passed without an improvement of more than {@code minDelta}. Everything
 * lives in a {@link TrainingState}, so a checkpoint carries it.
 */
public final class EarlyStopping {
    private EarlyStopping() {}

    /**
     * Records epoch {@code epoch} in {@code s}; returns true when training should stop here.
     *
     * @param validationLoss the epoch's validation loss, or null without validation rows
     * @throws TrainingDivergedException when the training loss is not finite
     */
    public static boolean afterEpoch(TrainingState s, TrainingConfig config, int epoch, double trainingLoss,
                                     Double validationLoss, List<Parameter> params, double learningRate) {
        if (!Double.isFinite(trainingLoss)) {
            throw new TrainingDivergedException(epoch, trainingLoss, learningRate);
        }
        s.append(trainingLoss, validationLoss);
        s.nextEpoch = epoch + 1;
        double monitored = validationLoss != null ? validationLoss : trainingLoss;
        if (monitored < s.best - config.minDelta()) {
            s.best = monitored;
            s.bestEpoch = epoch;
            if (config.patience() > 0) {
                s.bestParameters = snapshot(params);
            }
            return false;
        }
        return config.patience() > 0 && epoch - s.bestEpoch >= config.patience();
    }

    private static double[][] snapshot(List<Parameter> params) {
        double[][] c = new double[params.size()][];
        for (int i = 0; i < c.length; i++) {
            c[i] = params.get(i).value.toDoubles();
        }
        return c;
    }

    /** With early stopping on, puts the best epoch's parameters back into {@code params}. */
    public static void restoreBest(TrainingState s, TrainingConfig config, List<Parameter> params) {
        if (s.bestParameters != null && config.patience() > 0) {
            for (int i = 0; i < params.size(); i++) {
                params.get(i).value.setAll(s.bestParameters[i]);
            }
        }
    }
}
