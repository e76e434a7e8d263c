package dev.autoencoder.data;

import dev.autoencoder.math.Matrix;
import java.util.List;

/**
 * Numeric rows read from a file: the feature matrix, the names of its columns, and what was kept out
 * of the features but travels with the rows: an id column (text, copied to outputs) and a label
 * column (numbers, for colouring plots and scoring detectors).
 *
 * @param values   (rows x features)
 * @param columns  feature names, one per column of {@code values}
 * @param idName   name of the id column, or null
 * @param ids      one id per row, or null
 * @param labelName name of the label column, or null
 * @param labels   one label per row, or null
 * @param source   where the rows came from, for messages
 */
public record Table(Matrix values, List<String> columns, String idName, List<String> ids, String labelName,
                    double[] labels, String source) {

    public int rows() {
        return values.rows;
    }

    /** The same rows with other values (e.g. reconstructions), keeping ids and labels. */
    public Table withValues(Matrix other, List<String> otherColumns) {
        return new Table(other, otherColumns, idName, ids, labelName, labels, source);
    }

    /** The indices of at most {@code max} of n rows, evenly spaced (all of them when n is no more). */
    public static int[] evenlySpaced(int n, int max) {
        int k = Math.min(n, max);
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) {
            idx[i] = (int) ((long) i * n / k);
        }
        return idx;
    }

    /** The rows at the given indices, in that order. */
    public Table select(int[] index) {
        Matrix m = new Matrix(index.length, values.cols);
        values.gatherRows(index, 0, index.length, m);
        List<String> i2 = ids == null ? null : java.util.Arrays.stream(index).mapToObj(ids::get).toList();
        double[] l2 = labels == null ? null : java.util.Arrays.stream(index).mapToDouble(i -> labels[i]).toArray();
        return new Table(m, columns, idName, i2, labelName, l2, source);
    }
}
