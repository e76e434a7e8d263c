package dev.autoencoder.report;

import java.awt.Graphics2D;

/**
 * Something that draws itself onto any Graphics2D of the given size: a bitmap for PNG, an
 * SVGGraphics2D for SVG. One drawing routine serves both formats.
 */
@FunctionalInterface
public interface Figure {
    void draw(Graphics2D g, int width, int height);
}
