package dev.autoencoder.optim;

import dev.autoencoder.kernel.Ops;
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
    private OptimizerState velocity;

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
    public void step(Ops ops, List<Parameter> parameters) {
        velocity = OptimizerState.ensure(velocity, parameters);
        for (int p = 0; p < parameters.size(); p++) {
            ops.momentum(parameters.get(p).value, parameters.get(p).grad, velocity.tensor(p), learningRate, momentum,
                    nesterov);
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public double[][][] state() {
        return velocity == null ? new double[0][][] : new double[][][] {velocity.toDoubles()};
    }

    @Override
    public void restore(double[][][] state, long steps) {
        velocity = state.length == 0 ? null : OptimizerState.restored(state[0]);
    }
}
