package dev.autoencoder.cli;

import dev.autoencoder.data.CsvOptions;
import dev.autoencoder.data.CsvReader;
import dev.autoencoder.data.DataSources;
import dev.autoencoder.data.IdxReader;
import dev.autoencoder.data.Table;
import dev.autoencoder.model.Autoencoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** How to read the input table: shared by train, encode, reconstruct and score. */
final class DataOptions {

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "CSV (comma, semicolon or tab; .gz read transparently), a NumPy array (*.npy) or IDX "
                    + "images (*-ubyte[.gz]); "
                    + "'-' for standard input; pipes and <(command) work too.")
    Path data;

    /** The most bytes read from a pipe, standard input or a device before it is refused. */
    static final long MAX_STREAM_BYTES = 2_000_000_000L;

    private Path source;

    /**
     * The file to read {@code --data} from: itself when it is a regular file; otherwise (a pipe, {@code <(cmd)},
     * standard input as "-", a device) its bytes copied once to a temporary file, refused beyond
     * {@link #MAX_STREAM_BYTES}, so that every later pass (the header, the rows, the checksum) reads the same bytes.
     */
    Path source() throws IOException {
        if (source == null) {
            source = spooled(data);
        }
        return source;
    }

    static Path spooled(Path file) throws IOException {
        boolean stdin = file.toString().equals("-");
        if (!stdin && (!java.nio.file.Files.exists(file) || java.nio.file.Files.isRegularFile(file)
                || java.nio.file.Files.isDirectory(file))) {
            return file; // a regular file, or a missing one or a folder, which the reader reports
        }
        String name = stdin ? "stdin" : String.valueOf(file.getFileName());
        Path tmp = null;
        try (java.io.InputStream in = stdin ? System.in : java.nio.file.Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n = in.readNBytes(buf, 0, buf.length);
            if (binary(buf, n, name)) {
                throw new dev.autoencoder.data.DataException(file + ": binary data (a NUL byte near the start); "
                        + "expected CSV text, gzip, IDX images from a file named *-ubyte, or a .npy array");
            }
            // a NumPy array keeps its kind whatever the stream was called
            String suffix = dev.autoencoder.data.Npy.startsLikeNpy(buf, n) && DataSources.isCsv(Path.of(name)) ? ".npy" : "";
            tmp = java.nio.file.Files.createTempFile("autoencoder-", "-" + name + suffix);
            tmp.toFile().deleteOnExit();
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(tmp)) {
                long total = 0;
                while (n > 0) {
                    total += n;
                    if (total > MAX_STREAM_BYTES) {
                        throw new dev.autoencoder.data.DataException(file + ": more than " + MAX_STREAM_BYTES + " bytes "
                                + "from a stream; expected a table that ends (write it to a file, or read fewer rows at "
                                + "the source)");
                    }
                    out.write(buf, 0, n);
                    n = in.read(buf);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (tmp != null) {
                java.nio.file.Files.deleteIfExists(tmp);
            }
            throw e;
        }
        return tmp;
    }

    /** A NUL byte in the first block of what is not gzip nor an IDX file: /dev/zero, say, or an executable. */
    private static boolean binary(byte[] b, int n, String name) {
        if (n >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b || !DataSources.isCsv(Path.of(name))
                || dev.autoencoder.data.Npy.startsLikeNpy(b, n)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }

    @Option(names = "--columns", split = ",", paramLabel = "COL",
            description = "Feature columns by name or 1-based index (default: all but id, label and excluded).")
    List<String> columns = List.of();

    @Option(names = "--exclude-columns", split = ",", paramLabel = "COL", description = "Columns to leave out.")
    List<String> exclude = List.of();

    @Option(names = "--id-column", paramLabel = "COL",
            description = "A column carried to outputs but not trained on.")
    String idColumn;

    @Option(names = "--label-column", paramLabel = "COL",
            description = "A numeric column kept out of the features: colours the latent plot; with score, 1 = outlier.")
    String labelColumn;

    @Option(names = "--labels", paramLabel = "FILE", description = "Labels from an IDX label file (idx1-ubyte).")
    Path labelsFile;

    @Option(names = "--header", paramLabel = "auto|yes|no", description = "Whether the first row names the columns "
            + "(default: auto, yes when any cell of it is not a number).")
    String header = "auto";

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "',' ';' or 'tab' (default: detected).")
    String delimiter;

    @Option(names = "--missing", paramLabel = "error|drop|mean",
            description = "Empty or NA cells: stop with an error (default), drop the row, or use the column mean.")
    String missing = "error";

    @Option(names = "--limit", paramLabel = "N", description = "Read at most N rows.")
    int limit;

    CsvOptions csvOptions() {
        CsvOptions.Header h = switch (header.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> CsvOptions.Header.AUTO;
            case "yes", "true" -> CsvOptions.Header.YES;
            case "no", "false" -> CsvOptions.Header.NO;
            default -> throw new IllegalArgumentException("--header must be auto, yes or no, found '" + header + "'");
        };
        CsvOptions.Missing m = switch (missing.toLowerCase(java.util.Locale.ROOT)) {
            case "error" -> CsvOptions.Missing.ERROR;
            case "drop" -> CsvOptions.Missing.DROP;
            case "mean" -> CsvOptions.Missing.MEAN;
            default -> throw new IllegalArgumentException("--missing must be error, drop or mean, found '" + missing + "'");
        };
        char d = 0;
        if (delimiter != null) {
            d = switch (delimiter) {
                case ",", "comma" -> ',';
                case ";", "semicolon" -> ';';
                case "tab", "\\t", "\t" -> '\t';
                default -> throw new IllegalArgumentException("--delimiter must be ',', ';' or 'tab', found '"
                        + delimiter + "'");
            };
        }
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must be 0 (all) or more, found " + limit);
        }
        return new CsvOptions(d, h, columns, exclude, idColumn, labelColumn, m, limit);
    }

    /**
     * The reading options for a model's data: without --columns, a CSV whose header has every one of
     * the model's columns is read by those names, so files with extra columns (ids, labels) just work.
     */
    CsvOptions optionsFor(Path file, List<String> modelColumns) throws IOException {
        CsvOptions o = csvOptions();
        if (modelColumns == null || !columns.isEmpty() || !DataSources.isCsv(file)
                || !java.nio.file.Files.isRegularFile(file)) {
            return o;
        }
        return CsvReader.allColumnNames(file, o).containsAll(modelColumns) ? o.withColumns(modelColumns) : o;
    }

    /**
     * The reading options for data a model is applied to: {@link #optionsFor(Path, List)}, and, unless an option
     * names others, the id and label columns the model was trained with, where the file has them. Warns on
     * {@code err}, in one line, about columns of the file that the model does not use.
     */
    CsvOptions optionsFor(Path file, Autoencoder model, java.io.PrintWriter err) throws IOException {
        CsvOptions o = csvOptions();
        if (!DataSources.isCsv(file) || !java.nio.file.Files.isRegularFile(file)) {
            return o;
        }
        List<String> names = CsvReader.allColumnNames(file, o); // the header, read once for all the choices below
        if (columns.isEmpty() && names.containsAll(model.columns())) {
            o = o.withColumns(model.columns());
        }
        String id = remembered(model, "idColumn"), label = remembered(model, "labelColumn");
        if (idColumn == null && id != null && names.contains(id) && !model.columns().contains(id)) {
            o = o.withIdColumn(id);
        }
        if (labelColumn == null && label != null && names.contains(label) && !model.columns().contains(label)) {
            o = o.withLabelColumn(label);
        }
        if (o.columns().equals(model.columns())) {
            List<String> unused = new java.util.ArrayList<>(names);
            unused.removeAll(model.columns());
            unused.remove(o.idColumn());
            unused.remove(o.labelColumn());
            boolean labelImplied = o.labelColumn() == null;
            unused.removeIf(n -> n.equalsIgnoreCase("label") && labelImplied);
            unused.removeAll(exclude);
            if (!unused.isEmpty()) {
                err.println("autoencoder: warning: " + file + " has " + unused.size() + " column(s) the model does not "
                        + "use: " + Commands.abbreviate(unused) + " (it reads " + Commands.abbreviate(model.columns())
                        + "); check that this is the data the model was trained for");
            }
        }
        return o;
    }

    private static String remembered(Autoencoder model, String key) {
        Object v = model.provenance().get(key);
        return v instanceof String s && !s.isEmpty() ? s : null;
    }

    /** Reads a table for a model ({@link #optionsFor(Path, Autoencoder, java.io.PrintWriter)}). */
    Table readFor(Autoencoder model, java.io.PrintWriter err) throws IOException {
        Path file = source();
        return withLabels(file, DataSources.read(file, optionsFor(file, model, err)));
    }

    /** Reads the table; for a model's data, picks the model's columns by name when the file has them all. */
    Table read(List<String> modelColumns) throws IOException {
        return read(source(), modelColumns);
    }

    Table read(Path file, List<String> modelColumns) throws IOException {
        return withLabels(file, DataSources.read(file, optionsFor(file, modelColumns)));
    }

    private Table withLabels(Path file, Table t) throws IOException {
        if (labelsFile != null) {
            double[] labels = IdxReader.readLabels(labelsFile, limit);
            if (labels.length != t.rows()) {
                throw new dev.autoencoder.data.DataException(labelsFile + ": " + labels.length + " labels for "
                        + t.rows() + " rows of " + file + "; expected one label per row");
            }
            t = new Table(t.values(), t.columns(), t.idName(), t.ids(), "label", labels, t.source());
        }
        return t;
    }
}
