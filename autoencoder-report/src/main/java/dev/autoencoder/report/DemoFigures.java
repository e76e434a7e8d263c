package dev.autoencoder.report;

import dev.autoencoder.chapter.DemoResult;
import dev.autoencoder.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every figure of the chapter for one demo run, by file name (without extension): network,
 * network-trained, data-train, data-test, loss, latent-vs-slope, reconstructions-train,
 * reconstructions-test. Each is written as PNG and SVG.
 */
public final class DemoFigures {
    private DemoFigures() {}

    /** A figure with its nominal size in points (PNG pixels are twice that). */
    public static final class Sized {
        private final Figure figure;
        private final int width;
        private final int height;
        private final String caption;
        private byte[] png;
        private byte[] svg;

        public Sized(Figure figure, int width, int height, String caption) {
            this.figure = figure;
            this.width = width;
            this.height = height;
            this.caption = caption;
        }

        public Figure figure() {
            return figure;
        }

        public int width() {
            return width;
        }

        public int height() {
            return height;
        }

        public String caption() {
            return caption;
        }

        /** The PNG, drawn on first use: the files and the page's inline copy share one drawing. */
        public synchronized byte[] png() {
            if (png == null) {
                png = FigureWriter.png(figure, width, height);
            }
            return png;
        }

        /** The SVG document (UTF-8), drawn on first use. */
        public synchronized byte[] svg() {
            if (svg == null) {
                svg = FigureWriter.svg(figure, width, height).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            return svg;
        }
    }

    public static Map<String, Sized> of(DemoResult r, boolean logLoss) {
        Map<String, Sized> f = new LinkedHashMap<>();
        f.put("network", new Sized(new NetworkDiagram(r.initialNetwork(), false, "The autoencoder"), 900, 460,
                "The network: every node, weight and bias, named as in the chapter."));
        f.put("network-trained", new Sized(new NetworkDiagram(r.network(), true, "The trained autoencoder"), 900, 460,
                "After training: edge width is the weight's magnitude, colour its sign."));
        f.put("data-train", new Sized(Plots.samples(r.train().x(), r.train().slope(), 1, "Training data: 12 sloped lines"),
                760, 480, "The training samples, each a line of slope m plus noise."));
        f.put("data-test", new Sized(Plots.samples(r.test().x(), r.test().slope(), 13, "Test data: 12 more sloped lines"),
                760, 480, "The test samples, drawn from the same generator with another seed."));
        f.put("loss", new Sized(Plots.loss(r.lossHistory(), r.testLossHistory(), "test",
                r.config().loss().id().toUpperCase(java.util.Locale.ROOT) + " over the " + r.train().x().cols + " outputs", logLoss), 760, 460, "Training loss per epoch, and the test loss beside it."));
        String latentName = (r.latent().cols == 1 ? "latent " + latentNode(r) : "latent 1") + " output ("
                + rangeOf(r.config().activations()[r.network().bottleneckLayer() - 1]) + ")";
        f.put("latent-vs-slope", new Sized(Plots.latentVsLabel(r.latentColumn(), r.train().slope(), r.latentVsSlope(),
                latentName, "sample slope"), 760, 480, "What the bottleneck learned: its value against each sample's slope."));
        f.put("reconstructions-train", new Sized(Plots.reconstructions(r.train().x(), r.reconstructionTrain(),
                r.train().slope(), 1, "Training data and reconstructions"), 960, 1000,
                "Each training sample (solid) and its reconstruction (dashed)."));
        f.put("reconstructions-test", new Sized(Plots.reconstructions(r.test().x(), r.reconstructionTest(),
                r.test().slope(), 13, "Test data and reconstructions"), 960, 1000,
                "Each test sample (solid) and its reconstruction by the trained network (dashed)."));
        return f;
    }

    /** An activation's name and the values it gives, for axis labels: "sigmoid, 0-1". */
    static String rangeOf(dev.autoencoder.nn.Activation a) {
        return a.id() + switch (a) {
            case SIGMOID -> ", 0-1";
            case TANH -> ", -1 to 1";
            case RELU, SOFTPLUS -> ", 0 and up";
            case ELU -> ", -1 and up";
            default -> "";
        };
    }

    /** The bottleneck's first node label, e.g. M6. */
    static String latentNode(DemoResult r) {
        int layer = r.network().bottleneckLayer();
        return dev.autoencoder.chapter.NodeNames.nodeLabels(r.network().widths()).get(layer).get(0);
    }

    /** Writes every figure as NAME.png and NAME.svg into dir. */
    public static void write(Map<String, Sized> figures, Path dir) throws IOException {
        try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
            write(figures, dir, batch);
            batch.commit();
        }
    }

    /** Stages every figure as NAME.png and NAME.svg in dir, in a set of files written together. */
    public static void write(Map<String, Sized> figures, Path dir, AtomicFiles.Batch batch) throws IOException {
        for (Map.Entry<String, Sized> e : figures.entrySet()) {
            Sized s = e.getValue();
            batch.write(dir.resolve(e.getKey() + ".png"), out -> out.write(s.png()));
            batch.write(dir.resolve(e.getKey() + ".svg"), out -> out.write(s.svg()));
        }
    }
}
