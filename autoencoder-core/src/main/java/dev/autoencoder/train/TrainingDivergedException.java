package dev.autoencoder.train;

/** Thrown when the training loss becomes NaN or infinite; says where and what to try. */
public final class TrainingDivergedException extends RuntimeException {
    private final int epoch;
    private final double loss;

    public TrainingDivergedException(int epoch, double loss, double learningRate) {
        super("training diverged at epoch " + epoch + ": loss is " + loss + " with learning rate "
                + learningRate + "; try a smaller learning rate (e.g. " + (learningRate / 10) + ")");
        this.epoch = epoch;
        this.loss = loss;
    }

    public int epoch() { return epoch; }

    public double loss() { return loss; }
}
