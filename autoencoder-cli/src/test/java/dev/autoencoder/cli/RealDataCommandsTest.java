package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autoencoder.data.CsvOptions;
import dev.autoencoder.data.CsvReader;
import dev.autoencoder.data.Table;
import dev.autoencoder.io.Json;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.model.ModelFile;
import dev.autoencoder.nn.Parameter;
import dev.autoencoder.random.NumpyRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, encode, reconstruct, score and inspect, end to end through the command line. */
class RealDataCommandsTest {
    @TempDir
    Path dir;

    Path csv;

    @BeforeEach
    void writeData() throws Exception {
        // 200 rows on a 2-D plane in 5-D, plus an id and a label; the last 10 rows are off the plane
        NumpyRandom rng = new NumpyRandom(11);
        StringBuilder b = new StringBuilder("id;a;b;c;d;e;label\r\n");
        for (int r = 0; r < 200; r++) {
            double s = rng.gauss(), t = rng.gauss();
            double[] v = {s, t, s + t, s - t, 0.5 * s};
            boolean outlier = r >= 190;
            if (outlier) {
                v[2] += 4 * (rng.nextDouble() < 0.5 ? -1 : 1);
            }
            b.append("row").append(r);
            for (double x : v) {
                b.append(';').append(String.format(Locale.ROOT, "%.6f", x + 0.01 * rng.gauss()));
            }
            b.append(';').append(outlier ? 1 : 0).append("\r\n");
        }
        csv = Files.writeString(dir.resolve("data.csv"), b.toString());
    }

    private CliRunner train(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", csv.toString(), "--id-column", "id",
                "--label-column", "label", "--model-out", dir.resolve("m.json").toString(), "--encoder", "4,2",
                "--epochs", "150", "--learning-rate", "0.01", "--quiet"));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void trainSavesAModelAndMetricsAndTheOtherCommandsUseIt() throws Exception {
        Path metrics = dir.resolve("metrics.json");
        CliRunner t = train("--validation-split", "0.25", "--patience", "20", "--metrics-out", metrics.toString(),
                "--out", dir.resolve("report").toString());
        assertEquals(0, t.exitCode(), t.err());
        JsonNode m = Json.MAPPER.readTree(metrics.toFile());
        for (String f : List.of("lossHistory", "validationLossHistory", "bestEpoch", "trainSeconds")) {
            assertTrue(m.has(f), f);
        }
        assertEquals(m.get("lossHistory").size(), m.get("validationLossHistory").size());
        assertTrue(Files.size(dir.resolve("report/report.html")) > 10_000);
        assertTrue(Files.exists(dir.resolve("report/latent.png")) && Files.exists(dir.resolve("report/network.svg")));

        Path model = dir.resolve("m.json");
        Autoencoder ae = ModelFile.read(model);
        assertEquals(List.of("a", "b", "c", "d", "e"), ae.columns());

        Path codes = dir.resolve("codes.csv");
        CliRunner e = CliRunner.run("encode", "--model", model.toString(), "--data", csv.toString(), "--id-column", "id",
                "--out", codes.toString());
        assertEquals(0, e.exitCode(), e.err());
        Table c = CsvReader.read(codes, CsvOptions.DEFAULTS.withIdColumn("id"));
        assertEquals(List.of("latent_1", "latent_2"), c.columns());
        assertEquals("row0", c.ids().get(0));
        Table data = CsvReader.read(csv, CsvOptions.DEFAULTS.withIdColumn("id").withLabelColumn("label"));
        Matrix expected = ae.network().forwardTo(ae.scaler().transform(data.values()), 2);
        assertArrayEquals(expected.data, c.values().data, 0.0, "encode is the forward pass to the latent layer");

        Path rec = dir.resolve("rec.csv");
        assertEquals(0, CliRunner.run("reconstruct", "--model", model.toString(), "--data", csv.toString(),
                "--out", rec.toString()).exitCode());
        // without --id-column: the model remembers the id column it was trained with
        Table r = CsvReader.read(rec, CsvOptions.DEFAULTS.withIdColumn("id"));
        assertEquals(List.of("a", "b", "c", "d", "e"), r.columns());
        assertEquals("row0", r.ids().get(0));
        assertArrayEquals(ae.reconstruct(data.values()).data, r.values().data, 0.0);

        CliRunner s = CliRunner.run("score", "--model", model.toString(), "--data", csv.toString(), "--id-column", "id",
                "--label-column", "label", "--out", dir.resolve("scores.csv").toString(), "--contamination", "0.05",
                "--baseline", "pca", "--per-feature", "--json");
        assertEquals(0, s.exitCode(), s.err());
        JsonNode j = Json.MAPPER.readTree(s.out());
        assertEquals(200, j.get("rows").asInt());
        assertEquals(10, j.get("flagged").asInt(), "contamination 0.05 of 200 rows flags 10");
        assertTrue(j.get("rocAuc").asDouble() > 0.9, "the off-plane rows stand out: " + j.get("rocAuc"));
        for (String f : List.of("rocAuc", "prAuc", "precisionAtK")) {
            assertTrue(j.get("baseline").has(f), f);
        }
        Table scores = CsvReader.read(dir.resolve("scores.csv"), CsvOptions.DEFAULTS.withIdColumn("id"));
        // read back without options, the column called label is the label again, not a value column
        assertEquals(List.of("score", "err_a", "err_b", "err_c", "err_d", "err_e", "flag"), scores.columns());
        assertEquals("label", scores.labelName());
        double[] direct = ae.score(data.values());
        for (int i = 0; i < 200; i++) {
            assertEquals(direct[i], scores.values().get(i, 0), 0.0);
        }

        CliRunner inspect = CliRunner.run("inspect", "--model", model.toString(), "--json");
        JsonNode ij = Json.MAPPER.readTree(inspect.out());
        assertEquals(5, ij.get("layers").get(0).asInt());
        assertEquals(2, ij.get("latentWidth").asInt());
        assertEquals("standard", ij.get("scaler").asText());
        assertTrue(ij.get("provenance").get("dataSha256").asText().matches("[0-9a-f]{64}"));
    }

    @Test
    void initWithZeroEpochsGivesBackTheSameModel() throws Exception {
        assertEquals(0, train().exitCode());
        Path again = dir.resolve("again.json");
        CliRunner r = CliRunner.run("train", "--data", csv.toString(), "--id-column", "id", "--label-column", "label",
                "--init", dir.resolve("m.json").toString(), "--epochs", "0", "--model-out", again.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        Autoencoder a = ModelFile.read(dir.resolve("m.json")), b = ModelFile.read(again);
        List<Parameter> pa = a.network().parameters(), pb = b.network().parameters();
        for (int i = 0; i < pa.size(); i++) {
            assertArrayEquals(pa.get(i).values(), pb.get(i).values(), 0.0);
        }
        assertArrayEquals(a.scaler().offset(), b.scaler().offset(), 0.0);
        assertEquals(ModelFile.parametersSha256(a.network()), ModelFile.parametersSha256(b.network()));
    }

    @Test
    void optimizersBatchSizesAndNoiseAllTrain() {
        for (String[] opts : new String[][] {{"--optimizer", "sgd", "--batch-size", "all"},
            {"--optimizer", "momentum", "--nesterov"}, {"--optimizer", "adamw", "--weight-decay", "0.001"},
            {"--noise", "gaussian:0.1", "--scaling", "minmax"}, {"--noise", "mask:0.2", "--scaling", "none"},
            {"--precision", "float32", "--validation-split", "0.2", "--patience", "5"}}) {
            CliRunner r = train(opts);
            assertEquals(0, r.exitCode(), String.join(" ", opts) + ": " + r.err());
        }
    }

    @Test
    void badOptionsAreUsageErrorsAndWriteNothing() {
        String[][] bad = {{"--epochs", "0"}, {"--epochs", "-2"}, {"--learning-rate", "0"}, {"--batch-size", "0"},
            {"--optimizer", "rmsprop"}, {"--hidden", "4,0,4"}, {"--activation", "gelu"}, {"--loss", "mae"},
            {"--noise", "salt:0.1"}, {"--validation-split", "1.5"}, {"--precision", "float16"}};
        for (String[] b : bad) {
            CliRunner r = train(b);
            assertEquals(2, r.exitCode(), String.join(" ", b) + ": " + r.err());
            assertEquals(1, r.errLines().length, r.err());
            assertFalse(Files.exists(dir.resolve("m.json")), "no model after " + String.join(" ", b));
        }
        CliRunner same = CliRunner.run("train", "--data", csv.toString(), "--model-out", csv.toString(), "--quiet");
        assertEquals(2, same.exitCode());
        assertTrue(same.err().contains("also an input"), same.err());
    }

    @Test
    void aModelMeetsDataOfTheWrongWidthWithAClearMessage() throws Exception {
        assertEquals(0, train().exitCode());
        Path narrow = Files.writeString(dir.resolve("narrow.csv"), "x,y\n1,2\n3,4\n");
        CliRunner r = CliRunner.run("score", "--model", dir.resolve("m.json").toString(), "--data", narrow.toString(),
                "--out", dir.resolve("s.csv").toString());
        assertEquals(65, r.exitCode());
        assertTrue(r.err().contains("expects 5 input columns") && r.err().contains("has 2"), r.err());
        assertFalse(Files.exists(dir.resolve("s.csv")));
    }

    @Test
    void scoreWritesAReportAboutTheScoredRowsWithItsThreshold() throws Exception {
        assertEquals(0, train().exitCode());
        Path report = dir.resolve("scored");
        CliRunner r = CliRunner.run("score", "--model", dir.resolve("m.json").toString(), "--data", csv.toString(),
                "--id-column", "id", "--label-column", "label", "--threshold", "0.5", "--out",
                dir.resolve("s.csv").toString(), "--report", report.toString());
        assertEquals(0, r.exitCode(), r.err());
        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("The most anomalous scored rows"), "the table speaks of these rows");
        assertTrue(html.contains("rows flagged") && html.contains("--threshold"), "the card and the threshold used");
        assertTrue(Files.exists(report.resolve("scores.png")) && Files.exists(report.resolve("latent.png")));
        assertFalse(Files.exists(report.resolve("loss.png")), "no training, no loss curve");
        long flagged = Files.readAllLines(dir.resolve("s.csv")).stream().skip(1).filter(l -> l.split(",")[2].equals("1")).count();
        assertTrue(html.contains(flagged + " of 200"), "the card counts what the CSV flags");
    }

    @Test
    void aReportThatCannotBeWrittenStopsScoreBeforeItWritesAnything() throws Exception {
        assertEquals(0, train().exitCode());
        Path file = Files.writeString(dir.resolve("taken"), "a file, not a folder");
        CliRunner r = CliRunner.run("score", "--model", dir.resolve("m.json").toString(), "--data", csv.toString(),
                "--id-column", "id", "--out", dir.resolve("s2.csv").toString(), "--report", file.toString());
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("--report"), r.err());
        assertFalse(Files.exists(dir.resolve("s2.csv")), "no scores written either");
    }
}
