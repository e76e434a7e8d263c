package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A resume with any option that changes the result set otherwise is refused, naming the option. */
class ResumeFingerprintTest {

    private static Path table(Path dir) throws IOException {
        StringBuilder b = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 50; i++) {
            b.append(i % 7).append(',').append(i % 5).append(',').append((i * 3) % 11).append('\n');
        }
        return Files.writeString(dir.resolve("t.csv"), b);
    }

    @Test
    void optimizerSettingsArePartOfTheFingerprint(@TempDir Path dir) throws IOException {
        Path csv = table(dir);
        Path ckpt = dir.resolve("run.ckpt");
        List<String> base = List.of("train", "--data", csv.toString(), "--hidden", "2",
                "--model-out", dir.resolve("m.json").toString(), "--checkpoint", ckpt.toString(),
                "--checkpoint-every", "1", "-q");
        List<String> first = new ArrayList<>(base);
        first.addAll(List.of("--epochs", "2"));
        assertEquals(0, CliRunner.run(first.toArray(String[]::new)).exitCode());
        assertTrue(Files.exists(ckpt));
        for (String[] change : new String[][] {{"--beta1", "0.8"}, {"--beta2", "0.99"}, {"--epsilon", "1e-6"},
                {"--weight-decay", "0.01"}, {"--bias-init", "0.1"}}) {
            List<String> args = new ArrayList<>(base);
            args.addAll(List.of("--epochs", "4", "--resume", ckpt.toString(), change[0], change[1]));
            Path out = dir.resolve("m.json");
            long before = Files.getLastModifiedTime(out).toMillis();
            CliRunner r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), change[0] + ": " + r.err());
            assertTrue(r.err().contains("other options"), r.err());
            assertEquals(before, Files.getLastModifiedTime(out).toMillis(), "the model is untouched");
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    /** An edited checkpoint is refused by its checksum; without one (older files), by range checks. */
    @Test
    void editedCheckpointsAreRefusedWithTheReason(@TempDir Path dir) throws IOException {
        Path csv = table(dir);
        Path ckpt = dir.resolve("run.ckpt");
        List<String> base = List.of("train", "--data", csv.toString(), "--hidden", "2", "--model-out",
                dir.resolve("m.json").toString(), "--checkpoint", ckpt.toString(), "--checkpoint-every", "1", "-q");
        List<String> first = new ArrayList<>(base);
        first.addAll(List.of("--epochs", "2"));
        assertEquals(0, CliRunner.run(first.toArray(String[]::new)).exitCode());
        String json = Files.readString(ckpt);
        List<String> resume = new ArrayList<>(base);
        resume.addAll(List.of("--epochs", "4", "--resume", ckpt.toString()));

        Files.writeString(ckpt, json.replaceFirst("\"optimizerSteps\" : (\\d+)", "\"optimizerSteps\" : 7$1"));
        CliRunner edited = CliRunner.run(resume.toArray(String[]::new));
        assertEquals(65, edited.exitCode(), edited.err());
        assertTrue(edited.err().contains("stateSha256"), edited.err());

        // an older checkpoint (no checksum) with a row order that is not a permutation
        String old = json.replaceFirst(",\\s*\"stateSha256\" : \"[0-9a-f]+\"", "")
                .replaceFirst("\"order\" : \\[ (\\d+), (\\d+)", "\"order\" : [ $1, $1");
        assertTrue(!old.contains("stateSha256") && !old.equals(json), "test setup");
        Files.writeString(ckpt, old);
        CliRunner ranged = CliRunner.run(resume.toArray(String[]::new));
        assertEquals(65, ranged.exitCode(), ranged.err());
        assertTrue(ranged.err().contains("not a permutation"), ranged.err());
        assertEquals(1, ranged.errLines().length, ranged.err());
    }
}
