package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autoencoder.data.CsvOptions;
import dev.autoencoder.data.CsvReader;
import dev.autoencoder.data.Table;
import dev.autoencoder.io.Json;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.model.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Block-by-block encode/reconstruct/score give what the whole-table computation gives. */
class StreamingTest {
    @TempDir
    Path dir;

    @Test
    void streamedOutputsEqualTheModelAppliedToTheWholeTable() throws Exception {
        int rows = 2 * Streaming.BLOCK + 123;
        StringBuilder b = new StringBuilder("id,x,y,z\n");
        for (int i = 0; i < rows; i++) {
            b.append("r").append(i).append(',').append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f",
                    Math.sin(i), Math.cos(i), Math.sin(i) * Math.cos(i))).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("big.csv"), b.toString());
        Path model = dir.resolve("m.json");
        assertEquals(0, CliRunner.run("train", "--data", csv.toString(), "--id-column", "id", "--hidden", "2",
                "--epochs", "2", "--model-out", model.toString(), "--quiet").exitCode());
        Autoencoder m = ModelFile.read(model);
        Table t = CsvReader.read(csv, CsvOptions.DEFAULTS.withIdColumn("id"));

        CliRunner s = CliRunner.run("score", "--model", model.toString(), "--data", csv.toString(), "--id-column", "id",
                "--out", dir.resolve("s.csv").toString(), "--json");
        assertEquals(0, s.exitCode(), s.err());
        JsonNode j = Json.MAPPER.readTree(s.out());
        assertTrue(j.get("streamed").asBoolean());
        assertEquals(rows, j.get("rows").asInt());
        Table scored = CsvReader.read(dir.resolve("s.csv"), CsvOptions.DEFAULTS.withIdColumn("id"));
        double[] direct = m.score(t.values());
        double p99 = m.trainingErrors().get("p99");
        int flagged = 0;
        for (int i = 0; i < rows; i++) {
            assertEquals(direct[i], scored.values().get(i, 0), 0.0, "row " + i);
            assertEquals(direct[i] > p99 ? 1.0 : 0.0, scored.values().get(i, 1), 0.0);
            flagged += direct[i] > p99 ? 1 : 0;
        }
        assertEquals(flagged, j.get("flagged").asInt());
        assertEquals("r" + (rows - 1), scored.ids().get(rows - 1));

        assertEquals(0, CliRunner.run("reconstruct", "--model", model.toString(), "--data", csv.toString(),
                "--id-column", "id", "--out", dir.resolve("r.csv").toString()).exitCode());
        Table rec = CsvReader.read(dir.resolve("r.csv"), CsvOptions.DEFAULTS.withIdColumn("id"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(m.reconstruct(t.values()).data, rec.values().data, 0.0);
    }
}
