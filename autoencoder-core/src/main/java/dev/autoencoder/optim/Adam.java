package dev.autoencoder.optim;

import dev.autoencoder.math.Parallel;
import dev.autoencoder.nn.Parameter;
import java.util.List;

/**
 * Adam (Kingma and Ba, 2015), with AdamW's decoupled weight decay (Loshchilov and Hutter, 2019)
 * when {@code weightDecay > 0} and {@code decoupled}:
 * <pre>
 *   m <- b1 m + (1 - b1) g,   v <- b2 v + (1 - b2) g^2,   t <- t + 1
 *   w <- w - eta * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)  [- eta * wd * w   (AdamW)]
 * </pre>
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
    private double[][] m;
    private double[][] v;
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
    public void step(List<Parameter> parameters) {
        if (m == null) {
            m = OptimizerSpec.zerosLike(parameters);
            v = OptimizerSpec.zerosLike(parameters);
        }
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        double l2 = decoupled ? 0.0 : weightDecay;
        double decay = decoupled ? 1 - learningRate * weightDecay : 1.0;
        // PyTorch's arrangement of the bias corrections: (lr / c1) m / (sqrt(v) / sqrt(c2) + eps), with the
        // per-step constants hoisted, so each element costs one square root and one division
        double stepSize = learningRate / c1;
        double inverseRootC2 = 1.0 / Math.sqrt(c2);
        for (int p = 0; p < parameters.size(); p++) {
            double[] w = parameters.get(p).value, g = parameters.get(p).grad, mp = m[p], vp = v[p];
            // element by element, so splitting the range over threads changes nothing
            Parallel.forRows(w.length, 64, 8L * w.length, (from, to) -> {
                // branch-free loop body so the JIT can vectorize it
                for (int i = from; i < to; i++) {
                    double gi = g[i] + l2 * w[i];
                    mp[i] = beta1 * mp[i] + (1 - beta1) * gi;
                    vp[i] = beta2 * vp[i] + (1 - beta2) * gi * gi;
                    w[i] = w[i] * decay - stepSize * mp[i] / (Math.sqrt(vp[i]) * inverseRootC2 + epsilon);
                }
            });
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public double[][][] state() {
        return m == null ? new double[0][][] : new double[][][] {m, v};
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
            m = OptimizerSpec.deepCopy(state[0]);
            v = OptimizerSpec.deepCopy(state[1]);
        }
        t = steps;
    }
}
