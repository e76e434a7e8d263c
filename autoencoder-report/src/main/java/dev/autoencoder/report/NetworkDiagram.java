package dev.autoencoder.report;

import dev.autoencoder.chapter.NodeNames;
import dev.autoencoder.nn.Network;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A network drawn as the chapter draws its own: nodes in columns (I, L, M, R, O for 3-2-1-2-3),
 * every weight labelled lambda_ij and every bias b_j as an arrow into its node, edges coloured by
 * layer. In the trained view, edge width and colour show each weight's magnitude and sign (red
 * positive, blue negative) and the labels carry the values. Columns wider than {@value #MAX_SHOWN}
 * nodes are summarized (first and last few nodes, and a count), and labels are left out once a
 * layer has more than {@value #MAX_LABELLED} edges, so wide networks stay legible.
 */
public final class NetworkDiagram implements Figure {
    static final int MAX_SHOWN = 12;
    static final int MAX_LABELLED = 16;

    private final Network network;
    private final boolean trained;
    private final String title;
    /** The data's column names, for a model of real data (null for the chapter's network). */
    private final List<String> columnNames;

    /**
     * @param network the network (its parameters are read for the trained view)
     * @param trained show weights' values, magnitude and sign rather than the structure
     */
    public NetworkDiagram(Network network, boolean trained, String title) {
        this(network, trained, title, null);
    }

    /**
     * A trained model of real data: inputs and outputs named after the data's columns; beyond a few nodes per
     * layer no per-edge labels, and each bias is its node's fill (red positive, blue negative) instead of a label.
     */
    public NetworkDiagram(Network network, boolean trained, String title, List<String> columnNames) {
        this.network = network;
        this.trained = trained;
        this.title = title;
        this.columnNames = columnNames;
    }

    // The chapter's colours for its 3-2-1-2-3 network: by layer, and within a layer by edge.
    private static final Color[][] CHAPTER_EDGE = {
        {c(0xf08080), c(0xff0000), c(0x8b0000), c(0x1e90ff), c(0x0000ff), c(0x00008b)},
        {c(0xffa500), c(0xff8c00)},
        {c(0xffa500), c(0xff8c00)},
        {c(0xf08080), c(0x1e90ff), c(0xff0000), c(0x0000ff), c(0x8b0000), c(0x00008b)}};
    private static final Color[] LAYER = {c(0xd62728), c(0xff7f0e), c(0x2ca02c), c(0x1f77b4), c(0x9467bd),
        c(0x8c564b), c(0xe377c2), c(0x17becf)};

    private static Color c(int rgb) {
        return new Color(rgb);
    }

    private boolean chapterShape() {
        int[] w = network.widths();
        return java.util.Arrays.equals(w, new int[] {3, 2, 1, 2, 3});
    }

    /** Indices of the nodes drawn in a column of the given width. */
    static int[] shown(int width) {
        if (width <= MAX_SHOWN) {
            int[] all = new int[width];
            for (int i = 0; i < width; i++) {
                all[i] = i;
            }
            return all;
        }
        int half = MAX_SHOWN / 2 - 1;
        int[] s = new int[2 * half];
        for (int i = 0; i < half; i++) {
            s[i] = i;
            s[half + i] = width - half + i;
        }
        return s;
    }

    /** Whether this is a real-data view too wide for per-edge and per-bias labels. */
    private boolean compact() {
        if (columnNames == null) {
            return false;
        }
        for (int w : network.widths()) {
            if (w > 5) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void draw(Graphics2D g, int width, int height) {
        int[] widths = network.widths();
        boolean compact = compact();
        List<List<String>> labels = NodeNames.nodeLabels(widths);
        int columns = widths.length;
        double margin = compact ? Math.min(width / 5.0, 150) : 70; // room for column names beside the nodes
        double left = margin, right = width - margin, top = 70, bottom = height - 50;
        double colStep = (right - left) / (columns - 1);
        double radius = Math.min(20, Math.max(9, (bottom - top) / (2.6 * MAX_SHOWN)));

        // node positions, with a gap in the middle of summarized columns
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        List<int[]> idx = new ArrayList<>();
        int tallest = 0;
        for (int w : widths) {
            tallest = Math.max(tallest, shown(w).length + (w > MAX_SHOWN ? 1 : 0));
        }
        double rowStep = Math.min(110, (bottom - top) / Math.max(1, tallest));
        for (int cIdx = 0; cIdx < columns; cIdx++) {
            int[] s = shown(widths[cIdx]);
            boolean gap = widths[cIdx] > MAX_SHOWN;
            int slots = s.length + (gap ? 1 : 0);
            double[] x = new double[s.length];
            double[] y = new double[s.length];
            double mid = (top + bottom) / 2;
            for (int i = 0; i < s.length; i++) {
                int slot = gap && i >= s.length / 2 ? i + 1 : i;
                x[i] = left + cIdx * colStep;
                y[i] = mid + (slot - (slots - 1) / 2.0) * rowStep;
            }
            xs.add(x);
            ys.add(y);
            idx.add(s);
        }

        g.setColor(Palette.TEXT);
        g.setFont(Charts.TITLE);
        FontMetrics tm = g.getFontMetrics();
        g.drawString(title, (float) (width - tm.stringWidth(title)) / 2, 28);
        g.setFont(Charts.NOTE);
        String sub = compact ? "edge width: |weight|;  red: positive, blue: negative;  node fill: its bias, in the same colours"
                : trained
                ? "edge width: |weight|;  red: positive, blue: negative;  b: bias"
                : "every weight \u03bb\u1d62\u2c7c joins node i to node j; every bias b\u2c7c enters node j";
        g.drawString(sub, (float) (width - g.getFontMetrics().stringWidth(sub)) / 2, 46);

        double maxAbs = 1e-12;
        if (trained) {
            for (var l : network.layers()) {
                for (double v : l.weights().values()) {
                    maxAbs = Math.max(maxAbs, Math.abs(v));
                }
            }
        }

        // edges, then labels so they sit on top
        List<Runnable> texts = new ArrayList<>();
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        for (int l = 0; l + 1 < columns; l++) {
            var layer = network.layer(l);
            int[] from = idx.get(l), to = idx.get(l + 1);
            boolean labelled = !compact && from.length * to.length <= MAX_LABELLED && widths[l] <= MAX_SHOWN
                    && widths[l + 1] <= MAX_SHOWN;
            int edgeNo = 0;
            for (int o = 0; o < to.length; o++) {
                for (int i = 0; i < from.length; i++, edgeNo++) {
                    double x0 = xs.get(l)[i], y0 = ys.get(l)[i], x1 = xs.get(l + 1)[o], y1 = ys.get(l + 1)[o];
                    double w = layer.weights().values()[to[o] * layer.inputs() + from[i]];
                    Color col;
                    float stroke;
                    if (trained) {
                        col = w >= 0 ? Palette.POSITIVE : Palette.NEGATIVE;
                        stroke = (float) (0.6 + 6.5 * Math.abs(w) / maxAbs);
                    } else {
                        col = chapterShape() ? CHAPTER_EDGE[l][edgeNo] : LAYER[l % LAYER.length];
                        stroke = labelled ? 1.6f : 0.6f;
                    }
                    if (!labelled) {
                        col = new Color(col.getRed(), col.getGreen(), col.getBlue(), 110);
                    }
                    g.setColor(col);
                    g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.draw(new Line2D.Double(x0, y0, x1, y1));
                    if (labelled) {
                        String from1 = labels.get(l).get(from[i]).substring(1);
                        String to1 = labels.get(l + 1).get(to[o]).substring(1);
                        String text = "\u03bb" + subscript(from1) + (from1.length() > 1 || to1.length() > 1 ? "," : "")
                                + subscript(to1);
                        if (trained) {
                            text += " = " + String.format(Locale.ROOT, "%.2f", w);
                        }
                        // Labels of crossing edges must not meet at the crossings: group the edges of
                        // a layer by the side with fewer nodes and put each group at its own distance.
                        double t;
                        if (from.length == 1 || to.length == 1) {
                            t = 0.5;
                        } else if (from.length >= to.length) {
                            t = 0.3 + 0.4 * o / (to.length - 1);
                        } else {
                            t = 0.3 + 0.4 * i / (from.length - 1);
                        }
                        double lx = x0 + t * (x1 - x0), ly = y0 + t * (y1 - y0);
                        Color tc = col.darker();
                        String txt = text;
                        texts.add(() -> label(g, txt, lx, ly, tc, labelFont));
                    }
                }
            }
        }
        // nodes and bias arrows; all labels last, so nothing is drawn over them
        Font nodeFont = new Font(Font.SANS_SERIF, Font.BOLD, radius >= 16 ? 12 : 9);
        for (int cIdx = 0; cIdx < columns; cIdx++) {
            int[] s = idx.get(cIdx);
            double maxBias = 1e-12; // a column's fills are scaled by its largest bias
            if (cIdx > 0) {
                for (double b : network.layer(cIdx - 1).bias().values()) {
                    maxBias = Math.max(maxBias, Math.abs(b));
                }
            }
            for (int i = 0; i < s.length; i++) {
                double x = xs.get(cIdx)[i], y = ys.get(cIdx)[i];
                if (cIdx > 0 && widths[cIdx] <= MAX_SHOWN && !compact) {
                    String node = labels.get(cIdx).get(s[i]);
                    double bias = network.layer(cIdx - 1).bias().values()[s[i]];
                    String b = "b" + subscript(node.substring(1)) + (trained ? String.format(Locale.ROOT, " = %.2f", bias) : "");
                    arrow(g, x, y - radius * 2.3, x, y - radius - 1);
                    double by = y - radius * 2.3 - 8;
                    texts.add(() -> label(g, b, x, by, Palette.TEXT, labelFont));
                }
                Color fill = Color.WHITE;
                if (compact && cIdx > 0) {
                    double b = network.layer(cIdx - 1).bias().values()[s[i]] / maxBias;
                    Color hue = b >= 0 ? Palette.POSITIVE : Palette.NEGATIVE;
                    double t = Math.min(1, Math.abs(b));
                    fill = new Color((int) (255 + t * (hue.getRed() - 255)), (int) (255 + t * (hue.getGreen() - 255)),
                            (int) (255 + t * (hue.getBlue() - 255)));
                }
                g.setColor(fill);
                g.fill(new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius));
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(1.4f));
                g.draw(new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius));
                if (compact && (cIdx == 0 || cIdx == columns - 1) && s[i] < columnNames.size()) {
                    g.setFont(labelFont); // inputs named on the left, outputs on the right
                    FontMetrics lm = g.getFontMetrics();
                    String col = columnNames.get(s[i]);
                    while (col.length() > 4 && lm.stringWidth(col) > margin - radius - 12) {
                        col = col.substring(0, col.length() - 2) + "\u2026";
                    }
                    g.setColor(Palette.TEXT);
                    float tx = (float) (cIdx == 0 ? x - radius - 6 - lm.stringWidth(col) : x + radius + 6);
                    g.drawString(col, tx, (float) (y + lm.getAscent() / 2.0 - 1));
                }
                if (compact) {
                    continue; // the nodes' own names (I1, L7, ...) mean nothing on real data
                }
                String name = labels.get(cIdx).get(s[i]);
                Font fitted = nodeFont; // a name like O10 shrinks until it fits inside its circle
                while (fitted.getSize2D() > 6 && g.getFontMetrics(fitted).stringWidth(name) > 1.6 * radius) {
                    fitted = fitted.deriveFont(fitted.getSize2D() - 0.5f);
                }
                g.setFont(fitted);
                FontMetrics fm = g.getFontMetrics();
                g.drawString(name, (float) (x - fm.stringWidth(name) / 2.0), (float) (y + fm.getAscent() / 2.0 - 2));
            }
            if (widths[cIdx] > MAX_SHOWN) {
                double[] y = ys.get(cIdx);
                double gapY = (y[s.length / 2 - 1] + y[s.length / 2]) / 2;
                g.setFont(labelFont);
                g.setColor(Palette.TEXT);
                String more = "\u22ee " + (widths[cIdx] - s.length) + " more";
                g.drawString(more, (float) (xs.get(cIdx)[0] - g.getFontMetrics().stringWidth(more) / 2.0), (float) gapY + 4);
            }
            g.setFont(Charts.NOTE);
            g.setColor(new Color(0x555555));
            String cap = columnCaption(cIdx, columns) + " (" + widths[cIdx] + ")";
            g.drawString(cap, (float) (xs.get(cIdx)[0] - g.getFontMetrics().stringWidth(cap) / 2.0), (float) (height - 18));
        }
        texts.forEach(Runnable::run);
    }

    private String columnCaption(int c, int columns) {
        if (c == 0) {
            return "input";
        }
        if (c == columns - 1) {
            return "output, " + network.layer(c - 1).activation().id();
        }
        String act = network.layer(c - 1).activation().id();
        return (c == network.bottleneckLayer() ? "latent, " : "hidden, ") + act;
    }

    /** Digits as Unicode subscripts (DejaVu Sans, the figures' font, has them). */
    static String subscript(String digits) {
        StringBuilder b = new StringBuilder(digits.length());
        for (char ch : digits.toCharArray()) {
            b.append(ch >= '0' && ch <= '9' ? (char) ('\u2080' + (ch - '0')) : ch);
        }
        return b.toString();
    }

    private static void label(Graphics2D g, String text, double x, double y, Color color, Font font) {
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        double w = fm.stringWidth(text) + 4, h = fm.getAscent() + 2;
        g.setColor(new Color(255, 255, 255, 225));
        g.fill(new java.awt.geom.RoundRectangle2D.Double(x - w / 2, y - h / 2, w, h, 4, 4));
        g.setColor(color);
        g.drawString(text, (float) (x - w / 2 + 2), (float) (y + fm.getAscent() / 2.0 - 1));
    }

    private static void arrow(Graphics2D g, double x0, double y0, double x1, double y1) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.1f));
        g.draw(new Line2D.Double(x0, y0, x1, y1));
        double a = Math.atan2(y1 - y0, x1 - x0), len = 7;
        Path2D.Double head = new Path2D.Double();
        head.moveTo(x1, y1);
        head.lineTo(x1 - len * Math.cos(a - 0.4), y1 - len * Math.sin(a - 0.4));
        head.lineTo(x1 - len * Math.cos(a + 0.4), y1 - len * Math.sin(a + 0.4));
        head.closePath();
        g.fill(head);
    }
}
