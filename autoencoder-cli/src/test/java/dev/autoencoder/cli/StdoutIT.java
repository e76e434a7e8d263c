package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard output as a user's shell sets it up: a full disk ({@code /dev/full}) is an I/O error with one line,
 * a reader that leaves early ({@code | head -1}) ends the command quietly.
 */
class StdoutIT {
    @TempDir
    Path dir;

    private Path model() throws Exception {
        StringBuilder b = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 3000; i++) {
            b.append(i % 7).append(',').append(i % 5).append(',').append((i * 3) % 11).append('\n');
        }
        Files.writeString(dir.resolve("t.csv"), b);
        Path m = dir.resolve("m.json");
        assertEquals(0, CliRunner.run("train", "--data", dir.resolve("t.csv").toString(), "--hidden", "2",
                "--epochs", "1", "--model-out", m.toString(), "-q").exitCode());
        return m;
    }

    private static Process run(String shell) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        return new ProcessBuilder("bash", "-c", shell).directory(root.toFile()).start();
    }

    @Test
    void aFullDiskIsAnIoErrorAndAClosedPipeIsQuiet() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")), "no /dev/full here");
        Path m = model();
        String encode = "./autoencoder encode --model " + m + " --data " + dir.resolve("t.csv") + " --out -";
        Process full = run(encode + " > /dev/full");
        String err = new String(full.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(full.waitFor(120, TimeUnit.SECONDS));
        assertEquals(74, full.exitValue(), err);
        assertTrue(err.contains("could not write to standard output") && err.strip().lines().count() == 1, err);

        Process pipe = run(encode + " | head -1; exit ${PIPESTATUS[0]}");
        String first = new String(pipe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String pipeErr = new String(pipe.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(pipe.waitFor(120, TimeUnit.SECONDS));
        assertEquals("latent_1,latent_2", first.strip());
        assertEquals(141, pipe.exitValue(), pipeErr);
        assertTrue(pipeErr.lines().noneMatch(l -> l.startsWith("autoencoder")), pipeErr);
    }

    /** {@code --model-out -} puts the model on stdout (a file named "-" is not made); the summary goes to stderr. */
    @Test
    void aModelCanGoToStandardOutput() throws Exception {
        model(); // writes t.csv
        Path m = dir.resolve("piped.json");
        Process p = run("./autoencoder train --data " + dir.resolve("t.csv") + " --hidden 2 --epochs 1 --model-out - > " + m);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertTrue(err.contains("wrote the model to standard output"), err);
        assertTrue(!Files.exists(Path.of("..", "-")), "no file named -");
        CliRunner s = CliRunner.run("inspect", "--model", m.toString());
        assertEquals(0, s.exitCode(), s.err());
    }
}
