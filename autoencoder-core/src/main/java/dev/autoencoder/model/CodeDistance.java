package dev.autoencoder.model;

import dev.autoencoder.math.Matrix;
import dev.autoencoder.metrics.Pca;
import dev.autoencoder.metrics.RankingMetrics;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * How unusual a row's code is: the squared Mahalanobis distance of one network's latent code from the
 * training rows' codes (their mean and covariance), beside how badly the row is reconstructed. A row can
 * be reconstructed well and still sit where no training row's code lies (an odd combination the decoder
 * happens to handle); this catches it, as DAGMM's energy on the latent space does.
 *
 * <p>The member's score becomes {@code error / errorScale + weight * distance / codeScale}, the scales being
 * the interquartile ranges (robust to the outliers the training rows hold) of the two on the training rows,
 * so the weight says how much the code counts against the reconstruction whatever their units.
 *
 * @param mean              the training codes' mean (k values)
 * @param inverseCovariance the inverse of their covariance, k x k row-major (a ridge of 1e-6 of the mean
 *                          variance keeps it finite when codes are collinear)
 * @param errorScale        the spread of the member's reconstruction errors on the training rows
 * @param codeScale         the spread of the distances on the training rows
 */
public record CodeDistance(double[] mean, double[] inverseCovariance, double errorScale, double codeScale) {

    public CodeDistance {
        int k = mean.length;
        if (k < 1 || inverseCovariance.length != k * k) {
            throw new IllegalArgumentException("a code distance needs a mean of k >= 1 values and a k x k inverse "
                    + "covariance; found " + k + " and " + inverseCovariance.length + " values");
        }
        for (double v : mean) {
            finite(v, "code mean");
        }
        for (double v : inverseCovariance) {
            finite(v, "inverse covariance");
        }
        if (!(errorScale > 0) || !Double.isFinite(errorScale) || !(codeScale > 0) || !Double.isFinite(codeScale)) {
            throw new IllegalArgumentException("a code distance needs positive finite scales; found error scale "
                    + errorScale + " and code scale " + codeScale);
        }
        mean = mean.clone();
        inverseCovariance = inverseCovariance.clone();
    }

    private static void finite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("the " + what + " holds " + v + "; expected finite numbers");
        }
    }

    /** Fitted on the training rows' codes (rows x k) and the member's reconstruction errors on those rows. */
    public static CodeDistance fit(Matrix codes, double[] errors) {
        int k = codes.cols;
        double[] mean = Pca.columnMeans(codes);
        DMatrixRMaj cov = Pca.covariance(codes, mean, codes.rows);
        double trace = 0;
        for (int a = 0; a < k; a++) {
            trace += cov.get(a, a);
        }
        for (int a = 0; a < k; a++) {
            cov.add(a, a, 1e-6 * trace / k + 1e-12);
        }
        if (!CommonOps_DDRM.invert(cov)) {
            throw new IllegalArgumentException("the codes' covariance could not be inverted");
        }
        CodeDistance unscaled = new CodeDistance(mean, cov.data, 1, 1);
        return new CodeDistance(mean, cov.data, RankingMetrics.robustSpread(errors),
                RankingMetrics.robustSpread(unscaled.distances(codes)));
    }

    /**
     * A network's score from its reconstruction errors and its codes' {@link #distances}, row by row:
     * error / errorScale + weight * distance / codeScale.
     */
    public double[] score(double[] errors, double[] distances, double weight) {
        double[] s = new double[errors.length];
        for (int r = 0; r < s.length; r++) {
            s[r] = errors[r] / errorScale + weight * distances[r] / codeScale;
        }
        return s;
    }

    /** The code width k. */
    public int width() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] inverseCovariance() {
        return inverseCovariance.clone();
    }

    /** The squared Mahalanobis distance of each row of codes (rows x k) from the mean. */
    public double[] distances(Matrix codes) {
        int k = mean.length;
        if (codes.cols != k) {
            throw new IllegalArgumentException("codes are " + codes.cols + " wide; this distance is for " + k);
        }
        double[] d = new double[codes.rows];
        double[] centred = new double[k];
        for (int r = 0; r < codes.rows; r++) {
            for (int c = 0; c < k; c++) {
                centred[c] = codes.get(r, c) - mean[c];
            }
            double acc = 0;
            for (int a = 0; a < k; a++) {
                double row = 0;
                for (int b = 0; b < k; b++) {
                    row += inverseCovariance[a * k + b] * centred[b];
                }
                acc += centred[a] * row;
            }
            d[r] = acc;
        }
        return d;
    }
}
