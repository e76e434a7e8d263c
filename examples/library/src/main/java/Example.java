import dev.autoencoder.Autoencoders;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.train.TrainSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/** Fits an autoencoder to rows near a plane in 6-D, flags a row far from it, saves and reloads the model. */
public class Example {
    public static void main(String[] args) throws Exception {
        Random random = new Random(1);
        double[][] rows = new double[500][6];
        for (double[] row : rows) {
            double s = random.nextGaussian(), t = random.nextGaussian();
            for (int c = 0; c < 6; c++) {
                row[c] = Math.sin(c + 1) * s + Math.cos(c + 1) * t + 0.05 * random.nextGaussian();
            }
        }
        Matrix x = Matrix.of(rows);
        Autoencoder model = Autoencoders.fit(x, TrainSpec.DEFAULTS.withEpochs(50));

        Matrix codes = model.encode(x);
        Matrix fresh = Matrix.of(new double[][] {rows[0], {2, -2, 2, -2, 2, -2}});
        double[] scores = model.score(fresh);
        System.out.printf("%d rows -> codes %d wide; score of a training row %.2f, of a row off the plane %.2f%n",
                x.rows, codes.cols, scores[0], scores[1]);

        Path file = Files.createTempFile("example-model", ".json");
        Autoencoders.save(model, file);
        Autoencoder loaded = Autoencoders.load(file);
        System.out.println("the reloaded model scores the same: " + Arrays.equals(scores, loaded.score(fresh)));
        Files.delete(file);
    }
}
