package dev.autoencoder.chapter;

import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Initializer;
import dev.autoencoder.nn.Loss;
import dev.autoencoder.nn.Network;
import java.util.Arrays;

/**
 * The chapter's workflow settings. {@link #CHAPTER} holds its defaults: a 3-2-1-2-3 network, sigmoid
 * hidden nodes and linear outputs, Xavier-uniform weights, MSE, 10,000 full-batch epochs at
 * eta = 0.1, seed 13 (training data from seed + 1, test data from seed + 7, weights from seed).
 */
public record DemoConfig(int[] layers, Activation[] activations, Initializer initializer, Loss loss,
                         int epochs, double learningRate, long seed) {
    public static final int SAMPLES = 12;

    public static final DemoConfig CHAPTER = new DemoConfig(new int[] {3, 2, 1, 2, 3},
            new Activation[] {Activation.SIGMOID, Activation.SIGMOID, Activation.SIGMOID,
                Activation.LINEAR},
            Initializer.XAVIER_UNIFORM, Loss.MSE, 10_000, 0.1, 13);

    public DemoConfig {
        Network.validateArchitecture(layers, activations);
        if (layers[0] != 3 || layers[layers.length - 1] != 3) {
            throw new IllegalArgumentException("the chapter's samples have 3 values, so the first and last "
                    + "widths must be 3, found " + Arrays.toString(layers));
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, found " + epochs);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, found " + learningRate);
        }
        if (seed < 0 || seed + 7 > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be in 0..4294967288 (numpy seeds are 32-bit and the "
                    + "test data uses seed + 7), found " + seed);
        }
        layers = layers.clone();
        activations = activations.clone();
    }

    public DemoConfig withEpochs(int e) {
        return new DemoConfig(layers, activations, initializer, loss, e, learningRate, seed);
    }

    public DemoConfig withLearningRate(double lr) {
        return new DemoConfig(layers, activations, initializer, loss, epochs, lr, seed);
    }

    public DemoConfig withSeed(long s) {
        return new DemoConfig(layers, activations, initializer, loss, epochs, learningRate, s);
    }

    /** Another architecture: hidden layers get {@code hidden}, the output layer stays linear. */
    public DemoConfig withLayers(int[] widths, Activation hidden) {
        Activation[] acts = new Activation[widths.length - 1];
        Arrays.fill(acts, hidden);
        if (acts.length > 0) {
            acts[acts.length - 1] = Activation.LINEAR;
        }
        return new DemoConfig(widths, acts, initializer, loss, epochs, learningRate, seed);
    }

    public DemoConfig withInitializer(Initializer i) {
        return new DemoConfig(layers, activations, i, loss, epochs, learningRate, seed);
    }

    public DemoConfig withLoss(Loss l) {
        return new DemoConfig(layers, activations, initializer, l, epochs, learningRate, seed);
    }

    @Override
    public int[] layers() {
        return layers.clone();
    }

    @Override
    public Activation[] activations() {
        return activations.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DemoConfig d && Arrays.equals(layers, d.layers) && Arrays.equals(activations, d.activations)
                && initializer == d.initializer && loss == d.loss && epochs == d.epochs
                && Double.compare(learningRate, d.learningRate) == 0 && seed == d.seed;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(layers) * 31 + Arrays.hashCode(activations) + Long.hashCode(seed);
    }

    @Override
    public String toString() {
        return "DemoConfig" + Arrays.toString(layers) + Arrays.toString(activations) + " " + initializer + " " + loss
                + " epochs=" + epochs + " eta=" + learningRate + " seed=" + seed;
    }
}
