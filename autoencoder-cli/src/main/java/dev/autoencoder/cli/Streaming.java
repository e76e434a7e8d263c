package dev.autoencoder.cli;

import dev.autoencoder.data.CsvReader;
import dev.autoencoder.data.DataException;
import dev.autoencoder.data.DataSources;
import dev.autoencoder.data.Npy;
import dev.autoencoder.io.AtomicFiles;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.model.Autoencoder;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Applies a model to a CSV file block by block, so memory stays bounded whatever the file's size:
 * read {@value #BLOCK} rows, compute, append them to the output, repeat. The output is still written
 * atomically (to a temporary file renamed at the end).
 */
final class Streaming {
    private Streaming() {}

    static final int BLOCK = 8192;

    /** What to compute for one block: the output values for its rows (in original units or codes). */
    interface BlockFunction {
        Matrix apply(Matrix rows);
    }

    /** Extra integer-valued columns computed from a block's result (e.g. flags), or none. */
    interface ExtraColumns {
        List<double[]> apply(Matrix result);
    }

    /** Whether this input can be streamed: CSV to CSV (IDX and .npy files are read and written whole). */
    static boolean applies(DataOptions data, Path out) throws IOException {
        return DataSources.isCsv(data.source()) && data.labelsFile == null && !Npy.handles(out);
    }

    /**
     * Streams the data through {@code fn} into {@code out}; returns the number of rows.
     *
     * @param names      output column names for fn's result
     * @param extraNames names of the extra columns
     */
    static long run(Autoencoder m, DataOptions data, java.io.PrintWriter err, Path out, List<String> names,
                    BlockFunction fn, List<String> extraNames, ExtraColumns extra) throws IOException {
        Path file = data.source();
        CsvReader.Rows probe = CsvReader.open(file, data.optionsFor(file, m, err));
        if (probe.features().length != m.inputWidth()) {
            int found = probe.features().length;
            List<String> cols = probe.columnNames();
            probe.close();
            throw new DataException("the model expects " + m.inputWidth() + " input columns, " + data.data + " has "
                    + found + " (" + Commands.abbreviate(cols) + "); select the model's columns with --columns "
                    + "or --exclude-columns");
        }
        CsvReader.Rows rows = probe;
        long[] count = {0};
        AtomicFiles.Writer w = stream -> {
            CSVPrinter p = new CSVPrinter(new OutputStreamWriter(stream, StandardCharsets.UTF_8),
                    CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
            List<String> header = new ArrayList<>();
            if (rows.idIndex() >= 0) {
                header.add(rows.idName());
            }
            header.addAll(names);
            header.addAll(extraNames);
            if (rows.labelIndex() >= 0) {
                header.add(rows.labelName());
            }
            p.printRecord(header);
            int width = rows.features().length;
            double[] row = new double[width];
            String[] id = new String[1];
            double[] label = new double[1];
            Matrix block = new Matrix(BLOCK, width);
            String[] ids = new String[BLOCK];
            double[] labels = new double[BLOCK];
            List<String> rec = new ArrayList<>();
            boolean more = true;
            while (more) {
                int n = 0;
                while (n < BLOCK && (more = rows.next(row, id, label))) {
                    System.arraycopy(row, 0, block.data, n * width, width);
                    ids[n] = id[0];
                    labels[n] = label[0];
                    n++;
                    if (data.limit > 0 && count[0] + n >= data.limit) {
                        more = false;
                        break;
                    }
                }
                if (n == 0) {
                    break;
                }
                Matrix in = n == BLOCK ? block : new Matrix(n, width, java.util.Arrays.copyOf(block.data, n * width));
                Matrix result;
                try {
                    result = fn.apply(in);
                } catch (dev.autoencoder.data.Scaler.OutOfRange e) {
                    throw Commands.unscalable(e, data.data, m.columns(), count[0]);
                }
                List<double[]> ex = extra == null ? List.of() : extra.apply(result);
                for (int r = 0; r < n; r++) {
                    rec.clear();
                    if (rows.idIndex() >= 0) {
                        rec.add(ids[r]);
                    }
                    for (int c = 0; c < result.cols; c++) {
                        rec.add(Double.toString(result.get(r, c)));
                    }
                    for (double[] e : ex) {
                        rec.add(Long.toString((long) e[r]));
                    }
                    if (rows.labelIndex() >= 0) {
                        double l = labels[r];
                        rec.add(l == Math.rint(l) ? Long.toString((long) l) : Double.toString(l));
                    }
                    p.printRecord(rec);
                }
                count[0] += n;
            }
            p.flush();
        };
        try (rows) {
            Outputs.write(out, w);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        if (count[0] == 0) {
            throw new DataException(data.data + ": no data rows; expected at least one row of numbers");
        }
        return count[0];
    }
}
