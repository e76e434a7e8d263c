package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running out of memory part-way (a table too big for the heap) is one line and exit 74, with no model written. */
class OutOfMemoryIT {
    @TempDir
    Path dir;

    @Test
    void anOutOfMemoryErrorIsOneLineAndExit74() throws Exception {
        Random rng = new Random(3);
        Path data = dir.resolve("wide.csv");
        try (var w = Files.newBufferedWriter(data)) {
            for (int c = 0; c < 50; c++) {
                w.write((c == 0 ? "" : ",") + "c" + c);
            }
            w.write('\n');
            for (int r = 0; r < 60_000; r++) { // 21 MB of text: more than a 24 MB heap holds once parsed
                for (int c = 0; c < 50; c++) {
                    w.write((c == 0 ? "" : ",") + String.format(Locale.ROOT, "%.4f", rng.nextDouble()));
                }
                w.write('\n');
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of("target", "autoencoder.jar").toAbsolutePath();
        Path model = dir.resolve("m.json");
        Path log = dir.resolve("err.log");
        Process p = new ProcessBuilder(List.of(java, "-Xmx24m", "-jar", jar.toString(), "train", "--data",
                data.toString(), "--epochs", "1", "--model-out", model.toString(), "--quiet"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String err = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(74, p.exitValue(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("out of memory") && err.contains("-Xmx"), err);
        assertFalse(err.contains("\tat "), err);
        assertFalse(Files.exists(model));
    }
}
