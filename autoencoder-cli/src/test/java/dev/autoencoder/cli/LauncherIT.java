package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autoencoder.io.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's first command, {@code ./autoencoder demo}, as a user would (after the jar was
 * packaged), and checks its summary against the chapter's numbers (SEED-SPEC section 8).
 */
class LauncherIT {

    @TempDir
    Path dir;

    @Test
    void launcherRunsTheDemoAndTheSummaryMatchesTheChapter() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path out = dir.resolve("demo-output");
        Process p = new ProcessBuilder("bash", root.resolve("autoencoder").toString(), "demo", "--out", out.toString())
                .directory(root.toFile()).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the launcher did not finish");
        assertEquals(0, p.exitValue(), printed);
        assertTrue(printed.contains("test MSE"), printed);

        JsonNode s = Json.MAPPER.readTree(Files.readAllBytes(out.resolve("summary.json")));
        JsonNode loss = s.get("lossHistory");
        assertEquals(10_000, loss.size());
        assertRelative(0.6568881290292761, loss.get(0).asDouble(), "loss at epoch 0");
        assertRelative(0.008354495195544891, loss.get(9999).asDouble(), "last loss");
        assertRelative(0.017047715568290916, s.get("testMse").asDouble(), "test MSE");
        assertRelative(-0.9708714317635186, s.get("latentVsSlope").get("r").asDouble(), "r");
        assertEquals(0.6084154981793699, s.get("initialParameters").get("w14").asDouble(), 0.0);
        assertTrue(s.get("trainSeconds").asDouble() > 0);
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= 1e-12 * Math.abs(expected),
                what + ": expected " + expected + ", found " + actual);
    }
}
