package dev.autoencoder.train;

import dev.autoencoder.math.FloatKernels;
import dev.autoencoder.math.Kernels;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.math.Parallel;
import dev.autoencoder.math.ProductWarmup;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.DenseLayer;
import dev.autoencoder.nn.Loss;
import dev.autoencoder.nn.Network;
import dev.autoencoder.nn.Parameter;
import dev.autoencoder.optim.OptimizerSpec;
import dev.autoencoder.random.NumpyRandom;
import java.util.Arrays;
import java.util.List;

/**
 * {@link Trainer} in float32: the same loop (row order, shuffling and noise streams, batch-averaged
 * gradients, optimizer rules, validation and early stopping), with parameters, activations and
 * gradients held in floats and the float kernels. The network comes in and goes out in double; only
 * training runs in float. Checkpoints are not supported in float32.
 *
 * <p>Layer l: in (n x k) -> z = in W^T + b (n x m) -> a = f(z); W (m x k) row-major as in double.
 */
public final class FloatTrainer {
    private final TrainingConfig config;
    private final OptimizerSpec optimizer;

    public FloatTrainer(TrainingConfig config, OptimizerSpec optimizer) {
        this.config = config;
        this.optimizer = optimizer;
    }

    private static final class Layer {
        final int k, m;
        final Activation act;
        final float[] w, b, gw, gb;
        final float[][] state; // optimizer moments: [0] m/velocity of w, [1] of b, [2] v of w, [3] v of b
        float[] z, a, dz, din, wt;
        float[] in;

        Layer(DenseLayer l) {
            k = l.inputs();
            m = l.outputs();
            act = l.activation();
            w = toFloat(l.weights().value);
            b = toFloat(l.bias().value);
            gw = new float[w.length];
            gb = new float[b.length];
            state = new float[][] {new float[w.length], new float[b.length], new float[w.length], new float[b.length]};
        }

        boolean fast() {
            return Kernels.VECTOR && (long) k * m >= Kernels.FAST_THRESHOLD;
        }

        void ensure(int n) {
            if (z == null || z.length != n * m) {
                z = new float[n * m];
                a = new float[n * m];
                dz = new float[n * m];
                din = new float[n * k];
                wt = new float[k * m];
            }
        }

        float[] forward(float[] x, int n) {
            ensure(n);
            in = x;
            if (fast()) {
                FloatKernels.transpose(w, wt, m, k);
                FloatKernels.matmul(x, wt, z, n, k, m, false);
                FloatKernels.addToRows(z, b, n, m);
            } else {
                for (int r = 0; r < n; r++) {
                    for (int j = 0; j < m; j++) {
                        float acc = 0f;
                        for (int p = 0; p < k; p++) {
                            acc += w[j * k + p] * x[r * k + p];
                        }
                        z[r * m + j] = acc + b[j];
                    }
                }
            }
            if (act == Activation.TANH) {
                FloatKernels.tanh(z, a, n * m);
            } else if (act == Activation.LINEAR) {
                return z; // (float) (double) z is z: no copy
            } else {
                for (int i = 0; i < n * m; i++) {
                    a[i] = (float) act.apply(z[i]);
                }
            }
            return a;
        }

        /** dOut: dL/da (n x m), only read; accumulates gw, gb; returns dL/din or null. */
        float[] backward(float[] dOut, int n, boolean needInput) {
            // the common activations without a call per element; a linear layer's dz is dOut itself (x * 1f is x)
            float[] dz = act == Activation.LINEAR ? dOut : this.dz;
            if (act == Activation.TANH) {
                FloatKernels.tanhBackward(dOut, a, dz, n * m);
            } else if (act != Activation.LINEAR) {
                for (int i = 0; i < n * m; i++) {
                    dz[i] = dOut[i] * (float) act.derivative(z[i], a[i]);
                }
            }
            if (fast()) {
                FloatKernels.matmulTransA(dz, in, gw, n, m, k, false); // written, not added: no zeroing pass
            } else {
                for (int r = 0; r < n; r++) {
                    for (int j = 0; j < m; j++) {
                        float d = dz[r * m + j];
                        for (int p = 0; p < k; p++) {
                            gw[j * k + p] += d * in[r * k + p];
                        }
                    }
                }
            }
            FloatKernels.addColumnSums(dz, gb, n, m);
            if (!needInput) {
                return null;
            }
            if (fast()) {
                FloatKernels.matmul(dz, w, din, n, m, k, false);
            } else {
                Arrays.fill(din, 0, n * k, 0f);
                for (int r = 0; r < n; r++) {
                    for (int j = 0; j < m; j++) {
                        float d = dz[r * m + j];
                        for (int p = 0; p < k; p++) {
                            din[r * k + p] += d * w[j * k + p];
                        }
                    }
                }
            }
            return din;
        }
    }

    static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private void step(Layer[] layers, long t) {
        float lr = (float) optimizer.learningRate();
        for (Layer l : layers) {
            update(l.w, l.gw, l.state[0], l.state[2], lr, t);
            update(l.b, l.gb, l.state[1], l.state[3], lr, t);
        }
    }

    /** The optimizers' rules, as in {@code Sgd}, {@code Momentum} and {@code Adam}, in float. */
    private void update(float[] w, float[] g, float[] m1, float[] v1, float lr, long t) {
        switch (optimizer.kind()) {
            case SGD -> {
                for (int i = 0; i < w.length; i++) {
                    w[i] -= lr * g[i];
                }
            }
            case MOMENTUM -> {
                float mu = (float) optimizer.momentum();
                for (int i = 0; i < w.length; i++) {
                    m1[i] = mu * m1[i] + g[i];
                    w[i] -= lr * (optimizer.nesterov() ? g[i] + mu * m1[i] : m1[i]);
                }
            }
            case ADAM, ADAMW -> {
                float b1 = (float) optimizer.beta1(), b2 = (float) optimizer.beta2(), eps = (float) optimizer.epsilon();
                boolean decoupled = optimizer.kind() == OptimizerSpec.Kind.ADAMW;
                float wd = (float) optimizer.weightDecay();
                float l2 = decoupled ? 0f : wd, decay = decoupled ? 1 - lr * wd : 1f;
                float c1 = (float) (1 - Math.pow(b1, t)), c2 = (float) (1 - Math.pow(b2, t));
                // element by element, so splitting the range over threads changes nothing
                Parallel.forRows(w.length, 64, 8L * w.length,
                        (from, to) -> adam(w, g, m1, v1, from, to, b1, b2, eps, l2, decay, lr, c1, c2));
            }
            default -> throw new AssertionError(optimizer.kind());
        }
    }

    /** Adam's rule for elements [from, to), each on its own (so splitting the range changes nothing). */
    private static void adam(float[] w, float[] g, float[] m1, float[] v1, int from, int to, float b1, float b2,
                             float eps, float l2, float decay, float lr, float c1, float c2) {
        for (int i = from; i < to; i++) {
            float gi = g[i] + l2 * w[i];
            m1[i] = b1 * m1[i] + (1 - b1) * gi;
            v1[i] = b2 * v1[i] + (1 - b2) * gi * gi;
            float update = (m1[i] / c1) / ((float) Math.sqrt(v1[i] / c2) + eps);
            w[i] = w[i] * decay - lr * update;
        }
    }

    private static float[] forward(Layer[] layers, float[] x, int n) {
        float[] h = x;
        for (Layer l : layers) {
            h = l.forward(h, n);
        }
        return h;
    }

    /**
     * Sum over rows of the per-row loss, accumulated in double. Each row's squares go into four sums
     * (columns j mod 4), added pairwise at the end: four independent chains of additions instead of one
     * (a chain waits for each addition), the same order for any batch split or thread count.
     */
    private static double lossSum(Loss loss, float[] out, float[] x, int n, int d) {
        double total = 0;
        for (int r = 0, o = 0; r < n; r++, o += d) {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int j = 0;
            for (; j + 4 <= d; j += 4) {
                double e0 = out[o + j] - x[o + j], e1 = out[o + j + 1] - x[o + j + 1];
                double e2 = out[o + j + 2] - x[o + j + 2], e3 = out[o + j + 3] - x[o + j + 3];
                s0 += e0 * e0;
                s1 += e1 * e1;
                s2 += e2 * e2;
                s3 += e3 * e3;
            }
            for (; j < d; j++) {
                double e = out[o + j] - x[o + j];
                s0 += e * e;
            }
            double acc = (s0 + s1) + (s2 + s3);
            total += loss == Loss.MSE ? acc / d : 0.5 * acc;
        }
        return total;
    }

    /**
     * Asks the product warm-up ({@link ProductWarmup}) to run this trainer's own per-step loops too, on
     * its background thread once the float32 products are compiled, so the JIT starts on them while the
     * program is still reading its data (they land around the start of training). Without this a fresh
     * JVM's first W2 epoch ran them interpreted and then in C1's profiling code for most of its length,
     * about twice as long as the later epochs. Changes no result: the loops are the same methods, only
     * compiled sooner. Stops as soon as a fit of either trainer begins. Callers use
     * {@link Trainer#warmUpLoops(boolean)}.
     */
    static void warmUpLoops() {
        ProductWarmup.thenWarm(true, FloatTrainer::warmLoops);
    }

    /**
     * Each loop {@link Trainer#WARM_CALLS} times on arrays the size of a small batch of a wide layer; the
     * values are arbitrary (and all finite).
     */
    private static void warmLoops() {
        int n = 8, m = 128, count = n * m;
        float[] z = new float[count], a = new float[count], dz = new float[count], b = new float[m], gb = new float[m];
        float[] w = new float[64 * m], wt = new float[64 * m], g = new float[count], m1 = new float[count], v1 = new float[count];
        int[] order = new int[n];
        for (int i = 0; i < count; i++) {
            a[i] = (i % 7) / 8f;
            z[i] = (i % 5) / 4f;
        }
        for (int i = 0; i < n; i++) {
            order[i] = n - 1 - i;
        }
        for (int call = 0; call < Trainer.WARM_CALLS && !Trainer.fitting; call++) {
            FloatKernels.addToRows(z, b, n, m);
            FloatKernels.tanhBackward(z, a, dz, count);
            FloatKernels.addColumnSums(dz, gb, n, m);
            lossGradient(2f / m, a, z, g, count);
            lossSum(Loss.MSE, a, z, n, m);
            divide(gb, n);
            adam(a, g, m1, v1, 0, count, 0.9f, 0.999f, 1e-8f, 0f, 1f, 1e-3f, 0.1f, 0.001f);
            gather(z, order, 0, n, m, dz);
            FloatKernels.transpose(w, wt, 64, m); // 64 x 128: below the size that goes to other threads
        }
    }

    /** Trains {@code network} (double) in float32 and writes the result back into it. */
    public TrainingResult fit(Network network, Matrix x, Matrix validation, StepObserver observer) {
        Trainer.fitting = true;
        Loss loss = config.loss();
        int n = x.rows, d = x.cols;
        int batch = config.batchSize() == 0 ? n : Math.min(config.batchSize(), n);
        Layer[] layers = network.layers().stream().map(Layer::new).toArray(Layer[]::new);
        float[] xf = toFloat(x.data);
        float[] vf = validation == null ? null : toFloat(validation.data);
        NumpyRandom shuffler = NumpyRandom.split(config.seed(), 2);
        NumpyRandom noise = NumpyRandom.split(config.seed(), 3);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] history = new double[config.epochs()];
        double[] vhistory = new double[vf == null ? 0 : config.epochs()];
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        float[][] bestParams = null;
        boolean stopped = false;
        int ran = 0;
        long t = 0;
        float[] bx = new float[batch * d], noisy = new float[batch * d], g = new float[batch * d];
        long start = System.nanoTime();
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            if (batch < n) {
                shuffler.shuffle(order);
            }
            double epochLoss = 0;
            for (int from = 0; from < n; from += batch) {
                int rows = Math.min(batch, n - from);
                epochLoss += trainBatch(layers, xf, order, from, rows, d, bx, noisy, g, noise, loss, ++t);
            }
            epochLoss /= n;
            if (!Double.isFinite(epochLoss)) {
                throw new TrainingDivergedException(epoch, epochLoss, optimizer.learningRate());
            }
            history[epoch] = epochLoss;
            ran = epoch + 1;
            observer.afterEpoch(epoch, epochLoss);
            double monitored = epochLoss;
            if (vf != null) {
                monitored = lossSum(loss, forward(layers, vf, validation.rows), vf, validation.rows, d) / validation.rows;
                vhistory[epoch] = monitored;
            }
            if (monitored < best - config.minDelta()) {
                best = monitored;
                bestEpoch = epoch;
                if (config.patience() > 0) {
                    bestParams = new float[2 * layers.length][];
                    for (int l = 0; l < layers.length; l++) {
                        bestParams[2 * l] = layers[l].w.clone();
                        bestParams[2 * l + 1] = layers[l].b.clone();
                    }
                }
            } else if (config.patience() > 0 && epoch - bestEpoch >= config.patience()) {
                stopped = true;
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Parameter> params = network.parameters();
        for (int l = 0; l < layers.length; l++) {
            float[] w = bestParams != null ? bestParams[2 * l] : layers[l].w;
            float[] b = bestParams != null ? bestParams[2 * l + 1] : layers[l].b;
            for (int i = 0; i < w.length; i++) {
                params.get(2 * l).value[i] = w[i];
            }
            for (int i = 0; i < b.length; i++) {
                params.get(2 * l + 1).value[i] = b[i];
            }
        }
        return new TrainingResult(network, Arrays.copyOf(history, ran), Arrays.copyOf(vhistory, vf == null ? 0 : ran),
                Math.max(bestEpoch, 0), stopped, seconds);
    }

    /**
     * One mini-batch: gathers rows [from, from + rows) of the shuffled order into bx, forward, loss,
     * backward, mean gradients, one optimizer step (the t-th). Returns the batch's summed loss. A method of
     * its own, and its loops in methods of their own, so the JIT compiles each small piece as soon as it
     * is hot instead of recompiling the whole epoch loop on-stack for every inner loop.
     */
    private double trainBatch(Layer[] layers, float[] xf, int[] order, int from, int rows, int d, float[] bx, float[] noisy,
                              float[] g, NumpyRandom noise, Loss loss, long t) {
        gather(xf, order, from, rows, d, bx);
        float[] in = bx;
        if (config.denoising().kind() != TrainingConfig.Denoising.Kind.NONE) {
            corrupt(bx, noisy, rows * d, noise);
            in = noisy;
        }
        for (Layer l : layers) {
            if (!l.fast()) { // the product writes a fast layer's gw whole
                Arrays.fill(l.gw, 0f);
            }
            Arrays.fill(l.gb, 0f);
        }
        int batch = bx.length / d;
        float[] out = forward(layers, rows == batch ? in : Arrays.copyOf(in, rows * d), rows);
        double sum = lossSum(loss, out, bx, rows, d);
        lossGradient(loss == Loss.MSE ? 2f / d : 1f, out, bx, g, rows * d);
        float[] dOut = rows == batch ? g : Arrays.copyOf(g, rows * d);
        for (int l = layers.length - 1; l >= 0; l--) {
            dOut = layers[l].backward(dOut, rows, l > 0);
        }
        for (Layer l : layers) {
            divide(l.gw, rows);
            divide(l.gb, rows);
        }
        step(layers, t);
        return sum;
    }

    private static void gather(float[] xf, int[] order, int from, int rows, int d, float[] bx) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(xf, order[from + r] * d, bx, r * d, d);
        }
    }

    private void corrupt(float[] bx, float[] noisy, int count, NumpyRandom noise) {
        for (int i = 0; i < count; i++) {
            noisy[i] = switch (config.denoising().kind()) {
                case GAUSSIAN -> bx[i] + (float) (config.denoising().level() * noise.gauss());
                case MASK -> noise.nextDouble() < config.denoising().level() ? 0f : bx[i];
                case NONE -> bx[i];
            };
        }
    }

    /** g = c (out - target), element by element. */
    private static void lossGradient(float c, float[] out, float[] target, float[] g, int count) {
        for (int i = 0; i < count; i++) {
            g[i] = c * (out[i] - target[i]);
        }
    }

    private static void divide(float[] a, int by) {
        for (int i = 0; i < a.length; i++) {
            a[i] /= by;
        }
    }
}
