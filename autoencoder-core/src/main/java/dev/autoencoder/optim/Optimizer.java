package dev.autoencoder.optim;

import dev.autoencoder.kernel.Ops;
import dev.autoencoder.nn.Parameter;
import java.util.List;

/**
 * Updates parameters in place from their gradients. Optimizers own their state (velocities,
 * moments), keyed by the position of each parameter in the list; layers own only parameters.
 * The gradients handed in are already averaged over the batch.
 */
public interface Optimizer {
    /** One update on the kernels {@code ops}: reads {@code p.grad}, writes {@code p.value}, for every parameter. */
    void step(Ops ops, List<Parameter> parameters);

    /** The learning rate, for messages and records. */
    double learningRate();

    /**
     * The optimizer's state (e.g. Adam's m and v), one array per parameter, widened to float64 (exact), for
     * checkpoints; empty when stateless or before the first step.
     */
    default double[][][] state() {
        return new double[0][][];
    }

    /** Steps taken so far, where the update depends on it (Adam's bias correction). */
    default long steps() {
        return 0;
    }

    /** Restores what {@link #state()} and {@link #steps()} returned (in the parameters' precision at the next step). */
    default void restore(double[][][] state, long steps) {
    }
}
