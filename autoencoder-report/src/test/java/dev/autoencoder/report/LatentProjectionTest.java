package dev.autoencoder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autoencoder.math.Matrix;
import dev.autoencoder.metrics.Pca;
import org.junit.jupiter.api.Test;

/** Codes wider than 2 are drawn by their first two principal components. */
class LatentProjectionTest {

    @Test
    void pointsOnAPlaneKeepTheirDistancesInTheProjection() {
        // 3-D points on the plane spanned by u = (1, 2, 2)/3 and w = (2, 1, -2)/3 (orthonormal), at (s, t)
        double[][] st = {{-3, 0.5}, {-1, -1}, {0, 0.2}, {2, 1.5}, {4, -0.7}, {1, -2}};
        Matrix x = new Matrix(st.length, 3);
        for (int r = 0; r < st.length; r++) {
            double s = st[r][0], t = st[r][1];
            x.set(r, 0, 5 + (s * 1 + t * 2) / 3);
            x.set(r, 1, -1 + (s * 2 + t * 1) / 3);
            x.set(r, 2, 2 + (s * 2 - t * 2) / 3);
        }
        Matrix p = TrainReport.project(x, Pca.fit(x, 2));
        // a projection onto the plane itself: every pairwise distance is kept
        for (int a = 0; a < st.length; a++) {
            for (int b = 0; b < st.length; b++) {
                double want = Math.hypot(st[a][0] - st[b][0], st[a][1] - st[b][1]);
                double got = Math.hypot(p.get(a, 0) - p.get(b, 0), p.get(a, 1) - p.get(b, 1));
                assertEquals(want, got, 1e-9, a + "-" + b);
            }
        }
        // and the coordinates are centred
        double m0 = 0, m1 = 0;
        for (int r = 0; r < p.rows; r++) {
            m0 += p.get(r, 0);
            m1 += p.get(r, 1);
        }
        assertEquals(0, m0, 1e-9);
        assertEquals(0, m1, 1e-9);
    }
}
