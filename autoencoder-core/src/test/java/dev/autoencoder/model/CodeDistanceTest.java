package dev.autoencoder.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.math.Matrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The code distance against closed forms: a 1-D z-score squared, and a 2 x 2 covariance inverted by hand. */
class CodeDistanceTest {

    @Test
    void oneDimensionalDistanceIsTheSquaredZScore() {
        double[] z = {1, 2, 3, 4, 10};
        Matrix codes = new Matrix(5, 1, z.clone());
        CodeDistance cd = CodeDistance.fit(codes, new double[] {1, 2, 3, 4, 5});
        double mean = 4, variance = (9 + 4 + 1 + 0 + 36) / 5.0; // population variance
        double ridged = variance + 1e-6 * variance + 1e-12;
        assertEquals(mean, cd.mean()[0], 1e-15);
        double[] d = cd.distances(new Matrix(2, 1, new double[] {4, 7}));
        assertEquals(0, d[0], 0.0);
        assertEquals(9 / ridged, d[1], 1e-12);
        // the error scale is the errors' interquartile range: quantiles 2 and 4 (linear interpolation)
        assertEquals(2, cd.errorScale(), 1e-12);
    }

    @Test
    void twoDimensionalDistanceUsesTheInverseCovariance() {
        Random r = new Random(3);
        int n = 400;
        Matrix codes = new Matrix(n, 2);
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian(), b = r.nextGaussian();
            codes.set(i, 0, 2 + 3 * a);
            codes.set(i, 1, -1 + a + 0.5 * b); // correlated with the first
        }
        double m0 = 0, m1 = 0;
        for (int i = 0; i < n; i++) {
            m0 += codes.get(i, 0) / n;
            m1 += codes.get(i, 1) / n;
        }
        double s00 = 0, s01 = 0, s11 = 0;
        for (int i = 0; i < n; i++) {
            double a = codes.get(i, 0) - m0, b = codes.get(i, 1) - m1;
            s00 += a * a / n;
            s01 += a * b / n;
            s11 += b * b / n;
        }
        double ridge = 1e-6 * (s00 + s11) / 2 + 1e-12;
        double r00 = s00 + ridge, r11 = s11 + ridge;
        double det = r00 * r11 - s01 * s01;
        CodeDistance cd = CodeDistance.fit(codes, new double[n]);
        double[] probe = {5, 3};
        double a = probe[0] - m0, b = probe[1] - m1;
        double expected = (r11 * a * a - 2 * s01 * a * b + r00 * b * b) / det;
        assertEquals(expected, cd.distances(new Matrix(1, 2, probe))[0], 1e-9 * expected);
        // the training rows' distances average to trace(R^-1 S), R = S + ridge: the code width, less the ridge's share
        double mean = 0;
        for (double d : cd.distances(codes)) {
            mean += d / n;
        }
        assertEquals((r11 * s00 - 2 * s01 * s01 + r00 * s11) / det, mean, 1e-9);
        assertEquals(2, mean, 1e-4);
        // all-equal errors have no spread: the scale falls back to 1
        assertEquals(1, cd.errorScale(), 0.0);
    }

    @Test
    void badShapesAndValuesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CodeDistance(new double[] {0, 0}, new double[] {1, 0, 0}, 1, 1));
        assertTrue(e.getMessage().contains("k x k inverse covariance"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new CodeDistance(new double[] {0}, new double[] {1}, 0, 1));
        assertTrue(e.getMessage().contains("positive finite scales"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new CodeDistance(new double[] {Double.NaN}, new double[] {1}, 1, 1));
        assertTrue(e.getMessage().contains("code mean"), e.getMessage());
        CodeDistance cd = new CodeDistance(new double[] {0}, new double[] {1}, 1, 1);
        e = assertThrows(IllegalArgumentException.class, () -> cd.distances(new Matrix(1, 2)));
        assertTrue(e.getMessage().contains("codes are 2 wide"), e.getMessage());
    }
}
