package dev.autoencoder.math;

import java.util.Arrays;

/**
 * A dense row-major matrix of doubles: element (r, c) lives at {@code data[r * cols + c]}.
 *
 * <p>Deliberately thin: the toolkit's tables of data (rows in, codes and reconstructions out). The network
 * computes on {@link dev.autoencoder.kernel.Tensor}s, which wrap a matrix's array without copying it.
 */
public final class Matrix {
    public final int rows;
    public final int cols;
    public final double[] data;

    public Matrix(int rows, int cols) {
        this(rows, cols, new double[checkedSize(rows, cols)]);
    }

    /** Wraps {@code data} (not copied); its length must be rows * cols. */
    public Matrix(int rows, int cols, double[] data) {
        if (data.length != checkedSize(rows, cols)) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " matrix needs "
                    + (long) rows * cols + " values, found " + data.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    private static int checkedSize(int rows, int cols) {
        if (rows < 0 || cols < 0 || (long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("matrix shape out of range: " + rows + " x " + cols);
        }
        return rows * cols;
    }

    /** Copies a rectangular array (rows of equal length). */
    public static Matrix of(double[][] values) {
        int r = values.length;
        int c = r == 0 ? 0 : values[0].length;
        Matrix m = new Matrix(r, c);
        for (int i = 0; i < r; i++) {
            if (values[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has " + values[i].length
                        + " values, expected " + c);
            }
            System.arraycopy(values[i], 0, m.data, i * c, c);
        }
        return m;
    }

    public double get(int r, int c) {
        return data[r * cols + c];
    }

    public void set(int r, int c, double v) {
        data[r * cols + c] = v;
    }

    /** A copy of row r. */
    public double[] row(int r) {
        return Arrays.copyOfRange(data, r * cols, (r + 1) * cols);
    }

    /** A copy of column c. */
    public double[] column(int c) {
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            v[i] = data[i * cols + c];
        }
        return v;
    }

    /** A copy as a rectangular array. */
    public double[][] toArray() {
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = row(r);
        }
        return out;
    }

    public Matrix copy() {
        return new Matrix(rows, cols, data.clone());
    }

    /** Rows {@code index[from..to)} gathered into {@code out} (which must have to - from rows). */
    public void gatherRows(int[] index, int from, int to, Matrix out) {
        for (int i = from; i < to; i++) {
            System.arraycopy(data, index[i] * cols, out.data, (i - from) * cols, cols);
        }
    }

    @Override
    public String toString() {
        return "Matrix(" + rows + " x " + cols + ")";
    }
}
