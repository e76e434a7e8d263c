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
     * @param network   the network being trained (in the training precision)
     * @param pass      this batch's activations (z and a of every layer) and dL/dz
     */
    void afterBackward(int epoch, int[] rows, Network network, Network.Pass pass);

    /** Whether {@link #afterBackward} wants to see this epoch's steps (default: every epoch). */
    default boolean observesStep(int epoch) {
        return true;
    }

    /** Called once per epoch after its updates, with its training loss (for progress displays). */
    default void afterEpoch(int epoch, double loss) {
    }

    StepObserver NONE = epochs((e, l) -> { });

    /** An observer of epoch losses only (progress displays): it sees no steps. */
    static StepObserver epochs(java.util.function.ObjDoubleConsumer<Integer> afterEpoch) {
        return new StepObserver() {
            @Override
            public void afterBackward(int epoch, int[] rows, Network network, Network.Pass pass) {
            }

            @Override
            public boolean observesStep(int epoch) {
                return false;
            }

            @Override
            public void afterEpoch(int epoch, double loss) {
                afterEpoch.accept(epoch, loss);
            }
        };
    }
}
