package dev.autoencoder.metrics;

import dev.autoencoder.math.Matrix;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Principal component analysis, the linear baseline an autoencoder must beat: centre the rows, take
 * the top-k eigenvectors of the covariance matrix (EJML's symmetric eigen-decomposition), and
 * reconstruct each row from its k coordinates. A linear autoencoder with MSE loss can at best match it.
 */
public final class Pca {
    private final double[] mean;
    private final double[][] components;   // k x d, unit vectors, by decreasing variance
    private final double[] explained;

    private Pca(double[] mean, double[][] components, double[] explained) {
        this.mean = mean;
        this.components = components;
        this.explained = explained;
    }

    /** A fitted PCA from its parts (as a model file stores them): the centre, unit components and their variances. */
    public static Pca of(double[] mean, double[][] components, double[] variances) {
        if (components.length != variances.length || components.length == 0) {
            throw new IllegalArgumentException("PCA needs one variance per component and at least one component; found "
                    + components.length + " components and " + variances.length + " variances");
        }
        double[][] c = new double[components.length][];
        for (int i = 0; i < c.length; i++) {
            if (components[i].length != mean.length) {
                throw new IllegalArgumentException("PCA component " + (i + 1) + " has " + components[i].length
                        + " values; the centre has " + mean.length);
            }
            c[i] = components[i].clone();
        }
        return new Pca(mean.clone(), c, variances.clone());
    }

    /** The centre the components are measured from. */
    public double[] mean() {
        return mean.clone();
    }

    /** The mean of each column of x. */
    public static double[] columnMeans(Matrix x) {
        double[] mean = new double[x.cols];
        for (int r = 0; r < x.rows; r++) {
            for (int c = 0; c < x.cols; c++) {
                mean[c] += x.get(r, c);
            }
        }
        for (int c = 0; c < x.cols; c++) {
            mean[c] /= x.rows;
        }
        return mean;
    }

    /** The columns' covariance about {@code mean}: the sum of centred products over {@code divisor} (n or n - 1). */
    public static DMatrixRMaj covariance(Matrix x, double[] mean, int divisor) {
        int n = x.rows, d = x.cols;
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        double[] row = new double[d];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                row[c] = x.get(r, c) - mean[c];
            }
            for (int a = 0; a < d; a++) {
                double ra = row[a];
                if (ra == 0) {
                    continue;
                }
                for (int b = a; b < d; b++) {
                    cov.data[a * d + b] += ra * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                double v = cov.data[a * d + b] / divisor;
                cov.data[a * d + b] = v;
                cov.data[b * d + a] = v;
            }
        }
        return cov;
    }

    public static Pca fit(Matrix x, int k) {
        int n = x.rows, d = x.cols;
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("PCA components must be in 1.." + d + ", found " + k);
        }
        double[] mean = columnMeans(x);
        DMatrixRMaj cov = covariance(x, mean, Math.max(1, n - 1));
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(cov)) {
            throw new IllegalStateException("PCA: the eigen-decomposition did not converge");
        }
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
        double[][] comps = new double[k][d];
        double[] explained = new double[k];
        for (int i = 0; i < k; i++) {
            DMatrixRMaj v = eig.getEigenVector(order[i]);
            double norm = 0;
            for (int c = 0; c < d; c++) {
                norm += v.data[c] * v.data[c];
            }
            norm = Math.sqrt(norm);
            for (int c = 0; c < d; c++) {
                comps[i][c] = v.data[c] / norm;
            }
            explained[i] = eig.getEigenvalue(order[i]).real;
        }
        return new Pca(mean, comps, explained);
    }

    /** Reconstructions from the top k components: mean + sum_i (x - mean) . v_i v_i. */
    public Matrix reconstruct(Matrix x) {
        int d = mean.length;
        Matrix out = new Matrix(x.rows, d);
        double[] centred = new double[d];
        for (int r = 0; r < x.rows; r++) {
            for (int c = 0; c < d; c++) {
                centred[c] = x.get(r, c) - mean[c];
                out.data[r * d + c] = mean[c];
            }
            for (double[] v : components) {
                double t = 0;
                for (int c = 0; c < d; c++) {
                    t += centred[c] * v[c];
                }
                for (int c = 0; c < d; c++) {
                    out.data[r * d + c] += t * v[c];
                }
            }
        }
        return out;
    }

    /** Per-row mean squared reconstruction error. */
    public double[] score(Matrix x) {
        return dev.autoencoder.nn.Loss.MSE.perSample(reconstruct(x), x);
    }

    /** Variances along the kept components, largest first. */
    public double[] explainedVariance() {
        return explained.clone();
    }

    public double[][] components() {
        double[][] c = new double[components.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = components[i].clone();
        }
        return c;
    }
}
