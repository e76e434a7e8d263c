package dev.autoencoder.train;

import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.Loss;
import dev.autoencoder.nn.Network;
import dev.autoencoder.nn.Parameter;
import dev.autoencoder.optim.Optimizer;
import dev.autoencoder.random.NumpyRandom;
import java.util.Arrays;
import java.util.List;

/**
 * Trains a network to reconstruct its input by (mini-)batch gradient descent.
 *
 * <p>Each step: forward the batch, per-sample loss gradients dL_i/dOutput, backward (gradients are
 * summed over the batch in row order), divide by the batch size, one optimizer step. With
 * {@code batchSize = 0} this is the chapter's full-batch rule, to the last bit. Mini-batches take
 * rows in an order shuffled each epoch by a stream seeded from {@code config.seed()}.
 */
public final class Trainer {
    private final TrainingConfig config;

    public Trainer(TrainingConfig config) {
        this.config = config;
    }

    /** Trains {@code network} in place on the rows of x. */
    public TrainingResult fit(Network network, Matrix x, Optimizer optimizer) {
        return fit(network, x, null, optimizer, StepObserver.NONE);
    }

    /**
     * Trains {@code network} in place on the rows of x, with optional validation rows (null for none)
     * whose loss is computed after each epoch and drives early stopping.
     */
    public TrainingResult fit(Network network, Matrix x, Matrix validation, Optimizer optimizer,
                              StepObserver observer) {
        if (x.rows == 0) {
            throw new IllegalArgumentException("training needs at least one row");
        }
        if (x.cols != network.inputWidth() || x.cols != network.outputWidth()) {
            throw new IllegalArgumentException("an autoencoder of " + network.inputWidth() + " inputs and "
                    + network.outputWidth() + " outputs cannot reconstruct rows of width " + x.cols);
        }
        Loss loss = config.loss();
        int n = x.rows;
        int batch = config.batchSize() == 0 ? n : Math.min(config.batchSize(), n);
        boolean fullBatch = batch == n;
        NumpyRandom shuffler = NumpyRandom.split(config.seed(), 2);
        NumpyRandom noise = NumpyRandom.split(config.seed(), 3);
        TrainingConfig.Denoising denoise = config.denoising();
        Matrix noisy = null;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        List<Parameter> params = network.parameters();

        double[] history = new double[config.epochs()];
        double[] validationHistory = new double[validation == null ? 0 : config.epochs()];
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        Network bestNetwork = null;
        int ran = 0;
        boolean stopped = false;
        Matrix batchX = fullBatch ? x : new Matrix(batch, x.cols);
        Matrix dOut = new Matrix(batch, x.cols);

        long start = System.nanoTime();
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            if (!fullBatch) {
                shuffler.shuffle(order);
            }
            double epochLoss = 0.0;
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(from + batch, n);
                int rows = to - from;
                Matrix bx = batchX;
                Matrix g = dOut;
                if (!fullBatch) {
                    if (rows != batchX.rows) {
                        bx = new Matrix(rows, x.cols);
                        g = new Matrix(rows, x.cols);
                    }
                    x.gatherRows(order, from, to, bx);
                }
                network.zeroGrad();
                Matrix in = bx;
                if (denoise.kind() != TrainingConfig.Denoising.Kind.NONE) {
                    if (noisy == null || noisy.rows != bx.rows) {
                        noisy = new Matrix(bx.rows, bx.cols);
                    }
                    corrupt(bx, noisy, denoise, noise);
                    in = noisy;
                }
                Matrix out = network.forward(in);
                epochLoss += loss.sum(out, bx);
                loss.gradient(out, bx, g);
                network.backward(g);
                for (Parameter p : params) {
                    double[] gr = p.grad;
                    for (int i = 0; i < gr.length; i++) {
                        gr[i] /= rows;
                    }
                }
                observer.afterBackward(epoch, fullBatch ? order : Arrays.copyOfRange(order, from, to), network);
                optimizer.step(params);
            }
            epochLoss /= n;
            history[epoch] = epochLoss;
            ran = epoch + 1;
            if (!Double.isFinite(epochLoss)) {
                throw new TrainingDivergedException(epoch, epochLoss, optimizer.learningRate());
            }
            observer.afterEpoch(epoch, epochLoss);
            double monitored = epochLoss;
            if (validation != null) {
                monitored = loss.sum(network.forward(validation), validation) / validation.rows;
                validationHistory[epoch] = monitored;
            }
            if (monitored < best - config.minDelta()) {
                best = monitored;
                bestEpoch = epoch;
                if (config.patience() > 0) {
                    bestNetwork = network.copy();
                }
            } else if (config.patience() > 0 && epoch - bestEpoch >= config.patience()) {
                stopped = true;
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (bestNetwork != null) {
            network.copyParametersFrom(bestNetwork);
        }
        return new TrainingResult(network, Arrays.copyOf(history, ran),
                Arrays.copyOf(validationHistory, validation == null ? 0 : ran),
                Math.max(bestEpoch, 0), stopped, seconds);
    }

    /** Gaussian noise or masking noise on a copy of the clean batch. */
    static void corrupt(Matrix clean, Matrix out, TrainingConfig.Denoising d, NumpyRandom rng) {
        double[] c = clean.data, o = out.data;
        for (int i = 0; i < c.length; i++) {
            o[i] = switch (d.kind()) {
                case GAUSSIAN -> c[i] + d.level() * rng.gauss();
                case MASK -> rng.nextDouble() < d.level() ? 0.0 : c[i];
                case NONE -> c[i];
            };
        }
    }
}
