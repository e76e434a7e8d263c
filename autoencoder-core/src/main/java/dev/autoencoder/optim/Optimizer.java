package dev.autoencoder.optim;

import dev.autoencoder.nn.Parameter;
import java.util.List;

/**
 * Updates parameters in place from their gradients. Optimizers own their state (velocities,
 * moments), keyed by the position of each parameter in the list; layers own only parameters.
 * The gradients handed in are already averaged over the batch.
 */
public interface Optimizer {
    /** One update: reads {@code p.grad}, writes {@code p.value}, for every parameter. */
    void step(List<Parameter> parameters);

    /** The learning rate, for messages and records. */
    double learningRate();

    /** The optimizer's state arrays (e.g. Adam's m and v), for checkpoints; empty when stateless. */
    default double[][][] state() {
        return new double[0][][];
    }

    /** Steps taken so far, where the update depends on it (Adam's bias correction). */
    default long steps() {
        return 0;
    }

    /** Restores what {@link #state()} and {@link #steps()} returned. */
    default void restore(double[][][] state, long steps) {
    }
}
