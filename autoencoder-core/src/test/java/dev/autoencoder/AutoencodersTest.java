package dev.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autoencoder.data.Table;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.model.ModelFile;
import dev.autoencoder.train.AutoencoderTrainer;
import dev.autoencoder.train.TrainSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The front door gives what the trainer and the model file give, and a saved model scores as it did. */
class AutoencodersTest {
    @TempDir
    Path dir;

    static Matrix rows() {
        Random r = new Random(2);
        double[][] v = new double[120][5];
        for (double[] row : v) {
            double s = r.nextGaussian();
            for (int c = 0; c < 5; c++) {
                row[c] = (c + 1) * s + 0.1 * r.nextGaussian();
            }
        }
        return Matrix.of(v);
    }

    @Test
    void fitSaveLoadAndScoreAsTheTrainerAndTheModelFileDo() throws Exception {
        Matrix x = rows();
        TrainSpec spec = TrainSpec.DEFAULTS.withEpochs(4).withSeed(9);
        Autoencoder model = Autoencoders.fit(x, spec);
        Autoencoder direct = new AutoencoderTrainer(spec).fit(x, null, null, List.of("x1", "x2", "x3", "x4", "x5"),
                Map.of(), null).model();
        assertEquals(5, model.members(), "the defaults are the command line's: an ensemble of five");
        assertArrayEquals(direct.score(x), model.score(x), 0.0);
        assertArrayEquals(model.encode(x, model.latentLayer()).data, model.encode(x).data, 0.0);
        Path file = dir.resolve("m.json");
        Autoencoders.save(model, file);
        Autoencoder loaded = Autoencoders.load(file);
        assertArrayEquals(model.score(x), loaded.score(x), 0.0);
        assertEquals(ModelFile.parametersSha256(model.network()), ModelFile.parametersSha256(loaded.network()));
    }

    @Test
    void tablesKeepTheirNamesAndWithersChangeOneThing() throws Exception {
        Path csv = dir.resolve("t.csv");
        StringBuilder b = new StringBuilder("a,b,c,label\n");
        Matrix x = rows();
        for (int r = 0; r < x.rows; r++) {
            b.append(x.get(r, 0)).append(',').append(x.get(r, 1)).append(',').append(x.get(r, 2)).append(',')
                    .append(r % 10 == 0 ? 1 : 0).append('\n');
        }
        Files.writeString(csv, b.toString());
        Table t = Autoencoders.read(csv);
        assertEquals(List.of("a", "b", "c"), t.columns());
        assertEquals("label", t.labelName());
        TrainSpec spec = TrainSpec.DEFAULTS.withHidden(2, 1, 2).withEpochs(3);
        assertEquals(1, spec.members(), "given widths train one network, as on the command line");
        assertEquals(3, spec.training().epochs());
        assertArrayEquals(new int[] {2, 1, 2}, spec.hidden());
        assertEquals(TrainSpec.DEFAULTS.optimizer(), spec.optimizer());
        Autoencoder m = Autoencoders.fit(t, spec);
        assertEquals(List.of("a", "b", "c"), m.columns());
        assertEquals("label", m.provenance().get("labelColumn"));
    }
}
