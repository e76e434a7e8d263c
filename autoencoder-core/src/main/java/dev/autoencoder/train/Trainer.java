package dev.autoencoder.train;

import dev.autoencoder.math.Kernels;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.math.ProductWarmup;
import dev.autoencoder.nn.Loss;
import dev.autoencoder.nn.Network;
import dev.autoencoder.nn.Parameter;
import dev.autoencoder.nn.SmallNetworkPass;
import dev.autoencoder.optim.Adam;
import dev.autoencoder.optim.Optimizer;
import dev.autoencoder.optim.Sgd;
import dev.autoencoder.random.NumpyRandom;
import java.util.Arrays;
import java.util.List;

/**
 * Trains a network to reconstruct its input by (mini-)batch gradient descent.
 *
 * <p>Each step: forward the batch, per-sample loss gradients dL_i/dOutput, backward (gradients are
 * summed over the batch in a fixed order), divide by the batch size, one optimizer step. With
 * {@code batchSize = 0} this is the chapter's full-batch rule (its numbers to about 4e-16).
 * Networks whose layers are all small take {@link SmallNetworkPass} for the step, and with plain
 * gradient descent ({@link Sgd}) that pass also updates the parameters in its sweep over the
 * gradients (the same bits; not when an observer watches the step, which must see the gradients
 * before the update). Mini-batches take
 * rows in an order shuffled each epoch by a stream seeded from {@code config.seed()}.
 *
 * <p>All loop state lives in a {@link TrainingState}, so a run can be checkpointed at any epoch
 * boundary and resumed to the same result.
 */
public final class Trainer {
    private final TrainingConfig config;

    public Trainer(TrainingConfig config) {
        this.config = config;
    }

    /**
     * Set when a fit of either trainer begins: the background warm-ups of the loops (this one's and
     * {@link FloatTrainer}'s) stop then, not to compete with it.
     */
    static volatile boolean fitting;

    /** How many times a warm-up runs each loop: enough calls for the JIT's usual compile thresholds. */
    static final int WARM_CALLS = 2_000;

    /**
     * Asks the product warm-up ({@link ProductWarmup}) to run the per-step loops of training in this
     * precision too (bias, tanh's backward step, column sums, the loss, Adam, the transpose), on its
     * background thread once that precision's products are compiled, so the JIT starts on them while the
     * program is still reading its data rather than well into the first epoch. Changes no result: the
     * same methods, compiled sooner. Stops as soon as a fit begins. float32's loops are
     * {@link FloatTrainer}'s ({@link FloatTrainer#warmUpLoops}).
     */
    public static void warmUpLoops(boolean float32) {
        if (float32) {
            FloatTrainer.warmUpLoops();
        } else {
            ProductWarmup.thenWarm(false, Trainer::warmLoops);
        }
    }

    /**
     * Each loop up to {@link #WARM_CALLS} times on arrays the size of a small batch of a wide layer;
     * arbitrary finite values.
     */
    private static void warmLoops() {
        int n = 8, m = 128;
        Matrix z = new Matrix(n, m), out = new Matrix(n, m), g = new Matrix(n, m), w = new Matrix(64, m), wt = new Matrix(m, 64);
        double[] b = new double[m], gb = new double[m], dz = new double[n * m];
        for (int i = 0; i < n * m; i++) {
            out.data[i] = (i % 7) / 8.0;
            z.data[i] = (i % 5) / 4.0;
        }
        Parameter p = new Parameter("warm-up", new double[n * m]);
        Adam adam = new Adam(1e-3, 0.9, 0.999, 1e-8, 0.0, false);
        for (int call = 0; call < WARM_CALLS && !fitting; call++) {
            Kernels.addToRows(z, b);
            Kernels.tanhBackward(z.data, out.data, dz, dz.length);
            Kernels.columnSumsAccumulate(z, gb);
            Loss.MSE.sum(out, z);
            Loss.MSE.gradient(out, z, g);
            System.arraycopy(g.data, 0, p.grad, 0, p.grad.length);
            divide(gb, n);
            adam.step(List.of(p));
            Kernels.transpose(w, wt); // 64 x 128: below the size that goes to other threads
        }
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
        return fit(network, x, validation, optimizer, observer, null, EpochHook.NONE);
    }

    /**
     * The full form: {@code resume} (or null) is a state from an earlier run of the same
     * configuration on the same data, whose network parameters {@code network} already holds;
     * {@code hook} sees every epoch boundary.
     */
    public TrainingResult fit(Network network, Matrix x, Matrix validation, Optimizer optimizer,
                              StepObserver observer, TrainingState resume, EpochHook hook) {
        fitting = true;
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
        List<Parameter> params = network.parameters();
        SmallNetworkPass small = SmallNetworkPass.forNetwork(network);
        Sgd sgd = optimizer instanceof Sgd plain ? plain : null;
        if (small != null && fullBatch && denoise.kind() == TrainingConfig.Denoising.Kind.NONE) {
            small.fixInput(x); // every step reads the same rows: copy them into the lanes once
        }

        TrainingState s = resume != null ? resume : new TrainingState();
        if (s.order == null) {
            s.order = new int[n];
            for (int i = 0; i < n; i++) {
                s.order[i] = i;
            }
        }
        if (s.order.length != n) {
            throw new IllegalArgumentException("the checkpoint was taken on " + s.order.length + " rows, the data has " + n);
        }
        if (resume != null) {
            shuffler.restore(s.shuffler);
            noise.restore(s.noise);
            optimizer.restore(s.optimizerState, s.optimizerSteps);
        }
        TrainingState state = s;
        s.attach(() -> {
            state.shuffler = shuffler.state();
            state.noise = noise.state();
            state.optimizerState = optimizer.state();
            state.optimizerSteps = optimizer.steps();
        });
        int[] order = s.order;
        Matrix noisy = null;
        Matrix batchX = fullBatch ? x : new Matrix(batch, x.cols);
        Matrix dOut = small != null ? null : new Matrix(batch, x.cols); // the small pass keeps its own
        int lastRows = n % batch;  // the epoch's last, partial batch has buffers of its own
        Matrix lastX = lastRows == 0 ? null : new Matrix(lastRows, x.cols);
        Matrix lastG = lastRows == 0 || small != null ? null : new Matrix(lastRows, x.cols);
        boolean stopped = false;

        long start = System.nanoTime();
        for (int epoch = s.nextEpoch; epoch < config.epochs(); epoch++) {
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
                        bx = lastX;
                        g = lastG;
                    }
                    x.gatherRows(order, from, to, bx);
                }
                Matrix in = bx;
                if (denoise.kind() != TrainingConfig.Denoising.Kind.NONE) {
                    if (noisy == null || noisy.rows != bx.rows) {
                        noisy = new Matrix(bx.rows, bx.cols);
                    }
                    corrupt(bx, noisy, denoise, noise);
                    in = noisy;
                }
                boolean observed = observer.observesStep(epoch);
                if (small != null && sgd != null && !observed) {
                    // plain gradient descent goes in the small pass's own sweep over the gradients
                    epochLoss += small.sgdStep(in, bx, loss, sgd.learningRate());
                    continue;
                }
                if (small != null) {
                    epochLoss += small.meanGradientStep(in, bx, loss);
                } else {
                    epochLoss += layerStep(network, params, in, bx, g, loss, rows);
                }
                if (observed) {
                    if (small != null) {
                        network.forward(in); // the small pass keeps activations to itself; the observer reads the layers
                    }
                    observer.afterBackward(epoch, fullBatch ? order : Arrays.copyOfRange(order, from, to), network);
                }
                optimizer.step(params);
            }
            epochLoss /= n;
            if (!Double.isFinite(epochLoss)) {
                throw new TrainingDivergedException(epoch, epochLoss, optimizer.learningRate());
            }
            observer.afterEpoch(epoch, epochLoss);
            double monitored = epochLoss;
            Double validationLoss = null;
            if (validation != null) {
                monitored = (small != null ? small.lossSum(validation, loss)
                        : loss.sum(network.forward(validation), validation)) / validation.rows;
                validationLoss = monitored;
            }
            s.append(epochLoss, validationLoss);
            s.nextEpoch = epoch + 1;
            boolean patienceOver = false;
            if (monitored < s.best - config.minDelta()) {
                s.best = monitored;
                s.bestEpoch = epoch;
                if (config.patience() > 0) {
                    s.bestParameters = snapshot(params);
                }
            } else if (config.patience() > 0 && epoch - s.bestEpoch >= config.patience()) {
                patienceOver = true;
            }
            if (patienceOver) {
                stopped = true;
                break;
            }
            if (hook.afterEpoch(s, network)) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        s.sync(true);
        if (s.bestParameters != null && config.patience() > 0) {
            for (int i = 0; i < params.size(); i++) {
                System.arraycopy(s.bestParameters[i], 0, params.get(i).value, 0, params.get(i).size());
            }
        }
        return new TrainingResult(network, s.lossHistory(), s.validationHistory(), Math.max(s.bestEpoch, 0), stopped,
                seconds);
    }

    /**
     * Forward, loss and backward of one batch through the layers, leaving the batch-mean gradients in the
     * parameters; returns the batch's summed loss. A method of its own (not a block of {@link #fit}), so the
     * JIT compiles it as soon as it is hot rather than recompiling the whole epoch loop for its inner loops.
     */
    private static double layerStep(Network network, List<Parameter> params, Matrix in, Matrix target, Matrix g,
                                    Loss loss, int rows) {
        for (Parameter p : params) {
            p.zeroGrad();
        }
        Matrix out = network.forward(in);
        double sum = loss.sum(out, target);
        loss.gradient(out, target, g);
        network.backward(g);
        for (Parameter p : params) {
            divide(p.grad, rows);
        }
        return sum;
    }

    private static void divide(double[] a, int by) {
        for (int i = 0; i < a.length; i++) {
            a[i] /= by;
        }
    }

    static double[][] snapshot(List<Parameter> params) {
        double[][] c = new double[params.size()][];
        for (int i = 0; i < c.length; i++) {
            c[i] = params.get(i).value.clone();
        }
        return c;
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
