package dev.autoencoder.train;

import dev.autoencoder.kernel.Ops;
import dev.autoencoder.kernel.Tensor;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.Loss;
import dev.autoencoder.nn.Network;
import dev.autoencoder.nn.Parameter;
import dev.autoencoder.optim.Optimizer;
import dev.autoencoder.random.NumpyRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a network to reconstruct its input by (mini-)batch gradient descent: the one training loop, for
 * both precisions and every network size.
 *
 * <p>Each step: forward the batch, per-row loss gradients dL_i/dOutput, backward (gradients summed over the
 * batch in a fixed order), divide by the batch size, one optimizer step. With {@code batchSize = 0} this
 * is the chapter's full-batch rule. Mini-batches take rows in an order shuffled each epoch by a stream
 * seeded from {@code config.seed()}. The kernels come from the configuration ({@link Ops#create}: precision
 * and threads) and are closed when the fit ends; a float32 fit trains a float32 copy of the network and
 * writes the result back into the float64 one.
 *
 * <p>All loop state lives in a {@link TrainingState}, so a run can be checkpointed at any epoch boundary
 * and resumed to the same result, in either precision.
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
        return fit(network, x, validation, optimizer, observer, null, EpochHook.NONE);
    }

    /**
     * The full form: {@code resume} (or null) is a state from an earlier run of the same configuration on
     * the same data, whose network parameters {@code network} already holds; {@code hook} sees every
     * epoch boundary, with {@code network} holding that epoch's parameters.
     */
    public TrainingResult fit(Network network, Matrix x, Matrix validation, Optimizer optimizer,
                              StepObserver observer, TrainingState resume, EpochHook hook) {
        if (x.rows == 0) {
            throw new IllegalArgumentException("training needs at least one row");
        }
        if (x.cols != network.inputWidth() || x.cols != network.outputWidth()) {
            throw new IllegalArgumentException("an autoencoder of " + network.inputWidth() + " inputs and "
                    + network.outputWidth() + " outputs cannot reconstruct rows of width " + x.cols);
        }
        if (validation != null && validation.cols != x.cols) {
            throw new IllegalArgumentException("validation rows have " + validation.cols + " columns, training rows "
                    + x.cols);
        }
        try (Ops ops = Ops.create(config.precision(), config.threads())) {
            return new Run(ops, network, x, validation, optimizer, observer, resume, hook).train();
        }
    }

    /** One fit's buffers and streams. */
    private final class Run {
        final Ops ops;
        final Network target;      // the caller's network (float64)
        final Network net;         // the one trained: target itself, or its copy in the configured precision
        final List<Parameter> params;
        final Tensor data;
        final Tensor validation;
        final Network.Pass validationPass;
        final Optimizer optimizer;
        final StepObserver observer;
        final EpochHook hook;
        final TrainingState s;
        final NumpyRandom shuffler;
        final NumpyRandom noise;
        final Map<Integer, Batch> batches = new HashMap<>();

        Run(Ops ops, Network network, Matrix x, Matrix validationRows, Optimizer optimizer, StepObserver observer,
            TrainingState resume, EpochHook hook) {
            this.ops = ops;
            this.target = network;
            this.net = network.precision() == ops.precision() ? network : network.to(ops.precision());
            this.params = net.parameters();
            this.data = Tensor.of(x, ops.precision());
            this.validation = validationRows == null ? null : Tensor.of(validationRows, ops.precision());
            this.validationPass = validationRows == null ? null : net.newPass(ops.precision(), validationRows.rows);
            this.optimizer = optimizer;
            this.observer = observer;
            this.hook = hook;
            this.shuffler = NumpyRandom.split(config.seed(), 2);
            this.noise = NumpyRandom.split(config.seed(), 3);
            int n = x.rows;
            s = resume != null ? resume : new TrainingState();
            if (s.order == null) {
                s.order = new int[n];
                for (int i = 0; i < n; i++) {
                    s.order[i] = i;
                }
            }
            if (s.order.length != n) {
                throw new IllegalArgumentException("the checkpoint was taken on " + s.order.length
                        + " rows, the data has " + n);
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
        }

        /** The buffers of one batch size: the gathered rows, their noisy copy, the loss gradient, the pass. */
        final class Batch {
            final Tensor rows;
            final Tensor noisy;
            final Tensor gradient;
            final Network.Pass pass;

            Batch(int count, boolean whole) {
                rows = whole ? data : ops.zeros(count, data.cols);
                noisy = config.denoising().kind() == TrainingConfig.Denoising.Kind.NONE ? null
                        : ops.zeros(count, data.cols);
                gradient = ops.zeros(count, data.cols);
                pass = net.newPass(ops.precision(), count);
            }
        }

        TrainingResult train() {
            Loss loss = config.loss();
            int n = data.rows;
            int batch = config.batchSize() == 0 ? n : Math.min(config.batchSize(), n);
            boolean fullBatch = batch == n;
            int[] order = s.order;
            int epochs = config.epochsFor(n);
            boolean stopped = false;
            long start = System.nanoTime();
            for (int epoch = s.nextEpoch; epoch < epochs; epoch++) {
                if (!fullBatch) {
                    shuffler.shuffle(order);
                }
                double epochLoss = 0.0;
                for (int from = 0; from < n; from += batch) {
                    int rows = Math.min(batch, n - from);
                    Batch b = batches.computeIfAbsent(rows, r -> new Batch(r, fullBatch));
                    if (!fullBatch) {
                        ops.gatherRows(data, order, from, b.rows);
                    }
                    epochLoss += step(b, loss, epoch, order, from);
                }
                epochLoss /= n;
                observer.afterEpoch(epoch, epochLoss);
                Double validationLoss = null;
                if (validation != null) {
                    Tensor out = net.forward(ops, validation, validationPass);
                    validationLoss = ops.loss(loss, out, validation, null) / validation.rows;
                }
                if (EarlyStopping.afterEpoch(s, config, epoch, epochLoss, validationLoss, params,
                        optimizer.learningRate())) {
                    stopped = true;
                    break;
                }
                if (hook != EpochHook.NONE) {
                    if (net != target) {
                        target.copyParametersFrom(net);
                    }
                    if (hook.afterEpoch(s, target)) {
                        break;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            s.sync(true);
            EarlyStopping.restoreBest(s, config, params);
            if (net != target) {
                target.copyParametersFrom(net);
            }
            return new TrainingResult(target, s.lossHistory(), s.validationHistory(), Math.max(s.bestEpoch, 0), stopped,
                    seconds);
        }

        /** One batch: forward, loss, backward, mean gradients, the optimizer's update. Returns the summed loss. */
        double step(Batch b, Loss loss, int epoch, int[] order, int from) {
            Tensor in = b.rows;
            if (b.noisy != null) {
                corrupt(b.rows, b.noisy, config.denoising(), noise);
                in = b.noisy;
            }
            Tensor out = net.forward(ops, in, b.pass);
            double sum = ops.loss(loss, out, b.rows, b.gradient);
            net.backward(ops, b.pass, b.gradient);
            for (Parameter p : params) {
                ops.divide(p.grad, b.rows.rows);
            }
            if (observer.observesStep(epoch)) {
                int[] rows = b.rows == data ? order : Arrays.copyOfRange(order, from, from + b.rows.rows);
                observer.afterBackward(epoch, rows, net, b.pass);
            }
            optimizer.step(ops, params);
            return sum;
        }
    }

    /** Gaussian noise or masking noise on a copy of the clean batch (in float64, then stored). */
    static void corrupt(Tensor clean, Tensor out, TrainingConfig.Denoising d, NumpyRandom rng) {
        for (int i = 0, size = clean.size(); i < size; i++) {
            out.set(i, d.corrupt(clean.get(i), rng));
        }
    }
}
