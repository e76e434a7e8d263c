package dev.autoencoder.optim;

import java.util.Locale;

/**
 * A validated optimizer choice with its settings; {@link #create()} makes a fresh optimizer.
 * Defaults (PyTorch's): momentum 0.9, betas 0.9 and 0.999, epsilon 1e-8, weight decay 0
 * (0.01 for adamw).
 */
public record OptimizerSpec(Kind kind, double learningRate, double momentum, boolean nesterov, double beta1,
                            double beta2, double epsilon, double weightDecay) {

    /** The update rule: plain SGD, SGD with (Nesterov) momentum, Adam, or Adam with decoupled weight decay. */
    public enum Kind {
        SGD, MOMENTUM, ADAM, ADAMW;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.id().equals(s.trim().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown optimizer '" + s + "'; expected sgd, momentum, adam or adamw");
        }
    }

    public static final double DEFAULT_MOMENTUM = 0.9;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;
    public static final double DEFAULT_ADAMW_DECAY = 0.01;

    /** A spec with the defaults for its kind. */
    public static OptimizerSpec of(Kind kind, double learningRate) {
        return new OptimizerSpec(kind, learningRate, DEFAULT_MOMENTUM, false, DEFAULT_BETA1, DEFAULT_BETA2,
                DEFAULT_EPSILON, kind == Kind.ADAMW ? DEFAULT_ADAMW_DECAY : 0.0);
    }

    public OptimizerSpec {
        // validated by building one: the constructors hold the rules
        create(kind, learningRate, momentum, nesterov, beta1, beta2, epsilon, weightDecay);
    }

    public Optimizer create() {
        return create(kind, learningRate, momentum, nesterov, beta1, beta2, epsilon, weightDecay);
    }

    private static Optimizer create(Kind kind, double lr, double mu, boolean nesterov, double b1, double b2,
                                    double eps, double wd) {
        return switch (kind) {
            case SGD -> new Sgd(lr);
            case MOMENTUM -> new Momentum(lr, mu, nesterov);
            case ADAM -> new Adam(lr, b1, b2, eps, wd, false);
            case ADAMW -> new Adam(lr, b1, b2, eps, wd, true);
        };
    }

    static void requirePositive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be a positive number, found " + v);
        }
    }
}
