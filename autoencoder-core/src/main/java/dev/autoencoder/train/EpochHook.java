package dev.autoencoder.train;

import dev.autoencoder.nn.Network;

/**
 * Called at every epoch boundary with a consistent state (after the epoch's updates and records):
 * the place to write checkpoints and to honour a request to stop.
 */
@FunctionalInterface
public interface EpochHook {
    /** Returns true to stop training here (the state and network stay consistent). */
    boolean afterEpoch(TrainingState state, Network network);

    EpochHook NONE = (s, n) -> false;
}
