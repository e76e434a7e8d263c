package dev.autoencoder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.chapter.ChapterDemo;
import dev.autoencoder.chapter.DemoConfig;
import dev.autoencoder.chapter.DemoResult;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Initializer;
import dev.autoencoder.nn.Network;
import dev.autoencoder.random.NumpyRandom;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class DemoFiguresTest {
    private static DemoResult demo;

    @TempDir
    Path dir;

    @BeforeAll
    static void runDemo() {
        demo = ChapterDemo.run(DemoConfig.CHAPTER.withEpochs(2_000));
    }

    /** A PNG that decodes, has the nominal size at 2x, and has real content (not one flat colour). */
    static void assertDrawnPng(byte[] png, int width, int height, String name) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(img, name + " is not a PNG");
        assertEquals(width * FigureWriter.PNG_SCALE, img.getWidth(), name);
        assertEquals(height * FigureWriter.PNG_SCALE, img.getHeight(), name);
        Set<Integer> colours = new HashSet<>();
        long inked = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) {
                    inked++;
                }
            }
        }
        long sampled = (long) (img.getHeight() / 2) * (img.getWidth() / 2);
        assertTrue(colours.size() > 20, name + " has only " + colours.size() + " colours");
        assertTrue(inked > sampled / 100, name + " is almost blank: " + inked + " of " + sampled + " pixels drawn");
    }

    static void assertDrawnSvg(Path svg, String name) throws Exception {
        assertTrue(Files.size(svg) > 2_000, name + ".svg is too small: " + Files.size(svg));
        assertTrue(Files.size(svg) < 2_000_000, name + ".svg is too large: " + Files.size(svg));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        int shapes = doc.getElementsByTagName("path").getLength() + doc.getElementsByTagName("line").getLength()
                + doc.getElementsByTagName("ellipse").getLength() + doc.getElementsByTagName("circle").getLength()
                + doc.getElementsByTagName("rect").getLength();
        assertTrue(shapes > 10, name + ".svg draws only " + shapes + " shapes");
        assertTrue(doc.getElementsByTagName("text").getLength() > 0 || Files.readString(svg).contains("<text"),
                name + ".svg has no text");
    }

    @Test
    void everyChapterFigureIsWrittenAsAPngAndAnSvgWithContent() throws Exception {
        Map<String, DemoFigures.Sized> figures = DemoFigures.of(demo, false);
        assertEquals(List.of("network", "network-trained", "data-train", "data-test", "loss", "latent-vs-slope",
                "reconstructions-train", "reconstructions-test"), List.copyOf(figures.keySet()));
        DemoFigures.write(figures, dir);
        for (Map.Entry<String, DemoFigures.Sized> e : figures.entrySet()) {
            Path png = dir.resolve(e.getKey() + ".png");
            Path svg = dir.resolve(e.getKey() + ".svg");
            assertTrue(Files.exists(png) && Files.exists(svg), e.getKey());
            assertDrawnPng(Files.readAllBytes(png), e.getValue().width(), e.getValue().height(), e.getKey());
            assertDrawnSvg(svg, e.getKey());
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary files left");
        }
    }

    @Test
    void axesSayWhatTheyShow() {
        Map<String, DemoFigures.Sized> figures = DemoFigures.of(demo, false);
        String latent = FigureWriter.svg(figures.get("latent-vs-slope").figure(), 760, 480);
        assertTrue(latent.contains("latent M6 output (sigmoid, 0-1)"), "the latent axis names its node and range");
        String loss = FigureWriter.svg(figures.get("loss").figure(), 760, 460);
        assertTrue(loss.contains("MSE over the 3 outputs"));
        String data = FigureWriter.svg(figures.get("data-train").figure(), 760, 480);
        assertTrue(data.contains("value at each input node") && data.contains("colour:"), "the x axis and the colour key");
    }

    @Test
    void pngsCarryTheirResolution() throws Exception {
        byte[] png = FigureWriter.png(DemoFigures.of(demo, false).get("loss").figure(), 100, 80);
        javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("png").next();
        reader.setInput(javax.imageio.ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(png)));
        org.w3c.dom.Node phys = ((javax.imageio.metadata.IIOMetadataNode) reader.getImageMetadata(0)
                .getAsTree("javax_imageio_png_1.0")).getElementsByTagName("pHYs").item(0);
        assertNotNull(phys, "a pHYs chunk");
        int perMetre = Integer.parseInt(((org.w3c.dom.Element) phys).getAttribute("pixelsPerUnitXAxis"));
        assertEquals(192.0, perMetre * 0.0254, 0.01, "dots per inch: twice a 96-dpi figure");
        assertEquals(200, reader.getWidth(0));
    }

    @Test
    void samplesAreColouredByTheirSlopeFromDarkToLight() {
        double[] slope = {0.3, -0.2, 0.1, 0.0};
        java.awt.Color[] c = Palette.byRank(slope);
        double[] lum = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            lum[i] = 0.2126 * c[i].getRed() + 0.7152 * c[i].getGreen() + 0.0722 * c[i].getBlue();
        }
        // by slope: -0.2 (1) < 0.0 (3) < 0.1 (2) < 0.3 (0); viridis gets lighter all the way
        assertTrue(lum[1] < lum[3] && lum[3] < lum[2] && lum[2] < lum[0], java.util.Arrays.toString(lum));
        assertEquals(Palette.viridis(0), c[1]);
    }

    @Test
    void logScaleLossFigureIsDrawn() throws Exception {
        DemoFigures.Sized s = DemoFigures.of(demo, true).get("loss");
        assertDrawnPng(FigureWriter.png(s.figure(), s.width(), s.height()), s.width(), s.height(), "loss (log)");
        double[] falling = new double[100];
        for (int e = 0; e < falling.length; e++) {
            falling[e] = Math.pow(10, -4.0 * e / 99); // 1 down to 1e-4
        }
        String svg = FigureWriter.svg(Plots.loss(falling, null, "test", "MSE", true), 760, 460);
        assertTrue(svg.contains(">0.1<") && svg.contains(">0.01<") && svg.contains(">0.001<"), "ticks at whole powers");
        assertFalse(svg.contains(">10<tspan") || svg.matches("(?s).*>10\\^?-0\\.\\d<.*"), "no fractional powers");
    }

    @Test
    void networkDiagramLabelsEveryChapterWeightAndBias() {
        String svg = FigureWriter.svg(new NetworkDiagram(demo.initialNetwork(), false, "t"), 900, 520);
        // subscript digits; a comma where a node number has two digits (7,10 is not 71,0)
        for (String w : new String[] {"14", "24", "34", "15", "25", "35", "46", "56", "67", "68", "79", "89", "7,10",
            "8,10", "7,11", "8,11"}) {
            String label = "\u03bb" + NetworkDiagram.subscript(w);
            assertTrue(svg.contains(label), "missing label " + label);
        }
        for (int b = 4; b <= 11; b++) {
            assertTrue(svg.contains(">b" + NetworkDiagram.subscript(Integer.toString(b)) + "<"), "missing bias b" + b);
        }
        String trained = FigureWriter.svg(new NetworkDiagram(demo.network(), true, "t"), 900, 520);
        String w14 = String.format(java.util.Locale.ROOT, "\u03bb\u2081\u2084 = %.2f", demo.parameters().get("w14"));
        assertTrue(trained.contains(w14), "trained view shows values: " + w14);
    }

    @Test
    void realDataNetworksNameTheirColumnsAndDropPerEdgeLabels() {
        Network net = Network.initialize(new int[] {7, 16, 8, 2, 8, 16, 7}, new Activation[] {Activation.TANH,
            Activation.TANH, Activation.LINEAR, Activation.TANH, Activation.TANH, Activation.LINEAR},
                Initializer.XAVIER_UNIFORM, 0.1, new NumpyRandom(3));
        java.util.List<String> cols = java.util.List.of("Por", "LogPerm", "AI", "Brittle", "TOC", "VR", "Production");
        String svg = FigureWriter.svg(new NetworkDiagram(net, true, "t", cols), 900, 520);
        for (String c : cols) {
            assertEquals(2, svg.split(">" + c + "<", -1).length - 1, c + " named once at the input and once at the output");
        }
        assertFalse(svg.contains("\u03bb"), "no per-edge labels");
        assertFalse(svg.contains(">b\u2081"), "biases are fills, not labels");
        assertTrue(svg.contains("node fill: its bias"));
    }

    @Test
    void weightNamesSplitWhereTheyReadUnambiguously() {
        assertEquals("14", DemoReport.weightSubscript("14"));
        assertEquals("7,10", DemoReport.weightSubscript("710"));
        assertEquals("8,11", DemoReport.weightSubscript("811"));
        assertEquals("10,12", DemoReport.weightSubscript("1012"));
    }

    @Test
    void wideNetworksAreSummarizedAndStayLegible() throws Exception {
        Network wide = Network.initialize(new int[] {784, 64, 32, 64, 784},
                new Activation[] {Activation.RELU, Activation.RELU, Activation.RELU, Activation.LINEAR},
                Initializer.HE_UNIFORM, 0.0, new NumpyRandom(1));
        NetworkDiagram d = new NetworkDiagram(wide, false, "wide");
        assertDrawnPng(FigureWriter.png(d, 900, 520), 900, 520, "wide network");
        String svg = FigureWriter.svg(d, 900, 520);
        assertTrue(svg.contains("774 more"), "a 784-wide column shows 10 nodes and a count");
        assertFalse(svg.contains("\u03bb1,"), "no per-weight labels on summarized layers");
    }

    @Test
    void latentScatterColoursByCategoryOrQuintile() throws Exception {
        NumpyRandom rng = new NumpyRandom(4);
        dev.autoencoder.math.Matrix latent = new dev.autoencoder.math.Matrix(300, 3);
        double[] binary = new double[300], digits = new double[300], skewed = new double[300];
        for (int i = 0; i < 300; i++) {
            for (int c = 0; c < 3; c++) {
                latent.set(i, c, rng.gauss());
            }
            binary[i] = i % 10 == 0 ? 1 : 0;
            digits[i] = i % 10;
            skewed[i] = Math.exp(3 * rng.gauss());
        }
        for (double[] labels : new double[][] {binary, digits, skewed, null}) {
            Figure f = Plots.latentScatter(latent, labels, "label");
            assertDrawnPng(FigureWriter.png(f, 760, 560), 760, 560, "latent scatter");
        }
        assertTrue(FigureWriter.svg(Plots.latentScatter(latent, digits, "digit"), 760, 560).contains("digit 9"));
        assertTrue(FigureWriter.svg(Plots.latentScatter(latent, skewed, "p"), 760, 560).contains("quintiles"));
    }

    @Test
    void reportIsSelfContained() throws Exception {
        Map<String, DemoFigures.Sized> figures = DemoFigures.of(demo, false);
        String html = DemoReport.html(demo, figures);
        assertFalse(html.contains("http://") || html.contains("https://"), "no external addresses");
        assertFalse(html.toLowerCase().contains("<script"), "no scripts");
        assertFalse(html.toLowerCase().contains("<link"), "no linked stylesheets");
        assertFalse(html.contains("@import") || html.contains("url("), "no CSS fetches");
        Matcher m = Pattern.compile("(?:src|href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            String src = m.group(1);
            assertTrue(src.startsWith("data:image/png;base64,") || src.startsWith("data:image/svg+xml;base64,"),
                    "external reference: " + src.substring(0, Math.min(80, src.length())));
            if (src.startsWith("data:image/svg+xml;base64,")) {
                String svg = new String(java.util.Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1)),
                        java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(svg.contains("viewBox='0.0 0.0 "), "an embedded SVG scales with its box");
                assertFalse(svg.contains("<image") || svg.contains("href='http"), "an embedded SVG fetches nothing");
            }
            images++;
        }
        assertEquals(figures.size(), images, "every figure is inline");
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "%.4f", demo.latentVsSlope().r())));
        for (String p : demo.parameters().keySet()) {
            assertTrue(html.contains("(" + p + ")") || html.contains("b<sub>" + p.substring(1) + "</sub>"),
                    "parameter table lists " + p);
        }
    }
}
