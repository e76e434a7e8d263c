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
    /** The PNGs' resolution: PNG_SCALE times the 96 dots per inch of a figure's nominal size. */
    public static final int PNG_DPI = 96 * PNG_SCALE;

    static int pixelsPerMetre() {
        return (int) Math.round(PNG_DPI / 0.0254);
    }

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
            javax.imageio.ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
            javax.imageio.metadata.IIOMetadata meta = w.getDefaultImageMetadata(
                    javax.imageio.ImageTypeSpecifier.createFromRenderedImage(img), null);
            // pHYs: the pixels are PNG_SCALE times a 96-dpi figure, so a viewer that honours it shows the nominal size
            javax.imageio.metadata.IIOMetadataNode phys = new javax.imageio.metadata.IIOMetadataNode("pHYs");
            phys.setAttribute("pixelsPerUnitXAxis", Integer.toString(pixelsPerMetre()));
            phys.setAttribute("pixelsPerUnitYAxis", Integer.toString(pixelsPerMetre()));
            phys.setAttribute("unitSpecifier", "meter");
            javax.imageio.metadata.IIOMetadataNode root = new javax.imageio.metadata.IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(phys);
            meta.mergeTree("javax_imageio_png_1.0", root);
            try (javax.imageio.stream.ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                w.setOutput(ios);
                w.write(new javax.imageio.IIOImage(img, null, meta));
            } finally {
                w.dispose();
            }
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }

    static {
        // rotated labels (the y axes') as text, not as glyph outlines: selectable, searchable, and smaller in SVG
        org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    /** An SVG document with a viewBox, so that it scales to whatever width shows it. */
    public static String svg(Figure f, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        f.draw(g, width, height);
        return "<?xml version=\"1.0\"?>\n" + g.getSVGElement(null, true, new org.jfree.svg.ViewBox(0, 0, width, height),
                null, null) + "\n";
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
