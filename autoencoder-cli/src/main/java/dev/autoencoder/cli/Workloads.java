package dev.autoencoder.cli;

import dev.autoencoder.chapter.DemoConfig;
import dev.autoencoder.chapter.SlopedLines;
import dev.autoencoder.kernel.Precision;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Initializer;
import dev.autoencoder.nn.Loss;
import dev.autoencoder.nn.Network;
import dev.autoencoder.optim.Adam;
import dev.autoencoder.optim.Sgd;
import dev.autoencoder.random.NumpyRandom;
import dev.autoencoder.train.Trainer;
import dev.autoencoder.train.TrainingConfig;
import dev.autoencoder.train.TrainingResult;

/**
 * The two benchmark workloads, on generated data, training only:
 *
 * <ul>
 *   <li>W1: the chapter's 3-2-1-2-3 network, its 12 samples, full batch, SGD 0.1, 10,000 epochs;
 *   <li>W2: 20,000 rows x 256 columns, x = tanh(F A) + 0.05 e with F (20,000 x 16) and e standard
 *       normal and A (16 x 256) normal with variance 1/16, all from {@code np.random.seed(2024)} in
 *       that order; network 256-128-32-128-256, tanh hidden layers, linear output, Adam 1e-3,
 *       batch 128, 5 epochs.
 * </ul>
 * {@code docs/bench/pytorch_w2.py} is W2 in PyTorch, for measuring the two side by side.
 */
final class Workloads {
    private Workloads() {}

    /** One measured run. */
    public record Result(String workload, String precision, int threads, double trainSeconds, double secondsPerEpoch,
                         double finalLoss, double gflops, double flopsPerEpoch) {}

    /** Multiply-adds x 2 of one epoch: forward, weight gradients, and input gradients but for the first layer. */
    public static double flopsPerEpoch(int[] widths, long rows) {
        double f = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            double mac = (double) widths[l] * widths[l + 1];
            f += 2 * mac * (l == 0 ? 2 : 3);
        }
        return f * rows;
    }

    public static Result w1(int threads) {
        SlopedLines train = SlopedLines.generate(14, 12);
        Network net = Network.initialize(DemoConfig.CHAPTER.layers(), DemoConfig.CHAPTER.activations(),
                Initializer.XAVIER_UNIFORM, 0.0, new NumpyRandom(13));
        TrainingConfig tc = TrainingConfig.DEFAULTS.withEpochs(10_000).withBatchSize(0).withThreads(threads);
        TrainingResult r = new Trainer(tc).fit(net, train.x(), new Sgd(0.1));
        return result("w1", Precision.FLOAT64, threads, r, DemoConfig.CHAPTER.layers(), 12);
    }

    /** The W2 table (deterministic). */
    public static Matrix w2Data() {
        NumpyRandom rng = new NumpyRandom(2024);
        int n = 20_000, f = 16, d = 256;
        double[] factors = new double[n * f];
        for (int i = 0; i < factors.length; i++) {
            factors[i] = rng.gauss();
        }
        double[] mix = new double[f * d];
        for (int i = 0; i < mix.length; i++) {
            mix[i] = rng.gauss() / 4.0;
        }
        Matrix x = new Matrix(n, d);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                double s = 0;
                for (int q = 0; q < f; q++) {
                    s += factors[r * f + q] * mix[q * d + c];
                }
                x.data[r * d + c] = Math.tanh(s);
            }
        }
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] += 0.05 * rng.gauss();
        }
        return x;
    }

    public static final int[] W2_WIDTHS = {256, 128, 32, 128, 256};

    /** W2 in the given precision on the given number of threads. */
    public static Result w2(Matrix data, int epochs, Precision precision, int threads) {
        Network net = Network.initialize(W2_WIDTHS,
                new Activation[] {Activation.TANH, Activation.TANH, Activation.TANH, Activation.LINEAR},
                Initializer.XAVIER_UNIFORM, 0.0, new NumpyRandom(7));
        TrainingConfig tc = TrainingConfig.DEFAULTS.withEpochs(epochs).withBatchSize(128).withLoss(Loss.MSE).withSeed(7)
                .withPrecision(precision).withThreads(threads);
        TrainingResult r = new Trainer(tc).fit(net, data, new Adam(1e-3, 0.9, 0.999, 1e-8, 0.0, false));
        return result("w2", precision, threads, r, W2_WIDTHS, data.rows);
    }

    private static Result result(String name, Precision precision, int threads, TrainingResult r, int[] widths,
                                 int rows) {
        int epochs = r.lossHistory().length;
        double flops = flopsPerEpoch(widths, rows);
        return new Result(name, precision.id(), threads, r.trainSeconds(), r.trainSeconds() / epochs,
                r.lossHistory()[epochs - 1], flops * epochs / r.trainSeconds() / 1e9, flops);
    }
}
