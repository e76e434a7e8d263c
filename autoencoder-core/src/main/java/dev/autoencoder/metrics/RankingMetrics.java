package dev.autoencoder.metrics;

import java.util.Arrays;

/**
 * How well scores rank labelled outliers (label 1) above inliers (label 0); higher scores mean
 * "more anomalous". Tied scores are handled as scikit-learn does.
 */
public final class RankingMetrics {
    private RankingMetrics() {}

    private static int positives(double[] labels) {
        int p = 0;
        for (double l : labels) {
            if (l != 0.0 && l != 1.0) {
                throw new IllegalArgumentException("labels must be 0 (inlier) or 1 (outlier), found " + l);
            }
            p += l == 1.0 ? 1 : 0;
        }
        return p;
    }

    /**
     * Area under the ROC curve: the probability that a random outlier scores above a random inlier,
     * ties counting one half (the Mann-Whitney U statistic over n_pos * n_neg).
     */
    public static double rocAuc(double[] scores, double[] labels) {
        int pos = positives(labels);
        int neg = labels.length - pos;
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException("ROC AUC needs both outliers and inliers; found " + pos + " and " + neg);
        }
        Integer[] idx = order(scores);
        double rankSumPos = 0;
        int i = 0;
        while (i < idx.length) {
            int j = i;
            while (j + 1 < idx.length && scores[idx[j + 1]] == scores[idx[i]]) {
                j++;
            }
            double avgRank = (i + j) / 2.0 + 1;  // ranks are 1-based, ties share the average
            for (int k = i; k <= j; k++) {
                if (labels[idx[k]] == 1.0) {
                    rankSumPos += avgRank;
                }
            }
            i = j + 1;
        }
        double u = rankSumPos - pos * (pos + 1) / 2.0;
        return u / ((double) pos * neg);
    }

    /**
     * Average precision: sum over distinct score thresholds, from high to low, of
     * (recall_n - recall_{n-1}) * precision_n (scikit-learn's {@code average_precision_score}).
     */
    public static double averagePrecision(double[] scores, double[] labels) {
        int pos = positives(labels);
        if (pos == 0) {
            throw new IllegalArgumentException("average precision needs at least one outlier");
        }
        Integer[] idx = order(scores);
        double ap = 0;
        int tp = 0, seen = 0;
        double lastRecall = 0;
        int i = idx.length - 1;
        while (i >= 0) {
            int j = i;
            while (j - 1 >= 0 && scores[idx[j - 1]] == scores[idx[i]]) {
                j--;
            }
            for (int k = j; k <= i; k++) {
                seen++;
                if (labels[idx[k]] == 1.0) {
                    tp++;
                }
            }
            double recall = (double) tp / pos;
            double precision = (double) tp / seen;
            ap += (recall - lastRecall) * precision;
            lastRecall = recall;
            i = j - 1;
        }
        return ap;
    }

    /** Precision among the k highest scores, k = the number of true outliers (ties broken by row order). */
    public static double precisionAtK(double[] scores, double[] labels) {
        int pos = positives(labels);
        if (pos == 0) {
            throw new IllegalArgumentException("precision at k needs at least one outlier");
        }
        Integer[] idx = order(scores);
        int hits = 0;
        for (int k = 0; k < pos; k++) {
            if (labels[idx[idx.length - 1 - k]] == 1.0) {
                hits++;
            }
        }
        return (double) hits / pos;
    }

    /**
     * The summary of training reconstruction errors a model file keeps: p50, p90, p95, p99 (the default
     * threshold) and max, in that order. One definition for the single-machine and the Spark trainer.
     */
    public static java.util.Map<String, Double> errorSummary(double[] errors) {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("p50", quantile(errors, 0.50));
        m.put("p90", quantile(errors, 0.90));
        m.put("p95", quantile(errors, 0.95));
        m.put("p99", quantile(errors, 0.99));
        m.put("max", quantile(errors, 1.0));
        return m;
    }

    /**
     * How widely values spread, robustly: their interquartile range (not moved by a few outliers), or, where
     * half the values are alike, their standard deviation, or 1 where all are.
     */
    public static double robustSpread(double[] values) {
        double iqr = quantile(values, 0.75) - quantile(values, 0.25);
        if (iqr > 0 && Double.isFinite(iqr)) {
            return iqr;
        }
        double mean = 0, ss = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / values.length);
        return sd > 0 && Double.isFinite(sd) ? sd : 1;
    }

    /** The value below which a fraction q of the scores lie (linear interpolation, numpy's default). */
    public static double quantile(double[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("quantile of no values");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    private static Integer[] order(double[] scores) {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(scores[a], scores[b]));
        return idx;
    }
}
