package dev.autoencoder.data;

import dev.autoencoder.math.Matrix;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads numeric tables from CSV with Apache Commons CSV: comma, semicolon or tab (detected from the
 * first line unless given), quoted fields, LF or CRLF, an optional UTF-8 byte-order mark, a header
 * detected or declared, and gzip (by content, so {@code .csv.gz} or not). Every problem is a
 * {@link DataException} naming the file, line and column.
 */
public final class CsvReader {
    private CsvReader() {}

    /** Cells that mean "no value". */
    static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "null", "?", "none");

    /** Reads the whole table. */
    public static Table read(Path path, CsvOptions options) throws IOException {
        try (Rows rows = open(path, options)) {
            DoubleRows values = new DoubleRows(rows.features().length);
            List<String> ids = rows.idIndex() >= 0 ? new ArrayList<>() : null;
            DoubleRows labels = rows.labelIndex() >= 0 ? new DoubleRows(1) : null;
            double[] row = new double[rows.features().length];
            String[] id = new String[1];
            double[] label = new double[1];
            while (rows.next(row, id, label)) {
                values.add(row);
                if (ids != null) {
                    ids.add(id[0]);
                }
                if (labels != null) {
                    labels.add(label);
                }
                if (options.limit() > 0 && values.rows() >= options.limit()) {
                    break;
                }
            }
            if (values.rows() == 0) {
                throw new DataException(path + ": no data rows (found " + (rows.hasHeader() ? "a header only" : "nothing")
                        + "); expected at least one row of numbers");
            }
            Matrix m = values.toMatrix();
            if (options.missing() == CsvOptions.Missing.MEAN) {
                imputeMeans(m, rows.columnNames(), path);
            }
            return new Table(m, rows.columnNames(), rows.idName(), ids, rows.labelName(),
                    labels == null ? null : labels.toMatrix().data, path.toString());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String brokenGzip(Path path, Throwable e) {
        String what = e instanceof java.io.EOFException ? "it ends early" : e.getMessage();
        return path + ": starts like a gzip file but is cut short or corrupt (" + what + "); expected a CSV file, plain or gzip-compressed: check the download or decompress it by hand";
    }

    /** The names of all the file's columns (from its header, or column_1.. without one). */
    public static List<String> allColumnNames(Path path, CsvOptions options) throws IOException {
        try (Rows rows = open(path, options.withColumns(List.of()).withExclude(List.of()).withIdColumn(null)
                .withLabelColumn(null))) {
            return rows.allNames;
        }
    }

    private static void imputeMeans(Matrix m, List<String> names, Path path) {
        for (int c = 0; c < m.cols; c++) {
            double sum = 0;
            int n = 0;
            for (int r = 0; r < m.rows; r++) {
                double v = m.get(r, c);
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
            if (n == 0) {
                throw new DataException(path + ", column '" + names.get(c) + "': every value is missing, so there is "
                        + "no mean to fill in; leave the column out with CsvOptions.exclude " + names.get(c));
            }
            double mean = sum / n;
            for (int r = 0; r < m.rows; r++) {
                if (Double.isNaN(m.get(r, c))) {
                    m.set(r, c, mean);
                }
            }
        }
    }

    /**
     * Opens a CSV file for reading row by row (for streaming through files larger than memory).
     * Missing cells come back as NaN when the policy is MEAN; rows with missing cells are skipped
     * when it is DROP.
     */
    public static Rows open(Path path, CsvOptions options) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException(path + " is a folder; expected a CSV file");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        try {
            raw.mark(4);
            int b0 = raw.read(), b1 = raw.read(), b2 = raw.read();
            raw.reset();
            InputStream in = raw;
            if (b0 == 0x1f && b1 == 0x8b) {
                try {
                    in = new BufferedInputStream(Gunzip.open(raw, path, Files.size(path)), 1 << 16);
                    in.mark(4);
                    b0 = in.read();
                    b1 = in.read();
                    b2 = in.read();
                    in.reset();
                } catch (java.io.EOFException | java.util.zip.ZipException e) {
                    // found by fuzzing: the two gzip magic bytes alone escaped as an I/O error
                    throw new DataException(brokenGzip(path, e));
                }
            }
            if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
                in.skipNBytes(3);
            }
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
            reader.mark(1 << 20);
            char[] probe = new char[8192];
            int n;
            try {
                n = reader.read(probe);
            } catch (CharacterCodingException e) {
                throw new DataException(path + ": looks binary (found bytes that are not UTF-8 text); expected a "
                        + "CSV text file of numbers");
            }
            reader.reset();
            for (int i = 0; i < Math.max(n, 0); i++) {
                if (probe[i] == 0) {
                    throw new DataException(path + ": looks binary (found a zero byte near the start); expected a CSV "
                            + "text file (IDX image files must end in -ubyte or -ubyte.gz)");
                }
            }
            char delimiter = options.delimiter() != 0 ? options.delimiter()
                    : detectDelimiter(n > 0 ? new String(probe, 0, n) : "");
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
                    .setTrim(true).get();
            CSVParser parser = CSVParser.builder().setReader(new LineLimit(reader, path)).setFormat(format).get();
            return new Rows(path, options, parser, delimiter);
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            raw.close(); // a gzip stream cut short or corrupt within the first block read
            throw new DataException(brokenGzip(path, e));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The longest line read, in characters: about a million numbers, far beyond any table's row. */
    public static final int MAX_LINE_CHARS = 1 << 24;

    /**
     * Refuses a line longer than {@link #MAX_LINE_CHARS} as it streams by, before the parser builds it in
     * memory: a 1.5 GB "field" in a small .gz is one line, and ends here rather than in an OutOfMemoryError.
     */
    private static final class LineLimit extends java.io.FilterReader {
        private final Path path;
        private long sinceNewline;
        private long line = 1;

        LineLimit(java.io.Reader in, Path path) {
            super(in);
            this.path = path;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            count(c);
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            for (int i = 0; i < n; i++) {
                count(buf[off + i]);
            }
            return n;
        }

        private void count(int c) {
            if (c == '\n') {
                sinceNewline = 0;
                line++;
            } else if (c >= 0 && ++sinceNewline > MAX_LINE_CHARS) {
                throw new DataException(path + ", line " + line + ": longer than " + MAX_LINE_CHARS + " characters; "
                        + "expected rows of numbers (is this a CSV file?)");
            }
        }
    }

    /** The most frequent of ',', ';' and tab outside quotes on the first non-empty line (comma if none). */
    static char detectDelimiter(String start) {
        String line = start.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        int comma = 0, semi = 0, tab = 0;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == ',') {
                    comma++;
                } else if (c == ';') {
                    semi++;
                } else if (c == '\t') {
                    tab++;
                }
            }
        }
        if (tab > comma && tab > semi) {
            return '\t';
        }
        if (semi > comma) {
            return ';';
        }
        return ',';
    }

    /**
     * A decimal number as CSV files write them: sign, digits with an optional point, an optional exponent
     * ({@code [+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?}). Not Java's extras (hex floats such as 0x1p3,
     * the suffixes f and d), which no CSV writer emits. A scan, not a regular expression: it runs once per cell.
     */
    static boolean isNumber(String s) {
        int i = 0, n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        for (; i < n && isDigit(s.charAt(i)); i++) {
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            for (i++; i < n && isDigit(s.charAt(i)); i++) {
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            for (; i < n && isDigit(s.charAt(i)); i++) {
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A CSV file being read row by row; call {@link #next} until it returns false. */
    public static final class Rows implements AutoCloseable {
        private final Path path;
        private final CsvOptions options;
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final int width;
        private final boolean hasHeader;
        private final List<String> allNames;
        private final int[] features;
        private final int idIndex;
        private final int labelIndex;
        private CSVRecord pending;

        Rows(Path path, CsvOptions options, CSVParser parser, char delimiter) {
            this.path = path;
            this.options = options;
            this.parser = parser;
            this.records = parser.iterator();
            CSVRecord first = nextRecord();
            if (first == null) {
                throw new DataException(path + ": the file is empty; expected a header or rows of numbers");
            }
            width = first.size();
            boolean header = switch (options.header()) {
                case YES -> true;
                case NO -> false;
                // a header is a first row with a cell that is neither a number nor a missing-value mark
                case AUTO -> first.stream().anyMatch(c -> !isNumber(c) && !MISSING.contains(c.toLowerCase(Locale.ROOT))
                        && !c.toLowerCase(Locale.ROOT).matches("[+-]?(inf|infinity)"));
            };
            hasHeader = header;
            List<String> names = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                names.add(header ? first.get(i) : "column_" + (i + 1));
            }
            Set<String> seen = new HashSet<>();
            for (String nm : names) {
                if (!seen.add(nm)) {
                    throw new DataException(path + ", line 1: the column name '" + nm + "' appears twice; expected "
                            + "unique names (or set CsvOptions.header to NO)");
                }
            }
            allNames = names;
            if (!header) {
                pending = first;
            }
            idIndex = options.idColumn() == null ? -1 : resolve(options.idColumn(), "CsvOptions.idColumn");
            labelIndex = options.labelColumn() != null ? resolve(options.labelColumn(), "CsvOptions.labelColumn")
                    : header && options.columns().isEmpty() ? impliedLabel(names) : -1;
            Set<Integer> excluded = new HashSet<>();
            for (String e : options.exclude()) {
                excluded.add(resolve(e, "CsvOptions.exclude"));
            }
            LinkedHashSet<Integer> chosen = new LinkedHashSet<>();
            if (options.columns().isEmpty()) {
                for (int i = 0; i < width; i++) {
                    chosen.add(i);
                }
            } else {
                for (String c : options.columns()) {
                    chosen.add(resolve(c, "CsvOptions.columns"));
                }
            }
            chosen.removeAll(excluded);
            chosen.remove(idIndex);
            if (options.columns().isEmpty()) {
                chosen.remove(labelIndex); // named explicitly in --columns, the label is a feature too
            }
            if (chosen.isEmpty()) {
                throw new DataException(path + ": no feature columns left after --columns, --exclude-columns, "
                        + "--id-column and --label-column; the file has " + allNames);
            }
            features = chosen.stream().mapToInt(Integer::intValue).toArray();
            if (width == 1 && delimiter == ',') {
                // one column is legitimate, but usually means a delimiter this reader did not expect
                String only = allNames.get(0);
                if (only.contains(" ") || only.contains("|") || only.contains(":")) {
                    throw new DataException(path + ": found a single column '" + only + "'; expected values separated "
                            + "by comma, semicolon or tab; convert the file or name the delimiter with CsvOptions.delimiter");
                }
            }
        }

        /**
         * Without a named label column, a column called "label" (any case) is the label: kept out of the
         * features, so that a model never learns the answer it is later scored against.
         */
        private static int impliedLabel(List<String> names) {
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equalsIgnoreCase("label")) {
                    return i;
                }
            }
            return -1;
        }

        private CSVRecord nextRecord() {
            try {
                return records.hasNext() ? records.next() : null;
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CharacterCodingException) {
                    throw new DataException(path + ", near line " + parser.getCurrentLineNumber()
                            + ": not UTF-8 text; expected a CSV file of numbers");
                }
                if (e.getCause() instanceof java.io.EOFException || e.getCause() instanceof java.util.zip.ZipException) {
                    throw new DataException(brokenGzip(path, e.getCause()));
                }
                if (e.getCause() instanceof org.apache.commons.csv.CSVException) {
                    // found by fuzzing: an unterminated quote is malformed data, not an I/O failure
                    throw new DataException(path + ", near line " + parser.getCurrentLineNumber() + ": malformed CSV ("
                            + e.getCause().getMessage() + "); check the quotes on that line");
                }
                throw e;
            } catch (IllegalStateException e) {
                throw new DataException(path + ", near line " + parser.getCurrentLineNumber() + ": malformed CSV ("
                        + e.getMessage() + "); check the quotes on that line");
            }
        }

        private int resolve(String spec, String option) {
            String s = spec.trim();
            int byName = allNames.indexOf(s);
            if (byName >= 0) {
                return byName;
            }
            try {
                int i = Integer.parseInt(s);
                if (i >= 1 && i <= width) {
                    return i - 1;
                }
                throw new DataException(path + ": " + option + " " + s + " is out of range; the file has " + width
                        + " columns (numbered from 1)");
            } catch (NumberFormatException e) {
                throw new DataException(path + ": " + option + " names a column '" + s + "' the file does not have; "
                        + "its columns are " + allNames);
            }
        }

        /** Names of the feature columns, in order. */
        public List<String> columnNames() {
            return Arrays.stream(features).mapToObj(allNames::get).toList();
        }

        public int[] features() {
            return features;
        }

        public int idIndex() {
            return idIndex;
        }

        public int labelIndex() {
            return labelIndex;
        }

        public String idName() {
            return idIndex < 0 ? null : allNames.get(idIndex);
        }

        public String labelName() {
            return labelIndex < 0 ? null : allNames.get(labelIndex);
        }

        public boolean hasHeader() {
            return hasHeader;
        }

        /**
         * Reads the next row's features into {@code row} (and its id and label); false at the end.
         * Rows with a missing feature are skipped under DROP.
         */
        public boolean next(double[] row, String[] id, double[] label) {
            while (true) {
                CSVRecord r = pending != null ? pending : nextRecord();
                pending = null;
                if (r == null) {
                    return false;
                }
                long line = parser.getCurrentLineNumber();
                if (r.size() != width) {
                    throw new DataException(path + ", line " + line + ": found " + r.size() + " fields, expected "
                            + width + " like the first row; check the delimiter and quotes on that line");
                }
                boolean missing = false;
                for (int k = 0; k < features.length; k++) {
                    int c = features[k];
                    double v = parse(r.get(c), line, c);
                    if (Double.isNaN(v)) {
                        if (options.missing() == CsvOptions.Missing.ERROR) {
                            throw new DataException(where(line, c) + ": the value is missing ('" + r.get(c)
                                    + "'); fill it in, or set CsvOptions.missing to DROP (leave such rows out) or MEAN");
                        }
                        missing = true;
                    }
                    row[k] = v;
                }
                if (missing && options.missing() == CsvOptions.Missing.DROP) {
                    continue;
                }
                if (idIndex >= 0) {
                    id[0] = r.get(idIndex);
                }
                if (labelIndex >= 0) {
                    double v = parse(r.get(labelIndex), line, labelIndex);
                    if (Double.isNaN(v)) {
                        throw new DataException(where(line, labelIndex) + ": the label is missing; every row needs one");
                    }
                    label[0] = v;
                }
                return true;
            }
        }

        private String where(long line, int col) {
            return path + ", line " + line + ", column " + (col + 1) + " '" + allNames.get(col) + "'";
        }

        /** A number, NaN for a missing cell; anything else is an error. */
        private double parse(String cell, long line, int col) {
            if (MISSING.contains(cell.toLowerCase(Locale.ROOT))) {
                return Double.NaN;
            }
            double v;
            try {
                if (!isNumber(cell) && !cell.toLowerCase(Locale.ROOT).contains("inf")) {
                    throw new NumberFormatException();
                }
                v = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new DataException(where(line, col) + ": expected a number, found '" + abbreviate(cell)
                        + "'; fix the cell or leave the column out with CsvOptions.exclude " + allNames.get(col));
            }
            if (v == 0 && mantissaNonZero(cell)) {
                // as 1e400 is refused rather than read as infinity, 1e-400 is refused rather than read as 0
                throw new DataException(where(line, col) + ": found '" + abbreviate(cell) + "', which is too close to "
                        + "zero for a double (under 4.9e-324); expected a number a double can hold");
            }
            if (Double.isInfinite(v)) {
                throw new DataException(where(line, col) + ": found '" + abbreviate(cell) + "', which is "
                        + (cell.toLowerCase(Locale.ROOT).contains("inf") ? "infinite" : "beyond the range of a double")
                        + "; expected a finite number");
            }
            if (Double.isNaN(v) || !isNumber(cell)) {
                throw new DataException(where(line, col) + ": expected a number, found '" + abbreviate(cell) + "'");
            }
            return v;
        }

        /** Whether the digits before any exponent include a non-zero one (so the value is not really zero). */
        private static boolean mantissaNonZero(String cell) {
            int e = Math.max(cell.indexOf('e'), cell.indexOf('E'));
            String m = e < 0 ? cell : cell.substring(0, e);
            return m.chars().anyMatch(ch -> ch >= '1' && ch <= '9');
        }

        private static String abbreviate(String s) {
            return s.length() > 40 ? s.substring(0, 37) + "..." : s;
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }

    /** A growable row-major array of doubles. */
    static final class DoubleRows {
        private final int cols;
        private double[] data = new double[1024];
        private int size;

        DoubleRows(int cols) {
            this.cols = cols;
        }

        void add(double[] row) {
            if (size + cols > data.length) {
                long grown = Math.max((long) data.length * 2, size + cols);
                if (grown > Integer.MAX_VALUE - 8) {
                    throw new DataException("the table is too large to hold in memory (over 2^31 values)");
                }
                data = Arrays.copyOf(data, (int) grown);
            }
            System.arraycopy(row, 0, data, size, cols);
            size += cols;
        }

        int rows() {
            return cols == 0 ? 0 : size / cols;
        }

        Matrix toMatrix() {
            return new Matrix(rows(), cols, Arrays.copyOf(data, size));
        }
    }

}
