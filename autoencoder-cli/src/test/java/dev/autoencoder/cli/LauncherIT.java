package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autoencoder.io.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's first command, {@code ./autoencoder demo}, as a user would (after the jar was
 * packaged), and checks its summary against the chapter's numbers (SEED-SPEC section 8); and Ctrl-C
 * through the launcher with stderr in a file, where the launcher's filter of the JVM's warning sits
 * between java and the file.
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

    @Test
    void ctrlCWithStderrInAFileKeepsTheResumeMessage() throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("setsid", "--version").start().waitFor() == 0, "no setsid here");
        Path root = Path.of("..").toAbsolutePath().normalize();
        StringBuilder b = new StringBuilder("a,b,c,d\n");
        java.util.Random rng = new java.util.Random(3);
        for (int r = 0; r < 500; r++) {
            double t = rng.nextGaussian();
            b.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f%n", t, -t, 2 * t, rng.nextGaussian()));
        }
        Path data = Files.writeString(dir.resolve("data.csv"), b.toString());
        Path log = dir.resolve("stderr.log"), ckpt = dir.resolve("run.ckpt");
        // its own process group (setsid), as a terminal's job is: Ctrl-C goes to every process in it
        Process p = new ProcessBuilder("setsid", "bash", root.resolve("autoencoder").toString(), "train", "--data",
                data.toString(), "--encoder", "4,2", "--epochs", "1000000", "--model-out", dir.resolve("m.json").toString(),
                "--checkpoint", ckpt.toString(), "--checkpoint-every", "1")
                .directory(root.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(ckpt) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50); // the first checkpoint: training has begun, so the Ctrl-C handler is in place
        }
        assertTrue(Files.exists(ckpt), "no checkpoint appeared: " + Files.readString(log));
        new ProcessBuilder("kill", "-INT", "--", "-" + p.pid()).start().waitFor();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run did not stop on Ctrl-C");
        String printed = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(130, p.exitValue(), printed);
        assertTrue(printed.contains("interrupted after epoch") && printed.contains("--resume " + ckpt), printed);
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= 1e-12 * Math.abs(expected),
                what + ": expected " + expected + ", found " + actual);
    }
}
