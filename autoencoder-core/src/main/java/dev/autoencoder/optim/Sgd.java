package dev.autoencoder.optim;

import dev.autoencoder.kernel.Ops;
import dev.autoencoder.nn.Parameter;
import java.util.List;

/**
 * Plain gradient descent: {@code w <- w - eta * g}. With full batches this is the chapter's
 * training rule.
 */
public final class Sgd implements Optimizer {
    private final double learningRate;

    public Sgd(double learningRate) {
        if (!(learningRate > 0.0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, found " + learningRate);
        }
        this.learningRate = learningRate;
    }

    @Override
    public void step(Ops ops, List<Parameter> parameters) {
        for (Parameter p : parameters) {
            ops.sgd(p.value, p.grad, learningRate);
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }
}
