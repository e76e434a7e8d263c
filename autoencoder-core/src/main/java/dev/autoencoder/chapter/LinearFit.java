package dev.autoencoder.chapter;

/**
 * Least squares of y on x (y = intercept + slope * x) and Pearson's r, from centred sums:
 * slope = Sxy / Sxx, intercept = mean(y) - slope * mean(x), r = Sxy / sqrt(Sxx Syy).
 */
public record LinearFit(double slope, double intercept, double r) {
    public static LinearFit of(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("a line fit needs two arrays of equal length >= 2");
        }
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx, dy = y[i] - my;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        double slope = sxy / sxx;
        return new LinearFit(slope, my - slope * mx, sxy / Math.sqrt(sxx * syy));
    }
}
