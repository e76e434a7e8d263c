package dev.autoencoder.cli;

import dev.autoencoder.data.DataException;
import dev.autoencoder.data.Table;
import dev.autoencoder.model.Autoencoder;
import java.io.IOException;
import java.util.List;

/** What the commands that apply a model share. */
final class Commands {
    private Commands() {}

    /** Reads the data for a model and checks that its width fits. */
    static Table readFor(Autoencoder m, DataOptions data, java.io.PrintWriter err) throws IOException {
        Table t = data.readFor(m, err);
        if (t.values().cols != m.inputWidth()) {
            throw new DataException("the model expects " + m.inputWidth() + " input columns, " + data.data + " has "
                    + t.values().cols + " (" + abbreviate(t.columns()) + "); select the model's columns with --columns "
                    + "or --exclude-columns");
        }
        return t;
    }

    /**
     * A value that does not survive scaling, as a data error that names the file, the data row (1-based,
     * counting from firstRow; none when rows were shuffled or split) and the column.
     */
    static dev.autoencoder.data.DataException unscalable(dev.autoencoder.data.Scaler.OutOfRange e, Object file,
                                                        List<String> columns, long firstRow) {
        String column = e.column < columns.size() ? "'" + columns.get(e.column) + "'" : Integer.toString(e.column + 1);
        String row = e.row < 0 || firstRow < 0 ? "" : "data row " + (firstRow + e.row + 1) + ", ";
        return new dev.autoencoder.data.DataException(file + ": " + row + "column " + column + ": " + e.getMessage()
                + "; expected values the model can scale: bring the column to a smaller range (other units)");
    }

    static String abbreviate(List<String> names) {
        return names.size() <= 8 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 8)) + ", ... (" + names.size() + " in all)";
    }

    static List<String> labelName(Table t) {
        return t.labels() == null ? List.of() : List.of(t.labelName());
    }

    static List<double[]> labelColumn(Table t) {
        return t.labels() == null ? List.of() : List.<double[]>of(t.labels());
    }

    /**
     * The table's labels as 1 (outlier) and 0 (inlier): with {@code positive}, rows whose label equals it are
     * the outliers; without it, the labels must already be 0 and 1. Checked before any output is written.
     */
    static double[] labels01(Table t, Double positive) {
        double[] l = t.labels();
        double[] out = new double[l.length];
        java.util.TreeSet<Double> seen = new java.util.TreeSet<>();
        for (int i = 0; i < l.length; i++) {
            seen.add(l[i]);
            if (positive != null) {
                out[i] = l[i] == positive ? 1 : 0;
            } else if (l[i] == 0 || l[i] == 1) {
                out[i] = l[i];
            } else {
                throw new dev.autoencoder.data.DataException(t.source() + ", row " + (i + 1) + ": label '" + t.labelName()
                        + "' is " + l[i] + "; expected 0 (inlier) or 1 (outlier); name the outlier class with "
                        + "--positive-label V");
            }
        }
        if (positive != null && !seen.contains(positive)) {
            throw new dev.autoencoder.data.DataException(t.source() + ": no row has label " + positive + " (--positive-label); "
                    + "the labels are " + seen.stream().limit(10).map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
        }
        return out;
    }
}
