package dev.autoencoder.cli.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A small table for the dashboard's tests: four columns on one line through the origin, and one row off it. */
final class Fixtures {
    private Fixtures() {}

    static final int ROWS = 60;

    /** Rows w1..w60: a = t, b = 2t, c = -t, d = t/2 plus a little noise; w41 breaks the pattern (label 1). */
    static Path table(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("well,a,b,c,d,label\n");
        java.util.Random rng = new java.util.Random(7);
        for (int i = 1; i <= ROWS; i++) {
            double t = rng.nextGaussian();
            double[] v = {t, 2 * t, -t, t / 2};
            if (i == 41) {
                v = new double[] {2.5, -5, 2.5, -1.2};
            }
            sb.append("w").append(i);
            for (double x : v) {
                sb.append(',').append(String.format(Locale.ROOT, "%.4f", x + 0.02 * rng.nextGaussian()));
            }
            sb.append(',').append(i == 41 ? 1 : 0).append('\n');
        }
        return Files.writeString(file, sb.toString());
    }
}
