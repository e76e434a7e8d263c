package dev.autoencoder.data;

import java.util.List;

/**
 * How to read a CSV file.
 *
 * @param delimiter  ',' ';' or '\t'; 0 to detect from the first line
 * @param header     {@link Header#AUTO} treats the first row as names when any of its cells is not a number
 * @param columns    feature columns by name or 1-based index; empty for all (minus id, label, excluded)
 * @param exclude    columns to leave out, by name or 1-based index
 * @param idColumn   a column carried to outputs but not trained on, or null
 * @param labelColumn a numeric column for colouring and scoring; kept out of the features unless
 *                   {@code columns} names it; null means a column called "label" (any case), if the header
 *                   has one and {@code columns} is empty
 * @param missing    what to do with empty or NA cells
 * @param limit      read at most this many data rows (0: all)
 */
public record CsvOptions(char delimiter, Header header, List<String> columns, List<String> exclude,
                         String idColumn, String labelColumn, Missing missing, int limit) {

    public static final CsvOptions DEFAULTS = new CsvOptions((char) 0, Header.AUTO, List.of(), List.of(), null, null,
            Missing.ERROR, 0);

    /** Whether the first row holds column names. */
    public enum Header { AUTO, YES, NO }

    /** What a missing cell (empty, NA, NaN, null, ?) means. */
    public enum Missing {
        /** stop with a message naming the file, line and column */
        ERROR,
        /** leave out every row with a missing feature */
        DROP,
        /** replace by the column's mean over the rows that have a value */
        MEAN
    }

    public CsvOptions withColumns(List<String> c) {
        return new CsvOptions(delimiter, header, c, exclude, idColumn, labelColumn, missing, limit);
    }

    public CsvOptions withExclude(List<String> e) {
        return new CsvOptions(delimiter, header, columns, e, idColumn, labelColumn, missing, limit);
    }

    public CsvOptions withIdColumn(String id) {
        return new CsvOptions(delimiter, header, columns, exclude, id, labelColumn, missing, limit);
    }

    public CsvOptions withLabelColumn(String l) {
        return new CsvOptions(delimiter, header, columns, exclude, idColumn, l, missing, limit);
    }

    public CsvOptions withMissing(Missing m) {
        return new CsvOptions(delimiter, header, columns, exclude, idColumn, labelColumn, m, limit);
    }

    public CsvOptions withHeader(Header h) {
        return new CsvOptions(delimiter, h, columns, exclude, idColumn, labelColumn, missing, limit);
    }

    public CsvOptions withDelimiter(char d) {
        return new CsvOptions(d, header, columns, exclude, idColumn, labelColumn, missing, limit);
    }

    public CsvOptions withLimit(int n) {
        return new CsvOptions(delimiter, header, columns, exclude, idColumn, labelColumn, missing, n);
    }
}
