package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model remembers its id and label columns, and says when the data has columns it does not use. */
class ModelColumnsTest {

    @Test
    void idAndLabelColumnsComeBackAndUnusedColumnsAreNamed(@TempDir Path dir) throws IOException {
        StringBuilder b = new StringBuilder("well,a,b,c,label\n");
        for (int i = 0; i < 60; i++) {
            b.append("w").append(i).append(',').append(i % 7).append(',').append(i % 5).append(',').append((i * 3) % 11)
                    .append(',').append(i % 20 == 0 ? 1 : 0).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("t.csv"), b);
        Path model = dir.resolve("m.json");
        CliRunner t = CliRunner.run("train", "--data", csv.toString(), "--id-column", "well", "--model-out",
                model.toString(), "--epochs", "2", "-q");
        assertEquals(0, t.exitCode(), t.err());

        Path codes = dir.resolve("codes.csv");
        CliRunner e = CliRunner.run("encode", "--model", model.toString(), "--data", csv.toString(), "--out",
                codes.toString());
        assertEquals(0, e.exitCode(), e.err());
        List<String> lines = Files.readAllLines(codes);
        assertTrue(lines.get(0).startsWith("well,latent_1"), lines.get(0));
        assertTrue(lines.get(0).endsWith(",label"), "the label is carried, not encoded: " + lines.get(0));
        assertTrue(lines.get(1).startsWith("w0,"), lines.get(1));
        assertFalse(e.err().contains("does not use"), e.err());

        StringBuilder wider = new StringBuilder("well,a,b,c,extra,more\n");
        for (int i = 0; i < 10; i++) {
            wider.append("v").append(i).append(",1,2,3,4,5\n");
        }
        Path other = Files.writeString(dir.resolve("other.csv"), wider);
        CliRunner s = CliRunner.run("score", "--model", model.toString(), "--data", other.toString(), "--out",
                dir.resolve("s.csv").toString());
        assertEquals(0, s.exitCode(), s.err());
        assertEquals(1, s.errLines().length, s.err());
        assertTrue(s.err().contains("2 column(s) the model does not use: extra, more"), s.err());
        assertTrue(Files.readAllLines(dir.resolve("s.csv")).get(1).startsWith("v0,"));
    }
}
