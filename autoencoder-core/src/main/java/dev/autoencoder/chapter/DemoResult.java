package dev.autoencoder.chapter;

import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.Network;
import java.util.Map;

/**
 * Everything the chapter's workflow produces, with the chapter's recording semantics (SEED-SPEC
 * section 5): losses and the latent/reconstructions "of the last epoch" come from forward passes
 * before that epoch's update; test reconstructions use the final parameters.
 *
 * @param latent              (samples x bottleneck width) bottleneck outputs of the last epoch's forward pass
 * @param testLossHistory     the test loss after each epoch's update (the overfitting check the chapter suggests)
 * @param testMse             mean over test samples of the per-sample mean squared error, final parameters
 * @param latentVsSlope       least squares of the first latent unit on the slope label, with Pearson r
 */
public record DemoResult(DemoConfig config, SlopedLines train, SlopedLines test,
                         Map<String, Double> initialParameters, Map<String, Double> parameters,
                         Network initialNetwork, Network network,
                         double[] lossHistory, double[] testLossHistory, Matrix latent,
                         Matrix reconstructionTrain, Matrix reconstructionTest, double testMse,
                         LinearFit latentVsSlope, double trainSeconds) {

    /** The first latent unit of each training sample (M6 for the chapter's network). */
    public double[] latentColumn() {
        double[] v = new double[latent.rows];
        for (int i = 0; i < v.length; i++) {
            v[i] = latent.get(i, 0);
        }
        return v;
    }
}
