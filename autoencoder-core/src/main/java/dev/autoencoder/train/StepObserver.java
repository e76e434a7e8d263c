package dev.autoencoder.train;

import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.Network;

/**
 * Sees the network after a step's forward and backward pass, before the optimizer updates it:
 * the moment at which the chapter records its latent values and reconstructions.
 */
@FunctionalInterface
public interface StepObserver {
    /**
     * @param epoch     0-based epoch
     * @param rows      the indices of the batch's rows in the training data, in batch order
     * @param network   the network; its layers hold this batch's activations
     */
    void afterBackward(int epoch, int[] rows, Network network);

    /** Called once per epoch after its updates, with its training loss (for progress displays). */
    default void afterEpoch(int epoch, double loss) {
    }

    StepObserver NONE = (e, r, n) -> { };
}
