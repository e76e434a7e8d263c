package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autoencoder.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} runs PyOD's protocol on the same rows as scikit-learn: its PCA baseline must give the ROC AUC
 * that {@code shared/data/odds/README.md} reports, measured there with scikit-learn (PCA90, mean of 5 splits).
 */
class EvaluateCommandTest {

    static Path odds(String name) {
        Path p = Path.of("../../shared/data/odds/" + name + ".csv.gz");
        return Files.exists(p) ? p : Path.of("../shared/data/odds/" + name + ".csv.gz");
    }

    @Test
    void pcaBaselineMatchesTheScikitLearnReference() throws IOException {
        // README: glass PCA90 0.771, pima 0.618 (three decimals)
        for (String[] c : new String[][] {{"glass", "0.771"}, {"pima", "0.618"}}) {
            CliRunner r = CliRunner.run("evaluate", "--data", odds(c[0]).toString(), "--label-column", "label",
                    "--epochs", "2", "--threads", "1", "--json");
            assertEquals(0, r.exitCode(), r.err());
            JsonNode doc = Json.MAPPER.readTree(r.out());
            assertEquals(Double.parseDouble(c[1]), doc.at("/mean/pca/rocAuc").asDouble(), 0.0005, c[0]);
            assertEquals(5, doc.get("splits").size());
            JsonNode first = doc.get("splits").get(0);
            int rows = doc.get("rows").asInt();
            assertEquals((int) Math.ceil(0.4 * rows), first.get("testRows").asInt());
            double ae = doc.at("/mean/autoencoder/rocAuc").asDouble();
            assertTrue(ae > 0 && ae < 1, "autoencoder ROC AUC " + ae);
        }
    }

    @Test
    void needsLabelsAndBinaryOnes(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.csv");
        StringBuilder sb = new StringBuilder("a,b,kind\n");
        for (int i = 0; i < 40; i++) {
            sb.append(i % 7).append(',').append(i % 5).append(',').append(i % 10 == 0 ? 3 : 1).append('\n');
        }
        Files.writeString(f, sb);
        CliRunner none = CliRunner.run("evaluate", "--data", f.toString(), "--epochs", "1");
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("--label-column"), none.err());

        CliRunner multi = CliRunner.run("evaluate", "--data", f.toString(), "--label-column", "kind", "--epochs", "1");
        assertEquals(65, multi.exitCode());
        assertTrue(multi.err().contains("--positive-label"), multi.err());
        assertEquals(1, multi.errLines().length, multi.err());

        CliRunner named = CliRunner.run("evaluate", "--data", f.toString(), "--label-column", "kind",
                "--positive-label", "3", "--epochs", "1", "--splits", "2", "--threads", "1");
        assertEquals(0, named.exitCode(), named.err());
        assertTrue(named.out().contains(" mean "), named.out());

        CliRunner absent = CliRunner.run("evaluate", "--data", f.toString(), "--label-column", "kind",
                "--positive-label", "9", "--epochs", "1");
        assertEquals(65, absent.exitCode());
        assertTrue(absent.err().contains("no row has label 9"), absent.err());
    }

    @Test
    void scoreRefusesALabelTheModelTookAsInput(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.csv");
        StringBuilder sb = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 40; i++) {
            sb.append(i % 7).append(',').append(i % 5).append(',').append(i % 10 == 0 ? 1 : 0).append('\n');
        }
        Files.writeString(f, sb);
        Path model = dir.resolve("m.json");
        assertEquals(0, CliRunner.run("train", "--data", f.toString(), "--model-out", model.toString(), "--epochs", "2",
                "--hidden", "2,1,2", "-q").exitCode());
        Path out = dir.resolve("scores.csv");
        CliRunner r = CliRunner.run("score", "--model", model.toString(), "--data", f.toString(), "--label-column", "y",
                "--out", out.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("is one of the model's inputs"), r.err());
        assertFalse(Files.exists(out));
    }
}
