package dev.autoencoder.cli.serve;

import dev.autoencoder.data.CsvOptions;
import dev.autoencoder.data.CsvReader;
import dev.autoencoder.data.DataException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The tables the dashboard can train on: the {@code --data} files, and uploads (kept in a private temporary
 * folder that {@link #close} removes, at most {@link #MAX_UPLOADS}; the oldest upload goes first).
 */
final class Datasets implements AutoCloseable {
    static final int MAX_UPLOADS = 8;
    /** Rows read to tell numeric columns from text ones. */
    private static final int PREVIEW_ROWS = 200;

    /** One table: its id in URLs, a name to show, where it is, its columns and which of them hold numbers. */
    record Dataset(String id, String name, Path path, List<String> columns, List<String> numericColumns, boolean upload) {
        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("name", name);
            m.put("columns", columns);
            m.put("numeric", numericColumns);
            return m;
        }
    }

    private final Map<String, Dataset> all = new LinkedHashMap<>();
    private final Path uploads;
    private int next = 1;

    Datasets(List<Path> files) throws IOException {
        uploads = Files.createTempDirectory("autoencoder-serve-");
        try {
            for (Path f : files) {
                add(f, f.getFileName().toString(), false);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    synchronized List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        all.values().forEach(d -> out.add(d.describe()));
        return out;
    }

    synchronized Dataset get(String id) {
        Dataset d = id == null ? null : all.get(id);
        if (d == null) {
            throw new Requests.BadRequest("there is no table '" + id + "'; pick one of the list or upload a CSV file");
        }
        return d;
    }

    /** Keeps an uploaded CSV (already within the size limit); a file that does not read as CSV is refused. */
    synchronized Dataset upload(String name, byte[] body) throws IOException {
        String safe = name == null || name.isBlank() ? "upload.csv" : Path.of(name).getFileName().toString();
        Path file = uploads.resolve((next) + "-" + safe.replaceAll("[^A-Za-z0-9._-]", "_"));
        Files.write(file, body);
        try {
            Dataset d = add(file, safe, true);
            List<Dataset> ups = all.values().stream().filter(Dataset::upload).toList();
            for (int i = 0; i < ups.size() - MAX_UPLOADS; i++) {
                all.remove(ups.get(i).id());
                Files.deleteIfExists(ups.get(i).path());
            }
            return d;
        } catch (DataException | IOException e) {
            Files.deleteIfExists(file);
            String why = String.valueOf(e.getMessage()).replace(file.toString() + ", ", "").replace(file.toString(), safe);
            throw new Requests.BadRequest(safe + " is not a table the dashboard can read: " + why);
        }
    }

    private Dataset add(Path file, String name, boolean upload) throws IOException {
        List<String> columns = CsvReader.allColumnNames(file, CsvOptions.DEFAULTS);
        List<String> numeric = numericColumns(file, columns);
        if (numeric.isEmpty()) {
            throw new DataException(name + ": no column holds numbers; expected a CSV table with numeric columns");
        }
        CsvReader.read(file, CsvOptions.DEFAULTS.withColumns(numeric)); // every row: the right length, numbers
        Dataset d = new Dataset("d" + next++, name, file, columns, numeric, upload);
        all.put(d.id(), d);
        return d;
    }

    /** The columns whose first rows' cells all read as numbers (empty cells aside). */
    private static List<String> numericColumns(Path file, List<String> columns) throws IOException {
        boolean[] text = new boolean[columns.size()];
        java.io.InputStream raw = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            raw = new java.util.zip.GZIPInputStream(raw);
        }
        try (Reader in = new java.io.InputStreamReader(raw, StandardCharsets.UTF_8)) {
            int n = 0;
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setSkipHeaderRecord(false).build().parse(in)) {
                if (n++ == 0) {
                    continue; // the header
                }
                for (int c = 0; c < Math.min(rec.size(), text.length); c++) {
                    String cell = rec.get(c).trim();
                    if (!cell.isEmpty() && !cell.equalsIgnoreCase("NA")) {
                        try {
                            Double.parseDouble(cell);
                        } catch (NumberFormatException e) {
                            text[c] = true;
                        }
                    }
                }
                if (n > PREVIEW_ROWS) {
                    break;
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (int c = 0; c < text.length; c++) {
            if (!text[c]) {
                out.add(columns.get(c));
            }
        }
        return out;
    }

    @Override
    public synchronized void close() throws IOException {
        try (var files = Files.list(uploads)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(uploads);
    }
}
