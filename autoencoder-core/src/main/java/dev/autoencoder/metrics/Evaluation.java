package dev.autoencoder.metrics;

import dev.autoencoder.data.Scaler;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.random.NumpyRandom;
import java.util.function.Function;

/**
 * How well a detector finds labelled outliers it never saw, by PyOD's benchmark protocol: for split i, the
 * rows that scikit-learn's {@code train_test_split(test_size=0.4, random_state=RandomState(i))} picks (the
 * same rows, so results compare with published ones), the detector fitted without labels on the training
 * part, ROC AUC and PR AUC (average precision) of its scores on the test part. Beside it, the PCA baseline:
 * reconstruction error after PCA on the standardized training part, keeping 90% of the variance.
 */
public final class Evaluation {
    private Evaluation() {}

    /** The share of rows that go to the test part. */
    public static final double TEST_FRACTION = 0.4;

    /** Which rows train and which test in split {@code index}. */
    public record Split(int index, int[] train, int[] test) {}

    /** Split {@code index} of {@code rows} rows: the test part first in numpy's permutation, the rest train. */
    public static Split split(int rows, int index) {
        int nTest = (int) Math.ceil(TEST_FRACTION * rows);
        if (rows < 4 || nTest >= rows) {
            throw new IllegalArgumentException("evaluation needs at least 4 rows, found " + rows);
        }
        int[] perm = new NumpyRandom(index).permutation(rows);
        return new Split(index, java.util.Arrays.copyOfRange(perm, nTest, rows),
                java.util.Arrays.copyOfRange(perm, 0, nTest));
    }

    /** ROC AUC and PR AUC of one detector on one split. */
    public record Scores(double rocAuc, double prAuc) {
        static Scores of(double[] scores, double[] labels) {
            return new Scores(RankingMetrics.rocAuc(scores, labels), RankingMetrics.averagePrecision(scores, labels));
        }
    }

    /**
     * One split's outcome.
     *
     * @param pcaComponents the components the PCA baseline kept
     * @param seconds       the detector's fitting and scoring time
     */
    public record Result(int split, int trainRows, int testRows, int testOutliers, Scores detector, Scores pca,
                         int pcaComponents, double seconds) {}

    /**
     * Runs split {@code split.index()}: {@code fit} gets the training rows in the data's units and returns the
     * scoring function it learned (higher = more anomalous); labels are 1 for outliers, 0 for inliers.
     */
    public static Result run(Matrix x, double[] labels, Split split, Function<Matrix, Function<Matrix, double[]>> fit) {
        if (labels.length != x.rows) {
            throw new IllegalArgumentException(labels.length + " labels for " + x.rows + " rows");
        }
        Matrix train = rows(x, split.train()), test = rows(x, split.test());
        double[] y = new double[split.test().length];
        int outliers = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[split.test()[i]];
            outliers += y[i] == 1 ? 1 : 0;
        }
        if (outliers == 0 || outliers == y.length) {
            throw new IllegalArgumentException("split " + split.index() + " has " + outliers + " outliers among its "
                    + y.length + " test rows; ROC AUC needs both classes");
        }
        long t0 = System.nanoTime();
        double[] scores = fit.apply(train).apply(test);
        double seconds = (System.nanoTime() - t0) / 1e9;

        Scaler scaler = Scaler.fit(Scaler.Type.STANDARD, train);
        Matrix st = scaler.transform(train);
        int k = componentsFor(Pca.fit(st, st.cols).explainedVariance(), 0.9);
        double[] pcaScores = Pca.fit(st, k).score(scaler.transform(test));
        return new Result(split.index(), train.rows, test.rows, outliers, Scores.of(scores, y), Scores.of(pcaScores, y),
                k, seconds);
    }

    /** The fewest leading components whose variances add up to at least {@code share} of the total. */
    static int componentsFor(double[] variances, double share) {
        double total = 0;
        for (double v : variances) {
            total += v;
        }
        int k = 0;
        double acc = 0;
        while (k < variances.length && acc < share * total) {
            acc += variances[k++];
        }
        return Math.max(1, k);
    }

    private static Matrix rows(Matrix x, int[] index) {
        Matrix m = new Matrix(index.length, x.cols);
        x.gatherRows(index, 0, index.length, m);
        return m;
    }
}
