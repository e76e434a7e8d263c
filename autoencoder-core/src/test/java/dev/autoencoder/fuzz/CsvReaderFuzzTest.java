package dev.autoencoder.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.autoencoder.data.CsvOptions;
import dev.autoencoder.data.CsvReader;
import dev.autoencoder.data.DataException;
import dev.autoencoder.data.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Any bytes given to the CSV reader either read as a table of finite numbers or are refused with a
 * {@link DataException}: never another exception, never a NaN or infinite value in the result.
 * {@code mvn verify} fuzzes for a few seconds; longer runs: see docs/reliability.md.
 */
class CsvReaderFuzzTest {
    private static final Path FILE;

    static {
        try {
            FILE = Files.createTempFile("fuzz", ".csv");
            FILE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void readsOrRefusesCleanly(byte[] input) throws IOException {
        Files.write(FILE, input);
        for (CsvOptions.Missing m : new CsvOptions.Missing[] {CsvOptions.Missing.ERROR, CsvOptions.Missing.MEAN}) {
            try {
                Table t = CsvReader.read(FILE, CsvOptions.DEFAULTS.withMissing(m));
                for (double v : t.values().data) {
                    if (!Double.isFinite(v)) {
                        throw new AssertionError("the reader returned " + v);
                    }
                }
                if (t.rows() == 0 || t.columns().size() != t.values().cols) {
                    throw new AssertionError("inconsistent table: " + t.rows() + " rows, " + t.columns());
                }
            } catch (DataException expected) {
                // a clear refusal is fine
            }
        }
    }
}
