package dev.autoencoder.chapter;

import dev.autoencoder.math.Matrix;
import dev.autoencoder.random.NumpyRandom;

/**
 * The chapter's synthetic "sloped line" samples: for each sample a slope m ~ U[-2, 2], the three
 * values m * [-1, 0, 1] + N(0, sigma) noise, and the label y = (x . X) / (x . x) with x = [1, 2, 3],
 * the "sample slope", used only to interpret the latent node.
 *
 * <p>Draw order is the chapter's: after {@code np.random.seed(seed)}, per sample one uniform then
 * three normals.
 *
 * @param x     (samples x 3) values at nodes I1, I2, I3
 * @param slope (samples) the label of each sample
 */
public record SlopedLines(Matrix x, double[] slope) {
    /** Noise standard deviation of the chapter. */
    public static final double SIGMA = 0.1;

    /** Generates {@code samples} lines from {@code np.random.seed(seed)}. */
    public static SlopedLines generate(long seed, int samples) {
        return generate(seed, samples, SIGMA);
    }

    /** As {@link #generate(long, int)}, with noise of standard deviation {@code sigma} (0 for exact lines). */
    public static SlopedLines generate(long seed, int samples, double sigma) {
        if (samples < 1 || !(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sloped lines need at least one sample and a noise level of 0 or more, "
                    + "found " + samples + " samples and noise " + sigma);
        }
        NumpyRandom rng = new NumpyRandom(seed);
        double[] pos = {1.0, 2.0, 3.0};
        Matrix x = new Matrix(samples, 3);
        double[] y = new double[samples];
        for (int i = 0; i < samples; i++) {
            double m = rng.uniform(-2.0, 2.0);
            for (int j = 0; j < 3; j++) {
                x.set(i, j, (pos[j] - 2.0) * m + rng.normal(0.0, sigma));
            }
            double dotXX = pos[0] * pos[0] + pos[1] * pos[1] + pos[2] * pos[2];
            double dotXV = pos[0] * x.get(i, 0) + pos[1] * x.get(i, 1) + pos[2] * x.get(i, 2);
            y[i] = dotXV / dotXX;
        }
        return new SlopedLines(x, y);
    }
}
