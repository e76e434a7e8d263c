package dev.autoencoder.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autoencoder.cli.Main;
import dev.autoencoder.data.CsvOptions;
import dev.autoencoder.data.CsvReader;
import dev.autoencoder.data.Table;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.model.ModelFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark scorer against the CLI's score, row for row, and models moving both ways. */
class AutoencoderScorerTest {
    static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("test").config("spark.ui.enabled", false).getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static int cli(String... args) {
        return Main.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    @Test
    void scoringEqualsTheClisScoreRowForRow() throws Exception {
        Path cardio = Path.of("../../shared/data/odds-cardio/cardio.csv").toAbsolutePath().normalize();
        Path model = dir.resolve("cardio.json");
        assertEquals(0, cli("train", "--data", cardio.toString(), "--label-column", "label", "--encoder", "6",
                "--epochs", "3", "--model-out", model.toString(), "--quiet"));
        Path scores = dir.resolve("scores.csv");
        assertEquals(0, cli("score", "--model", model.toString(), "--data", cardio.toString(), "--label-column", "label",
                "--out", scores.toString()));
        Table cliScores = CsvReader.read(scores, CsvOptions.DEFAULTS);

        Autoencoder m = ModelFile.read(model);
        List<Row> rows = new AutoencoderScorer(m).transform(SparkData.read(spark, cardio.toString(), null)).collectAsList();
        assertEquals(1831, rows.size());
        Table data = CsvReader.read(cardio, CsvOptions.DEFAULTS.withLabelColumn("label"));
        var codes = m.encode(data.values(), m.latentLayer());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            assertEquals(cliScores.values().get(i, 0), r.getDouble(r.fieldIndex("reconstructionError")), 0.0, "row " + i);
            assertEquals((int) cliScores.values().get(i, 1), r.getInt(r.fieldIndex("flag")), "flag of row " + i);
            List<Double> latent = r.getList(r.fieldIndex("latent"));
            assertArrayEquals(codes.row(i), latent.stream().mapToDouble(Double::doubleValue).toArray(), 0.0);
        }
    }

    @Test
    void aModelTrainedOnSparkLoadsInTheCliAndBack() throws Exception {
        Path wells = Path.of("../../shared/data/geostats-unconv-mv/unconv_MV.csv").toAbsolutePath().normalize();
        Path model = dir.resolve("spark.json");
        assertEquals(0, SparkMain.main0(new String[] {"--master", "local[2]", "train", "--data", wells.toString(),
            "--id-column", "WellIndex", "--hidden", "4,2,4", "--epochs", "5", "--batch-size", "all", "--model-out",
            model.toString()}));
        Autoencoder m = ModelFile.read(model);
        assertEquals(List.of("Por", "LogPerm", "AI", "Brittle", "TOC", "VR", "Production"), m.columns());
        Path scores = dir.resolve("s.csv");
        assertEquals(0, cli("score", "--model", model.toString(), "--data", wells.toString(), "--out", scores.toString()));
        assertEquals(0, cli("inspect", "--model", model.toString()));
        Table t = CsvReader.read(scores, CsvOptions.DEFAULTS);
        Table data = CsvReader.read(wells, CsvOptions.DEFAULTS.withIdColumn("WellIndex"));
        double[] direct = m.score(data.values());
        for (int i = 0; i < direct.length; i++) {
            assertEquals(direct[i], t.values().get(i, 0), 0.0);
        }
    }
}
