package dev.autoencoder.report;

import dev.autoencoder.io.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.svg.SVGGraphics2D;

/**
 * Renders a {@link Figure} to PNG (for people; drawn at 2x for sharp text) and SVG (for documents),
 * each written atomically.
 */
public final class FigureWriter {
    private FigureWriter() {}

    /** PNG pixels are this many times the figure's nominal size. */
    public static final int PNG_SCALE = 2;

    public static byte[] png(Figure f, int width, int height) {
        BufferedImage img = new BufferedImage(width * PNG_SCALE, height * PNG_SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(PNG_SCALE, PNG_SCALE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            f.draw(g, width, height);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }

    public static String svg(Figure f, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        f.draw(g, width, height);
        return g.getSVGDocument();
    }

    /** Writes DIR/NAME.png and DIR/NAME.svg; returns both paths. */
    public static List<Path> write(Figure f, Path dir, String name, int width, int height) throws IOException {
        try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
            List<Path> out = write(f, dir, name, width, height, batch);
            batch.commit();
            return out;
        }
    }

    /** Stages DIR/NAME.png and DIR/NAME.svg in a set of files written together; returns both paths. */
    public static List<Path> write(Figure f, Path dir, String name, int width, int height, AtomicFiles.Batch batch)
            throws IOException {
        Path png = dir.resolve(name + ".png");
        Path svg = dir.resolve(name + ".svg");
        byte[] pngBytes = png(f, width, height);
        batch.write(png, out -> out.write(pngBytes));
        byte[] svgBytes = svg(f, width, height).getBytes(StandardCharsets.UTF_8);
        batch.write(svg, out -> out.write(svgBytes));
        return List.of(png, svg);
    }
}
