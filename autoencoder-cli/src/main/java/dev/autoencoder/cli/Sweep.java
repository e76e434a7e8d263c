package dev.autoencoder.cli;

import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Initializer;
import dev.autoencoder.nn.Network;
import dev.autoencoder.optim.Adam;
import dev.autoencoder.random.NumpyRandom;
import dev.autoencoder.report.FigureWriter;
import dev.autoencoder.report.Plots;
import dev.autoencoder.train.Trainer;
import dev.autoencoder.train.TrainingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench --sweep DIR}: how the cost of one epoch grows with rows, width and batch size around
 * W2 (256-128-32-128-256, tanh, Adam, batch 128), written as a figure and printed as a table.
 */
final class Sweep {
    private Sweep() {}

    private static double secondsPerEpoch(Matrix data, int[] widths, int batch, int threads) {
        Activation[] acts = new Activation[widths.length - 1];
        java.util.Arrays.fill(acts, Activation.TANH);
        acts[acts.length - 1] = Activation.LINEAR;
        double best = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < 3; rep++) { // the best of three: the first run also warms the JIT
            Network net = Network.initialize(widths, acts, Initializer.XAVIER_UNIFORM, 0.0, new NumpyRandom(7));
            TrainingConfig tc = TrainingConfig.DEFAULTS.withEpochs(1).withBatchSize(batch).withSeed(7).withThreads(threads);
            best = Math.min(best, new Trainer(tc).fit(net, data, new Adam(1e-3, 0.9, 0.999, 1e-8, 0, false))
                    .trainSeconds());
        }
        return best;
    }

    private static Matrix rows(Matrix all, int n, int width) {
        Matrix m = new Matrix(n, width);
        for (int r = 0; r < n; r++) {
            System.arraycopy(all.data, r * all.cols, m.data, r * width, width);
        }
        return m;
    }

    static void run(Path dir, PrintWriter out, int threads) throws IOException {
        Matrix w2 = Workloads.w2Data();
        secondsPerEpoch(rows(w2, 5_000, 256), Workloads.W2_WIDTHS, 128, threads); // warm the JIT before measuring
        Map<String, double[][]> byRows = new LinkedHashMap<>();
        double[][] r = new double[5][];
        int[] ns = {1250, 2500, 5000, 10_000, 20_000};
        for (int i = 0; i < ns.length; i++) {
            r[i] = new double[] {ns[i], secondsPerEpoch(rows(w2, ns[i], 256), Workloads.W2_WIDTHS, 128, threads)};
            out.printf(Locale.ROOT, "rows %6d: %.4f s/epoch%n", ns[i], r[i][1]);
            out.flush();
        }
        byRows.put("256-128-32-128-256", r);
        double[][] wd = new double[4][];
        int[] ds = {32, 64, 128, 256};
        for (int i = 0; i < ds.length; i++) {
            int d = ds[i];
            wd[i] = new double[] {d, secondsPerEpoch(rows(w2, 10_000, d), new int[] {d, d / 2, d / 8, d / 2, d}, 128, threads)};
            out.printf(Locale.ROOT, "width %4d (d-d/2-d/8-d/2-d): %.4f s/epoch on 10,000 rows%n", d, wd[i][1]);
            out.flush();
        }
        double[][] bs = new double[6][];
        int[] bsz = {16, 32, 64, 128, 256, 512};
        Matrix tenK = rows(w2, 10_000, 256);
        for (int i = 0; i < bsz.length; i++) {
            bs[i] = new double[] {bsz[i], secondsPerEpoch(tenK, Workloads.W2_WIDTHS, bsz[i], threads)};
            out.printf(Locale.ROOT, "batch %4d: %.4f s/epoch on 10,000 rows%n", bsz[i], bs[i][1]);
            out.flush();
        }
        var fig = Plots.panels("Seconds per epoch (W2 network, Adam, tanh; best of 3)", List.of(
                new Plots.Panel("rows (batch 128)", "rows", "s/epoch", byRows),
                new Plots.Panel("input width d (10,000 rows)", "d", "s/epoch", Map.of("d-d/2-d/8-d/2-d", wd)),
                new Plots.Panel("batch size (10,000 rows)", "batch size", "s/epoch", Map.of("256-128-32-128-256", bs))),
                true);
        FigureWriter.write(fig, dir, "scaling", 1200, 420);
        out.printf("wrote %s%n", dir.resolve("scaling.png"));
    }
}
