package dev.autoencoder.train;

import dev.autoencoder.nn.Network;

/**
 * What training produced.
 *
 * @param network               the trained network (the best epoch's parameters when early stopping
 *                              restored them)
 * @param lossHistory           one value per epoch run: mean per-sample training loss, computed in
 *                              that epoch's forward passes, i.e. before each step's update
 * @param validationLossHistory one value per epoch, after the epoch's updates; empty without validation data
 * @param bestEpoch             0-based epoch with the lowest monitored loss (validation if given)
 * @param stoppedEarly          whether early stopping ended the run before {@code epochs}
 * @param trainSeconds          wall time of the training loop alone
 */
public record TrainingResult(Network network, double[] lossHistory, double[] validationLossHistory,
                             int bestEpoch, boolean stoppedEarly, double trainSeconds) {}
