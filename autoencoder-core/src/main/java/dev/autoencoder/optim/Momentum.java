package dev.autoencoder.optim;

import dev.autoencoder.nn.Parameter;
import java.util.List;

/**
 * Gradient descent with momentum (PyTorch's form): {@code v <- mu v + g}, then
 * {@code w <- w - eta v}; with Nesterov, {@code w <- w - eta (g + mu v)}.
 */
public final class Momentum implements Optimizer {
    private final double learningRate;
    private final double momentum;
    private final boolean nesterov;
    private double[][] velocity;

    public Momentum(double learningRate, double momentum, boolean nesterov) {
        OptimizerSpec.requirePositive("learning rate", learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), found " + momentum);
        }
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    public void step(List<Parameter> parameters) {
        if (velocity == null) {
            velocity = OptimizerSpec.zerosLike(parameters);
        }
        for (int p = 0; p < parameters.size(); p++) {
            double[] w = parameters.get(p).value, g = parameters.get(p).grad, v = velocity[p];
            for (int i = 0; i < w.length; i++) {
                v[i] = momentum * v[i] + g[i];
                w[i] -= learningRate * (nesterov ? g[i] + momentum * v[i] : v[i]);
            }
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public double[][][] state() {
        return velocity == null ? new double[0][][] : new double[][][] {velocity};
    }

    @Override
    public void restore(double[][][] state, long steps) {
        velocity = state.length == 0 ? null : OptimizerSpec.deepCopy(state[0]);
    }
}
