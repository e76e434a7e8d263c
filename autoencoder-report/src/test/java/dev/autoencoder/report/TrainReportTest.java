package dev.autoencoder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.data.Table;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.train.AutoencoderTrainer;
import dev.autoencoder.train.TrainSpec;
import dev.autoencoder.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-data report: per-column errors against a direct computation, the story naming the column the code
 * keeps worst (a noise column the others cannot predict), the top rows by score, and every file it lists.
 */
class TrainReportTest {
    @TempDir
    Path dir;

    @Test
    void theReportSaysWhichColumnTheCodeLosesAndListsTheTopRows() throws Exception {
        Random r = new Random(4);
        int n = 400;
        Matrix x = new Matrix(n, 4);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double s = r.nextGaussian();
            x.set(i, 0, s);
            x.set(i, 1, 2 * s + 0.01 * r.nextGaussian());
            x.set(i, 2, -s + 0.01 * r.nextGaussian());
            x.set(i, 3, r.nextGaussian()); // noise that a 1-wide code cannot carry beside s
            ids.add("id" + i);
        }
        List<String> names = List.of("a", "b", "c", "noise");
        Table t = new Table(x, names, "key", ids, null, null, "test");
        var outcome = new AutoencoderTrainer(TrainSpec.DEFAULTS.withHidden(3, 1, 3).withEpochs(60))
                .fit(x, null, null, names, Map.of(), null);
        Autoencoder m = outcome.model();
        TrainingResult result = outcome.result();

        TrainReport.Columns c = TrainReport.Columns.of(m, t);
        Matrix rec = m.reconstruct(x);
        for (int j = 0; j < 4; j++) {
            double se = 0;
            for (int i = 0; i < n; i++) {
                se += Math.pow(rec.get(i, j) - x.get(i, j), 2);
            }
            assertEquals(Math.sqrt(se / n), c.rmse[j], 1e-12, "RMS error of column " + j);
        }
        TrainReport.Analysis analysis = TrainReport.Analysis.of(m, t, null);
        String story = TrainReport.story(m, t, analysis);
        assertTrue(story.contains("<b>noise</b> worst"), story);

        String top = TrainReport.topRows(t, analysis.scores, "training rows");
        double[] scores = m.score(x);
        int best = 0;
        for (int i = 1; i < n; i++) {
            best = scores[i] > scores[best] ? i : best;
        }
        assertTrue(top.indexOf("<td>id" + best + "</td>") > 0 && top.indexOf("<td>id" + best + "</td>") < top.indexOf("</tr>",
                top.indexOf("<td>id")), "the highest-scoring row is first: " + top);

        var figures = TrainReport.figures(m, result, t);
        boolean validated = result.validationLossHistory().length > 0; // the default holds out a tenth
        assertTrue(validated, "validation by default");
        assertTrue(figures.get("loss").caption().contains("marks its best epoch, " + result.bestEpoch()),
                "the caption says only what was run");
        assertEquals(TrainReport.spansADecade(result.lossHistory()), figures.containsKey("loss-log"));
        assertEquals(m.width(m.latentLayer()) >= 2, figures.containsKey("latent-by-column"));
        assertEquals(m.baseline().isPresent(), figures.get("scores").caption().contains("PCA baseline"));
        assertEquals(new java.awt.Color(0x440154), Palette.viridis(0));
        assertEquals(new java.awt.Color(0xfde725), Palette.viridis(1));
        assertTrue(TrainReport.spansADecade(new double[] {1, 0.05}) && !TrainReport.spansADecade(new double[] {1, 0.5}));

        TrainReport.write(m, result, t, dir);
        List<Path> listed = TrainReport.files(dir);
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertTrue(listed.contains(f), f + " is among the files the report says it may write");
            }
        }
        assertTrue(Files.exists(dir.resolve("column-errors.png")) && Files.exists(dir.resolve("scores.svg")));
    }

    @Test
    void heldOutRowsAreDrawnApartInTheLatentPlot() throws Exception {
        Random r = new Random(9);
        Matrix x = new Matrix(100, 3);
        for (int i = 0; i < 100; i++) {
            double s = r.nextGaussian();
            x.set(i, 0, s);
            x.set(i, 1, -s);
            x.set(i, 2, r.nextGaussian());
        }
        List<String> names = List.of("a", "b", "c");
        var outcome = new AutoencoderTrainer(TrainSpec.DEFAULTS.withHidden(2).withEpochs(5).withMembers(1))
                .fit(x, null, null, names, Map.of(), null);
        assertEquals(10, outcome.heldOut().length, "a tenth held out by default");
        assertEquals(90, outcome.trainRows());
        Table t = new Table(x, names, null, null, null, null, "test");
        TrainReport.Analysis a = TrainReport.Analysis.of(outcome.model(), t, outcome.heldOut());
        var figures = TrainReport.figures(outcome.model(), outcome.result(), t, a);
        String latent = FigureWriter.svg(figures.get("latent").figure(), 760, 560);
        assertTrue(latent.contains(">validation rows<") && latent.contains(">training rows<"), "a legend for both");
        assertTrue(figures.get("latent").caption().contains("the 10 open ones were held out"));
        assertTrue(figures.containsKey("weights"), "a 3-wide model gets its weight heatmaps");
    }
}
