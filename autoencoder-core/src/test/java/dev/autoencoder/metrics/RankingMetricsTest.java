package dev.autoencoder.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.math.Matrix;
import dev.autoencoder.random.NumpyRandom;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    @Test
    void rocAucAndAveragePrecisionOnAHandWorkedExample() {
        // scores 0.1 0.4 0.35 0.8, labels 0 0 1 1.
        // ROC: pairs (pos, neg): (0.35 > 0.1) (0.35 < 0.4) (0.8 > 0.1) (0.8 > 0.4) -> 3 of 4 = 0.75.
        // AP: ranked 0.8 (pos) P=1 R=.5; 0.4 (neg); 0.35 (pos) P=2/3 R=1 -> .5*1 + .5*2/3 = 0.8333...
        double[] s = {0.1, 0.4, 0.35, 0.8};
        double[] y = {0, 0, 1, 1};
        assertEquals(0.75, RankingMetrics.rocAuc(s, y), 1e-15);
        assertEquals(0.5 + 0.5 * 2.0 / 3.0, RankingMetrics.averagePrecision(s, y), 1e-15);
        // k = 2: the top two are 0.8 (pos) and 0.4 (neg)
        assertEquals(0.5, RankingMetrics.precisionAtK(s, y), 0.0);
    }

    @Test
    void tiesCountHalfInRocAndAreOneThresholdInAveragePrecision() {
        // pos {1, 3}, neg {1, 2}: (1 vs 1) = 1/2, (1 vs 2) = 0, (3 vs 1) = 1, (3 vs 2) = 1 -> 2.5 / 4
        double[] s = {1, 1, 2, 3};
        double[] y = {0, 1, 0, 1};
        assertEquals(0.625, RankingMetrics.rocAuc(s, y), 1e-15);
        // thresholds 3: P=1 R=.5; 2: no new positive; 1: P=2/4 R=1 -> .5 + .5 * .5
        assertEquals(0.75, RankingMetrics.averagePrecision(s, y), 1e-15);
    }

    @Test
    void perfectAndReversedRankings() {
        double[] y = {0, 0, 0, 1, 1};
        assertEquals(1.0, RankingMetrics.rocAuc(new double[] {1, 2, 3, 4, 5}, y), 0.0);
        assertEquals(0.0, RankingMetrics.rocAuc(new double[] {5, 4, 3, 2, 1}, y), 0.0);
        assertEquals(1.0, RankingMetrics.averagePrecision(new double[] {1, 2, 3, 4, 5}, y), 0.0);
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.rocAuc(new double[] {1, 2}, new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.rocAuc(new double[] {1, 2}, new double[] {0, 2}));
    }

    @Test
    void quantileInterpolatesLinearly() {
        double[] v = {4, 1, 3, 2};
        assertEquals(1.0, RankingMetrics.quantile(v, 0), 0.0);
        assertEquals(4.0, RankingMetrics.quantile(v, 1), 0.0);
        assertEquals(2.5, RankingMetrics.quantile(v, 0.5), 0.0);
        assertEquals(3.7, RankingMetrics.quantile(v, 0.9), 1e-15);
    }

    @Test
    void pcaRecoversAPlaneExactlyAndReportsItsVariances() {
        // rows = a u + b v with orthonormal u, v in R^4: two components reconstruct them exactly
        double[] u = {0.5, 0.5, 0.5, 0.5};
        double[] v = {0.5, -0.5, 0.5, -0.5};
        NumpyRandom rng = new NumpyRandom(3);
        Matrix x = new Matrix(200, 4);
        for (int r = 0; r < 200; r++) {
            double a = 3 * rng.gauss(), b = rng.gauss();
            for (int c = 0; c < 4; c++) {
                x.set(r, c, a * u[c] + b * v[c] + 1.0);
            }
        }
        Pca two = Pca.fit(x, 2);
        for (double s : two.score(x)) {
            assertEquals(0.0, s, 1e-20);
        }
        double[] ev = two.explainedVariance();
        assertEquals(9.0, ev[0], 2.0);
        assertEquals(1.0, ev[1], 0.3);
        double[] first = two.components()[0];
        double du = 0, dv = 0;
        for (int c = 0; c < 4; c++) {
            du += first[c] * u[c];
            dv += first[c] * v[c];
        }
        assertEquals(1.0, du * du + dv * dv, 1e-12, "the first component lies in the plane of u and v");
        assertTrue(Math.abs(du) > 0.99, "and points almost along u, the direction of larger variance");
        double[] one = Pca.fit(x, 1).score(x);
        double mean = 0;
        for (double s : one) {
            mean += s / one.length;
        }
        assertEquals(ev[1] * 199 / 200 / 4, mean, 1e-9, "one component leaves the second variance, spread over 4 columns");
    }
}
