package dev.autoencoder.kernel;

/**
 * The constants of one Adam step (Kingma and Ba, 2015), in PyTorch's arrangement of the bias corrections:
 * <pre>
 *   g' = g + l2 w
 *   m  = b1 m + (1 - b1) g',   v = b2 v + (1 - b2) g'^2
 *   w  = w decay - stepSize m / (sqrt(v) inverseRootC2 + eps)
 * </pre>
 * with stepSize = lr / (1 - b1^t) and inverseRootC2 = 1 / sqrt(1 - b2^t) at step t; l2 is Adam's L2
 * weight decay and decay = 1 - lr wd AdamW's decoupled one (one of the two is neutral).
 */
public record AdamStep(double beta1, double beta2, double epsilon, double l2, double decay, double stepSize,
                       double inverseRootC2) {

    /** The constants of step t (1-based). */
    public static AdamStep of(double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
                              boolean decoupled, long t) {
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        return new AdamStep(beta1, beta2, epsilon, decoupled ? 0.0 : weightDecay,
                decoupled ? 1 - learningRate * weightDecay : 1.0, learningRate / c1, 1.0 / Math.sqrt(c2));
    }
}
