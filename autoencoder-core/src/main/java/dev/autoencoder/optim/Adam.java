package dev.autoencoder.optim;

import dev.autoencoder.kernel.AdamStep;
import dev.autoencoder.kernel.Ops;
import dev.autoencoder.nn.Parameter;
import java.util.List;

/**
 * Adam (Kingma and Ba, 2015), with AdamW's decoupled weight decay (Loshchilov and Hutter, 2019)
 * when {@code weightDecay > 0} and {@code decoupled}:
 * <pre>
 *   m <- b1 m + (1 - b1) g,   v <- b2 v + (1 - b2) g^2,   t <- t + 1
 *   w <- w - eta * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)  [- eta * wd * w   (AdamW)]
 * </pre>
 * computed in PyTorch's arrangement ({@link AdamStep}), one kernel call per parameter.
 * Without {@code decoupled}, weight decay is L2 added to the gradient ({@code g + wd w}), as in
 * PyTorch's Adam.
 */
public final class Adam implements Optimizer {
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final boolean decoupled;
    private OptimizerState m;
    private OptimizerState v;
    private long t;

    public Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, boolean decoupled) {
        OptimizerSpec.requirePositive("learning rate", learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), found " + beta1 + " and " + beta2);
        }
        OptimizerSpec.requirePositive("epsilon", epsilon);
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be 0 or more, found " + weightDecay);
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    @Override
    public void step(Ops ops, List<Parameter> parameters) {
        m = OptimizerState.ensure(m, parameters);
        v = OptimizerState.ensure(v, parameters);
        t++;
        AdamStep s = AdamStep.of(learningRate, beta1, beta2, epsilon, weightDecay, decoupled, t);
        for (int p = 0; p < parameters.size(); p++) {
            ops.adam(parameters.get(p).value, parameters.get(p).grad, m.tensor(p), v.tensor(p), s);
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public double[][][] state() {
        return m == null ? new double[0][][] : new double[][][] {m.toDoubles(), v.toDoubles()};
    }

    @Override
    public long steps() {
        return t;
    }

    @Override
    public void restore(double[][][] state, long steps) {
        if (state.length == 0) {
            m = null;
            v = null;
        } else {
            m = OptimizerState.restored(state[0]);
            v = OptimizerState.restored(state[1]);
        }
        t = steps;
    }
}
