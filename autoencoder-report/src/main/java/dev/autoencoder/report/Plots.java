package dev.autoencoder.report;

import dev.autoencoder.chapter.LinearFit;
import dev.autoencoder.math.Matrix;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;

import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The figures of the chapter's story, as {@link Figure}s, general enough for any data: samples as
 * profiles over their features, loss curves, the latent code against a label, reconstructions.
 */
public final class Plots {
    private Plots() {}

    private static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {5f, 4f}, 0f);
    private static final Ellipse2D.Double DOT = new Ellipse2D.Double(-4, -4, 8, 8);

    /**
     * Each sample's values against its node index (I1 at the top), numbered from {@code firstNumber},
     * with its slope label beside its last value: the chapter's picture of its data.
     */
    public static Figure samples(Matrix x, double[] slope, int firstNumber, String title) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int i = 0; i < x.rows; i++) {
            XYSeries s = new XYSeries("#" + (firstNumber + i), false);
            for (int j = 0; j < x.cols; j++) {
                s.add(x.get(i, j), j + 1);
            }
            data.addSeries(s);
        }
        NumberAxis z = Charts.axis("value at each input node");
        XYPlot plot = Charts.plot(data, z, Charts.nodeAxis(x.cols));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setDrawSeriesLineAsPath(true);
        Color[] colour = slope != null ? Palette.byRank(slope) : Palette.byRank(x.column(0));
        for (int i = 0; i < x.rows; i++) {
            r.setSeriesPaint(i, colour[i]);
            r.setSeriesStroke(i, new BasicStroke(2.2f));
            r.setSeriesShape(i, DOT);
            r.setSeriesOutlinePaint(i, Color.BLACK);
        }
        r.setUseOutlinePaint(true);
        r.setDrawOutlines(true);
        plot.setRenderer(r);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : x.data) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double gap = 0.06 * (hi - lo);
        int[] numberRow = stagger(x.column(0), gap);
        int[] slopeRow = stagger(x.column(x.cols - 1), gap);
        for (int i = 0; i < x.rows; i++) {
            XYTextAnnotation number = new XYTextAnnotation(Integer.toString(firstNumber + i), x.get(i, 0),
                    0.82 - 0.13 * numberRow[i]);
            number.setFont(Charts.NOTE);
            number.setPaint(colour[i].darker());
            plot.addAnnotation(number);
            if (slope != null) {
                double y = x.cols + 0.2 + 0.13 * slopeRow[i];
                XYTextAnnotation label = new XYTextAnnotation(fmt2(slope[i]), x.get(i, x.cols - 1), y);
                label.setFont(Charts.NOTE);
                plot.addAnnotation(label);
            }
        }
        ((org.jfree.chart.axis.SymbolAxis) plot.getRangeAxis()).setRange(0.35, x.cols + 0.75);
        JFreeChart c = Charts.chart(title, plot, false);
        Charts.subtitle(c, "numbers above: sample index; below: slope label (not used in training); colour: slope, "
                + "purple lowest to green highest");
        return Charts.figure(c);
    }

    /** Training loss per epoch, and a second curve (validation or test) beside it when given. */
    public static Figure loss(double[] train, double[] other, String otherName, String lossName, boolean log) {
        return loss(train, other, otherName, lossName, log, -1);
    }

    /** As above, with the epoch of the best validation loss marked (none when {@code best} is negative). */
    public static Figure loss(double[] train, double[] other, String otherName, String lossName, boolean log, int best) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("training", train, log));
        if (other != null && other.length > 0) {
            data.addSeries(series(otherName, other, log));
        }
        NumberAxis x = Charts.axis("epoch");
        x.setAutoRangeIncludesZero(true);
        NumberAxis yLinear = Charts.axis(lossName + (log ? " (log scale)" : ""));
        XYPlot plot = Charts.plot(data, x, yLinear);
        if (log) {
            NumberAxis y = logAxis(lossName + " (log scale)"); // ticks at 1, 2 and 5 times whole powers of ten
            y.setLabelFont(Charts.LABEL);
            y.setTickLabelFont(Charts.TICK);
            plot.setRangeAxis(y);
        } else {
            yLinear.setAutoRangeIncludesZero(true);
        }
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        r.setSeriesPaint(0, Palette.TRAIN);
        r.setSeriesStroke(0, new BasicStroke(2f));
        r.setSeriesPaint(1, Palette.TEST);
        r.setSeriesStroke(1, DASHED);
        if (best >= 0 && other != null && best < other.length) {
            org.jfree.chart.plot.ValueMarker m = new org.jfree.chart.plot.ValueMarker(best, new Color(0x555555),
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
            m.setLabel(String.format(Locale.ROOT, "best %s: epoch %d", otherName, best));
            m.setLabelFont(Charts.NOTE);
            boolean late = best > other.length / 2; // the label on the side with room
            m.setLabelAnchor(late ? org.jfree.chart.ui.RectangleAnchor.TOP_LEFT : org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(late ? org.jfree.chart.ui.TextAnchor.TOP_RIGHT : org.jfree.chart.ui.TextAnchor.TOP_LEFT);
            m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            m.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 4));
            plot.addDomainMarker(m);
        }
        JFreeChart c = Charts.chart("Loss against epoch", plot, true);
        int last = train.length - 1;
        String note = String.format(Locale.ROOT, "last epoch %d: training %.4g", last, train[last]);
        if (other != null && other.length > 0) {
            note += String.format(Locale.ROOT, ", %s %.4g", otherName, other[other.length - 1]);
        }
        Charts.subtitle(c, note);
        return Charts.figure(c);
    }

    private static XYSeries series(String name, double[] values, boolean log) {
        XYSeries s = new XYSeries(name, false, true);
        // at most ~1,000 points per curve keeps the SVG small; the curves are smooth at that density
        int stride = Math.max(1, values.length / 1000);
        for (int i = 0; i < values.length; i += stride) {
            if (!log || values[i] > 0) {
                s.add(i, values[i], false);
            }
        }
        if ((values.length - 1) % stride != 0 && (!log || values[values.length - 1] > 0)) {
            s.add(values.length - 1, values[values.length - 1], false);
        }
        return s;
    }

    /** A latent value against a label, numbered points, the least-squares line and r. */
    public static Figure latentVsLabel(double[] latent, double[] label, LinearFit fit, String latentName,
                                       String labelName) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries line = new XYSeries("least squares", true);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : label) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double pad = 0.08 * (hi - lo + 1e-12);
        line.add(lo - pad, fit.intercept() + fit.slope() * (lo - pad));
        line.add(hi + pad, fit.intercept() + fit.slope() * (hi + pad));
        data.addSeries(line);
        for (int i = 0; i < label.length; i++) {
            XYSeries s = new XYSeries("#" + (i + 1));
            s.add(label[i], latent[i]);
            data.addSeries(s);
        }
        XYPlot plot = Charts.plot(data, Charts.axis(labelName), Charts.axis(latentName));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesLinesVisible(0, true);
        r.setSeriesShapesVisible(0, false);
        r.setSeriesPaint(0, new Color(0x444444)); // not a sample's colour
        r.setSeriesStroke(0, DASHED);
        Color[] colour = Palette.byRank(label);
        for (int i = 0; i < label.length; i++) {
            r.setSeriesPaint(i + 1, colour[i]);
            r.setSeriesShape(i + 1, DOT);
            r.setSeriesOutlinePaint(i + 1, Color.BLACK);
        }
        r.setUseOutlinePaint(true);
        r.setDrawOutlines(true);
        plot.setRenderer(r);
        for (XYTextAnnotation a : pointNumbers(label, latent, lo - pad, hi + pad)) {
            plot.addAnnotation(a);
        }
        JFreeChart c = Charts.chart(latentName + " against " + labelName, plot, false);
        Charts.subtitle(c, String.format(Locale.ROOT, "%s = %.4f %+.4f x %s,   Pearson r = %.4f", latentName,
                fit.intercept(), fit.slope(), labelName, fit.r()));
        return Charts.figure(c);
    }

    /**
     * Each point's number beside it, on the first side (upper right, lower right, upper left, lower left)
     * where it covers no other point and no number already placed; sizes are estimated as fractions of the
     * axes' ranges, for a figure about 760 x 480.
     */
    static List<XYTextAnnotation> pointNumbers(double[] x, double[] y, double xlo, double xhi) {
        double ylo = Double.POSITIVE_INFINITY, yhi = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            ylo = Math.min(ylo, v);
            yhi = Math.max(yhi, v);
        }
        double xr = xhi - xlo, yr = (yhi - ylo) * 1.1 + 1e-12;
        double markX = 0.012 * xr, markY = 0.02 * yr, charX = 0.011 * xr, textY = 0.035 * yr;
        List<double[]> taken = new ArrayList<>(); // boxes: x0, y0, x1, y1
        for (int i = 0; i < x.length; i++) {
            taken.add(new double[] {x[i] - markX, y[i] - markY, x[i] + markX, y[i] + markY});
        }
        List<XYTextAnnotation> out = new ArrayList<>();
        TextAnchor[] anchors = {TextAnchor.BOTTOM_LEFT, TextAnchor.TOP_LEFT, TextAnchor.BOTTOM_RIGHT, TextAnchor.TOP_RIGHT};
        int[][] sides = {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}};
        for (int i = 0; i < x.length; i++) {
            String text = Integer.toString(i + 1);
            double w = charX * text.length();
            int chosen = 0;
            double[] box = null;
            for (int k = 0; k < sides.length && box == null; k++) {
                double ax = x[i] + sides[k][0] * markX * 0.7, ay = y[i] + sides[k][1] * markY * 0.7;
                double[] b = {Math.min(ax, ax + sides[k][0] * w), Math.min(ay, ay + sides[k][1] * textY),
                    Math.max(ax, ax + sides[k][0] * w), Math.max(ay, ay + sides[k][1] * textY)};
                boolean free = true;
                for (int j = 0; j < taken.size() && free; j++) {
                    double[] t = taken.get(j);
                    boolean own = j == i;
                    free = own || b[2] <= t[0] || b[0] >= t[2] || b[3] <= t[1] || b[1] >= t[3];
                }
                if (free) {
                    chosen = k;
                    box = b;
                }
            }
            if (box == null) {
                double ax = x[i] + markX * 0.7, ay = y[i] + markY * 0.7;
                box = new double[] {ax, ay, ax + w, ay + textY};
            }
            taken.add(box);
            XYTextAnnotation a = new XYTextAnnotation(text, x[i] + sides[chosen][0] * markX * 0.7,
                    y[i] + sides[chosen][1] * markY * 0.7);
            a.setFont(Charts.NOTE);
            a.setTextAnchor(anchors[chosen]);
            out.add(a);
        }
        return out;
    }

    /**
     * One small panel per sample (up to 12, 4 rows x 3 columns): the data solid, the reconstruction
     * dashed, both against the node index.
     */
    public static Figure reconstructions(Matrix x, Matrix reconstruction, double[] slope, int firstNumber,
                                         String title) {
        int n = Math.min(12, x.rows);
        int cols = 3, rows = (n + cols - 1) / cols;
        Color[] colour = slope != null ? Palette.byRank(slope) : Palette.byRank(x.column(0));
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < x.cols; j++) {
                lo = Math.min(lo, Math.min(x.get(i, j), reconstruction.get(i, j)));
                hi = Math.max(hi, Math.max(x.get(i, j), reconstruction.get(i, j)));
            }
        }
        double pad = 0.1 * (hi - lo + 1e-9);
        double xlo = lo - pad, xhi = hi + pad;
        JFreeChart[] panels = new JFreeChart[n];
        for (int i = 0; i < n; i++) {
            XYSeriesCollection data = new XYSeriesCollection();
            XYSeries d = new XYSeries("data", false);
            XYSeries rec = new XYSeries("reconstruction", false);
            for (int j = 0; j < x.cols; j++) {
                d.add(x.get(i, j), j + 1);
                rec.add(reconstruction.get(i, j), j + 1);
            }
            data.addSeries(d);
            data.addSeries(rec);
            NumberAxis z = Charts.axis("value");
            z.setRange(xlo, xhi);
            XYPlot plot = Charts.plot(data, z, Charts.nodeAxis(x.cols));
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
            r.setDrawSeriesLineAsPath(true);
            Color c = colour[i];
            Color line = c.darker();
            r.setSeriesPaint(0, line);
            r.setSeriesStroke(0, new BasicStroke(2f));
            r.setSeriesShape(0, DOT);
            r.setSeriesPaint(1, line);
            r.setSeriesStroke(1, DASHED);
            r.setSeriesShape(1, new Rectangle2D.Double(-3, -3, 6, 6));
            plot.setRenderer(r);
            String t = "#" + (firstNumber + i) + (slope == null ? "" : "   slope " + fmt2(slope[i]));
            JFreeChart chart = Charts.chart(t, plot, false);
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            panels[i] = chart;
        }
        int rowsF = rows;
        return (Graphics2D g, int w, int h) -> {
            int top = 34;
            g.setColor(Palette.TEXT);
            g.setFont(Charts.TITLE);
            int tw = g.getFontMetrics().stringWidth(title);
            g.drawString(title, (w - tw) / 2f, 22);
            g.setFont(Charts.NOTE);
            String note = "solid: data,  dashed: reconstruction";
            g.drawString(note, (w - g.getFontMetrics().stringWidth(note)) / 2f, 34);
            double pw = (double) w / cols, ph = (double) (h - top - 6) / rowsF;
            for (int i = 0; i < panels.length; i++) {
                int rr = i / cols, cc = i % cols;
                panels[i].draw(g, new Rectangle2D.Double(cc * pw + 4, top + 6 + rr * ph, pw - 8, ph - 6));
            }
        };
    }

    /**
     * The first two latent dimensions of every row (one dimension against the row index when the code
     * is one-dimensional), coloured by a label when given.
     */
    public static Figure latentScatter(Matrix latent, double[] colour, String colourName) {
        return latentScatter(latent, colour, colourName, latent.cols >= 2 ? "latent 1" : "row",
                latent.cols >= 2 ? "latent 2" : "latent 1", latent.cols > 2 ? "first two of " + latent.cols
                        + " latent dimensions" : null, null);
    }

    /**
     * Points coloured as {@link #latentScatter(Matrix, double[], String)}, on named axes (the first two columns
     * of {@code latent}, or row number and the only column), with a note under the title (or null); rows marked
     * in {@code heldOut} (or none, when null) are drawn open, in their colour, as validation rows.
     */
    public static Figure latentScatter(Matrix latent, double[] colour, String colourName, String xName, String yName,
                                       String note, boolean[] heldOut) {
        XYSeriesCollection data = new XYSeriesCollection();
        // A label with at most 10 distinct values is a category: one colour each (digits 0-9, 0/1 outliers).
        // Otherwise colour by quintiles (equal counts per colour), so skewed labels still spread out.
        double[] distinct = colour == null ? new double[0] : java.util.Arrays.stream(colour).distinct().sorted().toArray();
        boolean categorical = colour != null && distinct.length <= 10;
        int bins = colour == null ? 1 : categorical ? distinct.length : 5;
        double[] edges = new double[bins + 1];
        if (colour != null && !categorical) {
            for (int b = 0; b <= bins; b++) {
                edges[b] = dev.autoencoder.metrics.RankingMetrics.quantile(colour, (double) b / bins);
            }
        }
        int kinds = heldOut == null ? 1 : 2; // training rows, and validation rows drawn open
        XYSeries[] series = new XYSeries[bins * kinds];
        for (int k = 0; k < kinds; k++) {
            for (int b = 0; b < bins; b++) {
                String name = colour == null ? (heldOut == null ? "rows" : "training rows") : categorical
                        ? colourName + " " + fmtShort(distinct[b])
                        : String.format(Locale.ROOT, "%s %.3g to %.3g (%d)", colourName, edges[b], edges[b + 1], b + 1);
                series[k * bins + b] = new XYSeries(k == 0 ? name : colour == null ? "validation rows"
                        : name + ", validation", false);
            }
        }
        for (int i = 0; i < latent.rows; i++) {
            int b = 0;
            if (categorical) {
                b = java.util.Arrays.binarySearch(distinct, colour[i]);
            } else if (colour != null) {
                while (b < bins - 1 && colour[i] > edges[b + 1]) {
                    b++;
                }
            }
            double xv = latent.cols >= 2 ? latent.get(i, 0) : i;
            double yv = latent.cols >= 2 ? latent.get(i, 1) : latent.get(i, 0);
            series[(heldOut != null && heldOut[i] ? bins : 0) + b].add(xv, yv);
        }
        for (XYSeries s : series) {
            data.addSeries(s);
        }
        XYPlot plot = Charts.plot(data, Charts.axis(xName), Charts.axis(yName));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        for (int k = 0; k < kinds; k++) {
            for (int b = 0; b < bins; b++) {
                int s = k * bins + b;
                // categories: Okabe-Ito; ordered quintiles: viridis, dark to light
                r.setSeriesPaint(s, bins == 1 ? Palette.TRAIN : categorical ? Palette.strong(b)
                        : Palette.viridis(0.9 * b / (bins - 1)));
                r.setSeriesShape(s, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
                r.setSeriesShapesFilled(s, k == 0);
            }
        }
        plot.setRenderer(r);
        JFreeChart c = Charts.chart("Latent codes", plot, colour != null || heldOut != null);
        if (colour != null) {
            Charts.subtitle(c, categorical ? "colour: " + colourName : "colour: quintiles of " + colourName);
        }
        Charts.subtitle(c, latent.rows + " rows" + (note == null ? "" : "; " + note));
        return Charts.figure(c);
    }

    /**
     * Images next to their reconstructions: pairs of rows, originals above and reconstructions below,
     * {@code perRow} images wide; pixel values are clipped to [0, 1] and drawn dark on light.
     */
    public static Figure imageGrid(Matrix originals, Matrix reconstructions, int side, int count, int perRow,
                                   String title) {
        int n = Math.min(count, originals.rows);
        int rowsOfPairs = (n + perRow - 1) / perRow;
        return (Graphics2D g, int w, int h) -> {
            int top = 40;
            g.setColor(Palette.TEXT);
            g.setFont(Charts.TITLE);
            g.drawString(title, (w - g.getFontMetrics().stringWidth(title)) / 2f, 22);
            g.setFont(Charts.NOTE);
            String note = "each pair: the image (upper) and its reconstruction (lower)";
            g.drawString(note, (w - g.getFontMetrics().stringWidth(note)) / 2f, 35);
            double cell = Math.min((w - 20.0) / perRow, (h - top - 10.0) / (2.0 * rowsOfPairs + 0.4 * rowsOfPairs));
            double px = (cell - 4) / side;
            for (int i = 0; i < n; i++) {
                int rr = i / perRow, cc = i % perRow;
                double x0 = (w - perRow * cell) / 2 + cc * cell + 2;
                double y0 = top + rr * cell * 2.4;
                drawImage(g, originals, i, side, x0, y0, px);
                drawImage(g, reconstructions, i, side, x0, y0 + cell, px);
            }
        };
    }

    private static void drawImage(Graphics2D g, Matrix m, int row, int side, double x0, double y0, double px) {
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                double v = Math.max(0, Math.min(1, m.get(row, r * side + c)));
                int grey = (int) Math.round(255 * (1 - v));
                g.setColor(new Color(grey, grey, grey));
                g.fill(new Rectangle2D.Double(x0 + c * px, y0 + r * px, px + 0.3, px + 0.3));
            }
        }
        g.setColor(new Color(0xcccccc));
        g.setStroke(new BasicStroke(0.5f));
        g.draw(new Rectangle2D.Double(x0, y0, side * px, side * px));
    }

    /** One panel of a multi-panel line figure: a title, axis labels and named (x, y) series. */
    public record Panel(String title, String xLabel, String yLabel, java.util.Map<String, double[][]> series) {}

    /** Panels side by side, each a line chart with markers (log-log axes when {@code logLog}). */
    public static Figure panels(String title, List<Panel> panels, boolean logLog) {
        JFreeChart[] charts = new JFreeChart[panels.size()];
        for (int i = 0; i < charts.length; i++) {
            Panel p = panels.get(i);
            XYSeriesCollection data = new XYSeriesCollection();
            for (var e : p.series().entrySet()) {
                XYSeries s = new XYSeries(e.getKey(), false);
                for (double[] xy : e.getValue()) {
                    s.add(xy[0], xy[1]);
                }
                data.addSeries(s);
            }
            org.jfree.chart.axis.ValueAxis xa = logLog ? logAxis(p.xLabel()) : Charts.axis(p.xLabel());
            org.jfree.chart.axis.ValueAxis ya = logLog ? logAxis(p.yLabel()) : Charts.axis(p.yLabel());
            for (org.jfree.chart.axis.ValueAxis a : new org.jfree.chart.axis.ValueAxis[] {xa, ya}) {
                a.setLabelFont(Charts.LABEL);
                a.setTickLabelFont(Charts.TICK);
            }
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
            r.setDrawSeriesLineAsPath(true);
            XYPlot plot = new XYPlot(data, xa, ya, r);
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(Palette.GRID);
            plot.setRangeGridlinePaint(Palette.GRID);
            for (int k = 0; k < data.getSeriesCount(); k++) {
                r.setSeriesPaint(k, Palette.strong(k));
                r.setSeriesStroke(k, new BasicStroke(2f));
                r.setSeriesShape(k, DOT);
            }
            JFreeChart c = Charts.chart(p.title(), plot, data.getSeriesCount() > 1);
            c.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            charts[i] = c;
        }
        return (Graphics2D g, int w, int h) -> {
            g.setColor(Palette.TEXT);
            g.setFont(Charts.TITLE);
            g.drawString(title, (w - g.getFontMetrics().stringWidth(title)) / 2f, 22);
            double pw = (double) w / charts.length;
            for (int i = 0; i < charts.length; i++) {
                charts[i].draw(g, new Rectangle2D.Double(i * pw + 4, 32, pw - 8, h - 36));
            }
        };
    }

    /**
     * A text row (0, 1, 2, ...) for each label at position x[i], so that labels on one row are at
     * least {@code gap} apart: labels of nearby points go to different rows instead of overlapping.
     */
    static int[] stagger(double[] x, double gap) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < x.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        java.util.List<Double> rowEnd = new java.util.ArrayList<>();
        int[] row = new int[x.length];
        for (int i : order) {
            int r = 0;
            while (r < rowEnd.size() && x[i] - rowEnd.get(r) < gap) {
                r++;
            }
            if (r == rowEnd.size()) {
                rowEnd.add(x[i]);
            } else {
                rowEnd.set(r, x[i]);
            }
            row[i] = r;
        }
        return row;
    }

    private static String fmtShort(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    static String fmt2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }


    /**
     * A log axis with ticks at 1, 2, 5 x 10^k labelled as plain numbers (JFreeChart's LogAxis spaces its
     * ticks evenly in log space, which gave labels such as 3162.2777).
     */
    private static org.jfree.chart.axis.NumberAxis logAxis(String label) {
        org.jfree.chart.axis.LogarithmicAxis a = new org.jfree.chart.axis.LogarithmicAxis(label) {
            @Override
            protected java.util.List refreshTicksHorizontal(Graphics2D g2, java.awt.geom.Rectangle2D area,
                                                            org.jfree.chart.ui.RectangleEdge edge) {
                return oneTwoFive(super.refreshTicksHorizontal(g2, area, edge));
            }

            @Override
            protected java.util.List refreshTicksVertical(Graphics2D g2, java.awt.geom.Rectangle2D area,
                                                          org.jfree.chart.ui.RectangleEdge edge) {
                return oneTwoFive(super.refreshTicksVertical(g2, area, edge));
            }
        };
        a.setExpTickLabelsFlag(false);
        a.setLog10TickLabelsFlag(false);
        a.setStrictValuesFlag(false);
        a.setAutoRangeNextLogFlag(false);
        return a;
    }

    /** Keeps the ticks whose leading digit is 1, 2 or 5 and labels them plainly. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static java.util.List oneTwoFive(java.util.List ticks) {
        java.util.List kept = new java.util.ArrayList();
        java.text.DecimalFormat f = new java.text.DecimalFormat("0.####");
        for (Object o : ticks) {
            org.jfree.chart.axis.NumberTick t = (org.jfree.chart.axis.NumberTick) o;
            double v = t.getValue();
            double lead = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
            long digit = Math.round(lead);
            if (v > 0 && Math.abs(lead - digit) < 1e-6 && (digit == 1 || digit == 2 || digit == 5)) {
                String label = v >= 1e-4 ? f.format(v) : digit + "e" + (int) Math.floor(Math.log10(v) + 1e-9);
                kept.add(new org.jfree.chart.axis.NumberTick(v, label, t.getTextAnchor(), t.getRotationAnchor(),
                        t.getAngle()));
            }
        }
        return kept.isEmpty() ? ticks : kept;
    }
}
