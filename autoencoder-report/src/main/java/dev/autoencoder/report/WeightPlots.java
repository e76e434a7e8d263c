package dev.autoencoder.report;

import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.DenseLayer;
import dev.autoencoder.nn.Network;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The numbers a network diagram cannot carry once layers are wide: every weight matrix as a heatmap (rows the
 * layer's nodes, columns the nodes feeding them, labelled), and for images the first layer's weights as
 * pictures, one per hidden node, showing which pixels each one looks at. Colours diverge from white at 0:
 * blue negative, red positive, scaled to each matrix's largest magnitude (a scale readable by colour-blind
 * readers too).
 */
public final class WeightPlots {
    private WeightPlots() {}

    /** Widest matrix whose columns are labelled one by one. */
    static final int LABELLED = 40;
    /** Most first-layer nodes drawn as images. */
    static final int IMAGES = 32;

    private static final Color NEG = new Color(0x2166ac);
    private static final Color POS = new Color(0xb2182b);

    /** White at 0, to blue at -1 and red at +1. */
    static Color diverging(double t) {
        double a = Math.min(1, Math.abs(t));
        Color end = t < 0 ? NEG : POS;
        return new Color((int) Math.round(255 + a * (end.getRed() - 255)), (int) Math.round(255 + a * (end.getGreen() - 255)),
                (int) Math.round(255 + a * (end.getBlue() - 255)));
    }

    /**
     * The node names of each column of the network: the data's columns at both ends, "code 1".. at the
     * bottleneck, "H2.1" (hidden column 2, node 1) elsewhere.
     */
    static List<List<String>> nodeNames(Network net, List<String> columns) {
        int[] widths = net.widths();
        List<List<String>> names = new ArrayList<>();
        for (int c = 0; c < widths.length; c++) {
            List<String> col = new ArrayList<>();
            for (int i = 0; i < widths[c]; i++) {
                boolean end = c == 0 || c == widths.length - 1;
                col.add(end && columns != null && columns.size() == widths[c] ? columns.get(i)
                        : c == net.bottleneckLayer() ? "code " + (i + 1) : "H" + c + "." + (i + 1));
            }
            names.add(col);
        }
        return names;
    }

    /** Where each layer's panel goes at width w (left to right, then down), and the figure's height last. */
    static double[][] layout(Network net, int w) {
        int layers = net.layers().size();
        double[][] at = new double[layers + 1][];
        double x = 0, y = 52, rowHeight = 0;
        for (int l = 0; l < layers; l++) {
            DenseLayer layer = net.layer(l);
            double c = cell(layer, w);
            double pw = Math.max(250, LEFT + layer.inputs() * c + 24), ph = 22 + layer.outputs() * c + (layer.inputs() <= LABELLED ? 70 : 20);
            if (x > 0 && x + pw > w) {
                x = 0;
                y += rowHeight + 18;
                rowHeight = 0;
            }
            at[l] = new double[] {x, y};
            x += pw;
            rowHeight = Math.max(rowHeight, ph);
        }
        at[layers] = new double[] {0, y + rowHeight + 10};
        return at;
    }

    /** Room for the row labels left of a panel's cells. */
    private static final double LEFT = 110;

    /** Every layer's weights as a heatmap, one panel per layer, top to bottom; its height is {@link #height}. */
    public static Figure heatmaps(Network net, List<String> columns) {
        List<List<String>> names = nodeNames(net, columns);
        return (Graphics2D g, int w, int h) -> {
            DataPlots.heading(g, w, h, "Weights, layer by layer", "row: a node; column: a node feeding it; blue negative, "
                    + "red positive, white 0 (each panel scaled to its largest weight)");
            double[][] at = layout(net, w);
            for (int l = 0; l < net.layers().size(); l++) {
                panel(g, w, at[l][0], at[l][1], net.layer(l), l, names.get(l), names.get(l + 1));
            }
        };
    }

    /** The height {@link #heatmaps} needs at width w. */
    public static int height(Network net, int w) {
        double[][] at = layout(net, w);
        return (int) Math.ceil(at[at.length - 1][1]);
    }

    private static double cell(DenseLayer layer, int w) {
        return Math.max(2, Math.min(18, (w - LEFT - 40.0) / layer.inputs()));
    }

    /** Draws one layer's panel with its top left corner at (x, y). */
    private static void panel(Graphics2D g, int w, double x, double y, DenseLayer layer, int l, List<String> in,
                              List<String> out) {
        Matrix wm = layer.weightMatrix();
        double max = 1e-12;
        for (double v : wm.data) {
            max = Math.max(max, Math.abs(v));
        }
        double c = cell(layer, w);
        g.setFont(Charts.TICK);
        FontMetrics fm = g.getFontMetrics();
        g.setColor(Palette.TEXT);
        g.drawString(String.format(Locale.ROOT, "layer %d: %d to %d, largest |w| %s", l + 1, layer.inputs(),
                layer.outputs(), DataPlots.g3(max)), (float) (x + 12), (float) (y + 14));
        double top = y + 22, left = x + LEFT;
        for (int o = 0; o < layer.outputs(); o++) {
            for (int i = 0; i < layer.inputs(); i++) {
                g.setColor(diverging(wm.get(o, i) / max));
                g.fill(new Rectangle2D.Double(left + i * c, top + o * c, c + 0.5, c + 0.5));
            }
            if (c >= fm.getAscent() - 2) {
                g.setColor(Palette.TEXT);
                String name = DataPlots.clip(out.get(o), fm, (int) LEFT - 10);
                g.drawString(name, (float) (left - 6 - fm.stringWidth(name)), (float) (top + o * c + c / 2 + fm.getAscent() / 2.0 - 2));
            }
        }
        double bottom = top + layer.outputs() * c;
        g.setColor(Palette.TEXT);
        if (layer.inputs() <= LABELLED) {
            for (int i = 0; i < layer.inputs(); i++) { // column names turned up the page, under their columns
                Graphics2D r = (Graphics2D) g.create();
                r.translate(left + i * c + c / 2 + fm.getAscent() / 2.0 - 2, bottom + 6);
                r.rotate(Math.PI / 2);
                r.drawString(DataPlots.clip(in.get(i), fm, 62), 0, 0);
                r.dispose();
            }
            return;
        }
        g.drawString("the " + layer.inputs() + " inputs, in order", (float) left, (float) (bottom + 14));
    }

    /**
     * The first layer's weights of an image model as images: one side x side tile per node (up to
     * {@link #IMAGES}), each scaled to its own largest weight, so a tile shows the pattern its node responds to.
     * Pixels that never change in the data ({@code varies} false) feed nothing and are drawn grey.
     */
    public static Figure firstLayerImages(Network net, int side, boolean[] varies) {
        DenseLayer first = net.layer(0);
        Matrix wm = first.weightMatrix();
        int n = Math.min(IMAGES, first.outputs());
        return (Graphics2D g, int w, int h) -> {
            DataPlots.heading(g, w, h, "What the first layer's nodes look at", "each tile: one node's " + first.inputs()
                    + " weights laid out as the image; red pixels raise its input, blue lower it; grey pixels never change "
                    + "in the data" + (n < first.outputs() ? "; the first " + n + " of " + first.outputs() + " nodes" : ""));
            int perRow = 8;
            double gap = 8, tile = Math.min((w - 32 - gap * (perRow - 1)) / perRow, (h - 60.0) / Math.ceil(n / (double) perRow) - gap);
            double px = tile / side;
            for (int k = 0; k < n; k++) {
                double max = 1e-12;
                for (int p = 0; p < first.inputs(); p++) {
                    max = varies[p] ? Math.max(max, Math.abs(wm.get(k, p))) : max;
                }
                double x0 = 16 + (k % perRow) * (tile + gap), y0 = 52 + (k / perRow) * (tile + gap);
                for (int p = 0; p < side * side && p < first.inputs(); p++) {
                    g.setColor(varies[p] ? diverging(wm.get(k, p) / max) : Palette.GRID);
                    g.fill(new Rectangle2D.Double(x0 + (p % side) * px, y0 + (p / side) * px, px + 0.3, px + 0.3));
                }
                g.setColor(Palette.GRID);
                g.draw(new Rectangle2D.Double(x0, y0, tile, tile));
            }
        };
    }

    /** The height {@link #firstLayerImages} needs at width w. */
    public static int imagesHeight(Network net, int w) {
        int n = Math.min(IMAGES, net.layer(0).outputs());
        double tile = (w - 32 - 8 * 7) / 8.0;
        return (int) Math.ceil(60 + Math.ceil(n / 8.0) * (tile + 8));
    }

}
