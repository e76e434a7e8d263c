package dev.autoencoder.kernel;

import dev.autoencoder.math.Matrix;
import java.util.Arrays;

/**
 * Storage only: a (rows x cols) row-major array of float64 or float32 values. The arithmetic lives in
 * {@link Ops}; this class holds the numbers and converts between precisions. A vector is a 1-row tensor.
 *
 * <p>Exactly one of the two arrays is present: {@link #doubles()} for float64, {@link #floats()} for float32.
 */
public final class Tensor {
    public final int rows;
    public final int cols;
    private final double[] d;
    private final float[] f;

    private Tensor(int rows, int cols, double[] d, float[] f) {
        int length = d != null ? d.length : f.length;
        if (rows < 0 || cols < 0 || (long) rows * cols != length) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " tensor needs " + (long) rows * cols
                    + " values, found " + length);
        }
        this.rows = rows;
        this.cols = cols;
        this.d = d;
        this.f = f;
    }

    /** A tensor of zeros. */
    public static Tensor zeros(Precision p, int rows, int cols) {
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " tensor is too large for one array");
        }
        return p == Precision.FLOAT64 ? new Tensor(rows, cols, new double[(int) size], null)
                : new Tensor(rows, cols, null, new float[(int) size]);
    }

    /** A float64 tensor over {@code data} (shared, not copied). */
    public static Tensor wrap(int rows, int cols, double[] data) {
        return new Tensor(rows, cols, data, null);
    }

    /** A float32 tensor over {@code data} (shared, not copied). */
    public static Tensor wrap(int rows, int cols, float[] data) {
        return new Tensor(rows, cols, null, data);
    }

    /** A float64 tensor sharing the matrix's array. */
    public static Tensor wrap(Matrix m) {
        return new Tensor(m.rows, m.cols, m.data, null);
    }

    /** The matrix in precision p: shared when p is float64, converted (rounded) otherwise. */
    public static Tensor of(Matrix m, Precision p) {
        return p == Precision.FLOAT64 ? wrap(m) : wrap(m.rows, m.cols, toFloats(m.data));
    }

    public Precision precision() {
        return d != null ? Precision.FLOAT64 : Precision.FLOAT32;
    }

    /** The float64 array (shared). */
    public double[] doubles() {
        if (d == null) {
            throw new IllegalStateException("a float32 tensor has no double array");
        }
        return d;
    }

    /** The float32 array (shared). */
    public float[] floats() {
        if (f == null) {
            throw new IllegalStateException("a float64 tensor has no float array");
        }
        return f;
    }

    public int size() {
        return rows * cols;
    }

    /** Element i in row-major order, widened to double. */
    public double get(int i) {
        return d != null ? d[i] : f[i];
    }

    /** Sets element i (rounded to float in float32). */
    public void set(int i, double v) {
        if (d != null) {
            d[i] = v;
        } else {
            f[i] = (float) v;
        }
    }

    public void fill(double v) {
        if (d != null) {
            Arrays.fill(d, v);
        } else {
            Arrays.fill(f, (float) v);
        }
    }

    /** Copies the values of a tensor of the same size and precision. */
    public void copyFrom(Tensor other) {
        if (other.size() != size() || other.precision() != precision()) {
            throw new IllegalArgumentException("cannot copy " + other + " into " + this);
        }
        if (d != null) {
            System.arraycopy(other.d, 0, d, 0, d.length);
        } else {
            System.arraycopy(other.f, 0, f, 0, f.length);
        }
    }

    /** Sets every element from doubles (rounded in float32). */
    public void setAll(double[] values) {
        if (values.length != size()) {
            throw new IllegalArgumentException(values.length + " values for " + this);
        }
        if (d != null) {
            System.arraycopy(values, 0, d, 0, d.length);
        } else {
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
        }
    }

    /** The values as a new double array (exact: every float is a double). */
    public double[] toDoubles() {
        if (d != null) {
            return d.clone();
        }
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    /** A copy in precision p. */
    public Tensor to(Precision p) {
        Tensor t = zeros(p, rows, cols);
        t.setAll(d != null ? d : toDoubles());
        return t;
    }

    /** A copy. */
    public Tensor copy() {
        return d != null ? new Tensor(rows, cols, d.clone(), null) : new Tensor(rows, cols, null, f.clone());
    }

    /** The values as a float64 matrix: shared in float64, a widened copy in float32. */
    public Matrix toMatrix() {
        return new Matrix(rows, cols, d != null ? d : toDoubles());
    }

    static float[] toFloats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    @Override
    public String toString() {
        return precision().id() + "[" + rows + " x " + cols + "]";
    }
}
