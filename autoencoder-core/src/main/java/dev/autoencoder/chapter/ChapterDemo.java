package dev.autoencoder.chapter;

import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.Loss;
import dev.autoencoder.nn.Network;
import dev.autoencoder.optim.Sgd;
import dev.autoencoder.random.NumpyRandom;
import dev.autoencoder.train.EpochHook;
import dev.autoencoder.train.StepObserver;
import dev.autoencoder.train.Trainer;
import dev.autoencoder.train.TrainingConfig;
import dev.autoencoder.train.TrainingResult;

/**
 * The chapter's whole workflow: make the training (seed + 1) and test (seed + 7) sloped lines,
 * initialize the network from {@code np.random.seed(seed)}, train full batch with plain gradient
 * descent, record the last epoch's latent values and reconstructions, reconstruct the test data,
 * and relate the latent node to the slope label.
 *
 * <p>Source: M. J. Pyrcz, "Autoencoder", <i>Applied Machine Learning in Python: a Hands-on Guide
 * with Code</i> (2024), doi:10.5281/zenodo.15169138.
 */
public final class ChapterDemo {
    private ChapterDemo() {}

    /** The network before training, as {@link #run} initializes it. */
    public static Network initialNetwork(DemoConfig config) {
        return Network.initialize(config.layers(), config.activations(), config.initializer(), 0.0,
                new NumpyRandom(config.seed()));
    }

    public static DemoResult run(DemoConfig config) {
        return run(config, null);
    }

    /** Runs the workflow, telling {@code progress} (if not null) each epoch's loss. */
    public static DemoResult run(DemoConfig config, java.util.function.ObjIntConsumer<Double> progress) {
        return run(config, DemoConfig.SAMPLES, SlopedLines.SIGMA, progress, StepObserver.NONE, EpochHook.NONE);
    }

    /**
     * The workflow on {@code samples} training and test lines with noise {@code sigma} (the chapter: 12 and 0.1),
     * telling {@code progress} each epoch's loss, showing {@code watcher} the steps it asks for (as the chapter
     * records its last epoch: after the backward pass, before the update), and stopping early where
     * {@code hook} says so (the result then holds the epochs run).
     */
    public static DemoResult run(DemoConfig config, int samples, double sigma,
                                 java.util.function.ObjIntConsumer<Double> progress, StepObserver watcher, EpochHook hook) {
        SlopedLines train = SlopedLines.generate(config.seed() + 1, samples, sigma);
        SlopedLines test = SlopedLines.generate(config.seed() + 7, samples, sigma);
        Network network = initialNetwork(config);
        Network initial = network.copy();
        int bottleneck = network.bottleneckLayer();
        int lastEpoch = config.epochs() - 1;
        Matrix[] latent = new Matrix[1];
        Matrix[] reconstruction = new Matrix[1];
        StepObserver recordLastEpoch = new StepObserver() {
            @Override
            public boolean observesStep(int epoch) {
                return epoch == lastEpoch || watcher.observesStep(epoch);
            }

            @Override
            public void afterBackward(int epoch, int[] rows, Network net, Network.Pass pass) {
                if (watcher.observesStep(epoch)) {
                    watcher.afterBackward(epoch, rows, net, pass);
                }
                // the last epoch's, or (stopped early) the latest step watched
                latent[0] = pass.output(bottleneck - 1).toMatrix().copy();
                reconstruction[0] = pass.output().toMatrix().copy();
            }

            @Override
            public void afterEpoch(int epoch, double loss) {
                if (progress != null) {
                    progress.accept(loss, epoch);
                }
            }
        };
        TrainingConfig tc = TrainingConfig.DEFAULTS.withEpochs(config.epochs()).withBatchSize(0)
                .withLoss(config.loss()).withSeed(config.seed());
        TrainingResult fit = new Trainer(tc).fit(network, train.x(), test.x(), new Sgd(config.learningRate()),
                recordLastEpoch, null, hook);

        Matrix testOut = network.forward(test.x());
        double testMse = Loss.MSE.sum(testOut, test.x()) / test.x().rows;
        double[] m = new double[latent[0].rows];
        for (int i = 0; i < m.length; i++) {
            m[i] = latent[0].get(i, 0);
        }
        return new DemoResult(config, train, test, NodeNames.values(initial), NodeNames.values(network),
                initial, network, fit.lossHistory(), fit.validationLossHistory(), latent[0], reconstruction[0],
                testOut, testMse, LinearFit.of(train.slope(), m), fit.trainSeconds());
    }
}
