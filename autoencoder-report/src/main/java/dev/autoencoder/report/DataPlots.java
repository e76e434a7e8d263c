package dev.autoencoder.report;

import dev.autoencoder.math.Matrix;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Figures for a model trained on real data: how well each column is rebuilt (in the data's units and
 * against each column's spread), reconstructed against actual values column by column, and the anomaly
 * scores' histogram with the threshold drawn in.
 */
public final class DataPlots {
    private DataPlots() {}

    /** Most columns one figure shows; wider tables show their worst-rebuilt columns and say so. */
    static final int MAX_COLUMNS = 30;

    /**
     * One bar per column: the root-mean-square reconstruction error in the column's own units, labelled with
     * that error as a share of the column's standard deviation (0% kept perfectly, 100% no better than the mean).
     */
    public static Figure columnErrors(List<String> names, double[] rmse, double[] spread) {
        Integer[] order = worstFirst(rmse, spread);
        int shown = Math.min(order.length, MAX_COLUMNS);
        return (Graphics2D g, int w, int h) -> {
            g.setColor(Color.WHITE);
            heading(g, w, h, "Reconstruction error per column", "bar: share of the column's standard deviation lost; "
                    + "label: RMS error in the column's units"
                    + (shown < order.length ? "; the " + shown + " worst of " + order.length + " columns" : ""));
            g.setFont(Charts.TICK);
            FontMetrics fm = g.getFontMetrics();
            int nameWidth = 0;
            for (int k = 0; k < shown; k++) {
                nameWidth = Math.max(nameWidth, fm.stringWidth(names.get(order[k])));
            }
            nameWidth = Math.min(nameWidth, w / 3);
            double left = 16 + nameWidth + 8, right = w - 150, top = 52, rowH = (h - top - 28) / (double) shown;
            double max = 1.0;
            for (int k = 0; k < shown; k++) {
                max = Math.max(max, share(rmse[order[k]], spread[order[k]]));
            }
            // grid at 0, 25, 50, 75, 100 % of the spread
            g.setStroke(new BasicStroke(0.8f));
            for (int p = 0; p <= 4; p++) {
                double x = left + (right - left) * (p * 0.25) / max;
                g.setColor(Palette.GRID);
                g.draw(new java.awt.geom.Line2D.Double(x, top, x, top + rowH * shown));
                g.setColor(Palette.TEXT);
                String t = (p * 25) + "%";
                g.drawString(t, (float) (x - fm.stringWidth(t) / 2.0), (float) (top + rowH * shown + 16));
            }
            for (int k = 0; k < shown; k++) {
                int c = order[k];
                double y = top + k * rowH;
                double s = share(rmse[c], spread[c]);
                g.setColor(new Color(0x4e79a7));
                g.fill(new Rectangle2D.Double(left, y + rowH * 0.15, (right - left) * s / max, rowH * 0.7));
                g.setColor(Palette.TEXT);
                String name = clip(names.get(c), fm, nameWidth);
                g.drawString(name, (float) (left - 8 - fm.stringWidth(name)), (float) (y + rowH / 2 + fm.getAscent() / 2.0 - 2));
                String label = String.format(Locale.ROOT, "%.0f%%  (%s)", 100 * s, g3(rmse[c]));
                g.drawString(label, (float) (left + (right - left) * s / max + 6),
                        (float) (y + rowH / 2 + fm.getAscent() / 2.0 - 2));
            }
        };
    }

    /** Column indices, the largest share of its spread lost first. */
    static Integer[] worstFirst(double[] rmse, double[] spread) {
        Integer[] order = new Integer[rmse.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(share(rmse[b], spread[b]), share(rmse[a], spread[a])));
        return order;
    }

    /** RMS error as a share of the spread (a constant column: 0 if rebuilt exactly, else 1). */
    static double share(double rmse, double spread) {
        return spread > 0 ? rmse / spread : rmse > 0 ? 1 : 0;
    }

    /** One panel per column (the worst-rebuilt first, up to 12): reconstructed against actual, and the line y = x. */
    public static Figure actualVsReconstructed(Matrix x, Matrix rec, List<String> names, double[] rmse, double[] spread) {
        Integer[] order = worstFirst(rmse, spread);
        int n = Math.min(12, x.cols);
        int cols = Math.min(3, n), rows = (n + cols - 1) / cols;
        int step = Math.max(1, x.rows / 1500); // at most about 1500 points a panel
        JFreeChart[] panels = new JFreeChart[n];
        for (int k = 0; k < n; k++) {
            int c = order[k];
            XYSeries pts = new XYSeries("rows", false);
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < x.rows; r += step) {
                pts.add(x.get(r, c), rec.get(r, c));
                lo = Math.min(lo, Math.min(x.get(r, c), rec.get(r, c)));
                hi = Math.max(hi, Math.max(x.get(r, c), rec.get(r, c)));
            }
            XYSeries diag = new XYSeries("y = x", false);
            diag.add(lo, lo);
            diag.add(hi, hi);
            XYSeriesCollection data = new XYSeriesCollection();
            data.addSeries(diag);
            data.addSeries(pts);
            XYPlot plot = Charts.plot(data, Charts.axis("actual"), Charts.axis("reconstructed"));
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
            r.setSeriesLinesVisible(0, true);
            r.setSeriesShapesVisible(0, false);
            r.setSeriesPaint(0, new Color(0x888888));
            r.setSeriesStroke(0, new BasicStroke(1f));
            r.setSeriesPaint(1, new Color(78, 121, 167, 110));
            r.setSeriesShape(1, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
            plot.setRenderer(r);
            JFreeChart chart = Charts.chart(names.get(c) + String.format(Locale.ROOT, "   %.0f%% lost",
                    100 * share(rmse[c], spread[c])), plot, false);
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            panels[k] = chart;
        }
        int rowsF = rows, colsF = cols;
        String title = "Reconstructed against actual" + (x.cols > n ? " (the " + n + " worst-rebuilt of " + x.cols
                + " columns)" : "");
        return (Graphics2D g, int w, int h) -> {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setColor(Palette.TEXT);
            g.setFont(Charts.TITLE);
            g.drawString(title, (w - g.getFontMetrics().stringWidth(title)) / 2f, 22);
            int top = 30;
            double pw = (double) w / colsF, ph = (double) (h - top - 4) / rowsF;
            for (int i = 0; i < panels.length; i++) {
                panels[i].draw(g, new Rectangle2D.Double(i % colsF * pw + 4, top + i / colsF * ph, pw - 8, ph - 6));
            }
        };
    }

    /** The scores' histogram with the threshold as a vertical line, and how many rows lie above it. */
    public static Figure scoreHistogram(double[] scores, double threshold, String thresholdName, String title) {
        HistogramDataset data = new HistogramDataset();
        data.addSeries("rows", scores, 60);
        NumberAxis x = Charts.axis("anomaly score");
        NumberAxis y = Charts.axis("rows");
        XYBarRenderer r = new XYBarRenderer(0.05);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, new Color(0x4e79a7));
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Palette.GRID);
        plot.setDomainGridlinesVisible(false);
        ValueMarker m = new ValueMarker(threshold, new Color(0x222222), new BasicStroke(1.6f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        m.setLabel("threshold " + g3(threshold));
        m.setLabelFont(Charts.NOTE);
        m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
        plot.addDomainMarker(m);
        int above = 0;
        for (double s : scores) {
            above += s > threshold ? 1 : 0;
        }
        JFreeChart c = Charts.chart(title, plot, false);
        Charts.subtitle(c, String.format(Locale.ROOT, "%d of %d rows above the threshold (%s)", above, scores.length,
                thresholdName));
        return Charts.figure(c);
    }


    /**
     * The latent codes once per column (up to 12), each panel's points coloured by that column's value on a
     * sequential scale (by rank, so a skewed column still spreads over the colours), with the column's 5th,
     * 50th and 95th percentiles in its own units under the colour bar.
     */
    public static Figure latentByColumn(Matrix codes, String xName, String yName, Matrix values, List<String> names) {
        int n = Math.min(12, values.cols);
        int cols = Math.min(3, n), rows = (n + cols - 1) / cols;
        double xlo = Double.POSITIVE_INFINITY, xhi = Double.NEGATIVE_INFINITY, ylo = xlo, yhi = xhi;
        for (int r = 0; r < codes.rows; r++) {
            xlo = Math.min(xlo, codes.get(r, 0));
            xhi = Math.max(xhi, codes.get(r, 0));
            ylo = Math.min(ylo, codes.get(r, 1));
            yhi = Math.max(yhi, codes.get(r, 1));
        }
        double fx0 = xlo, fx1 = xhi, fy0 = ylo, fy1 = yhi;
        return (Graphics2D g, int w, int h) -> {
            g.setColor(Color.WHITE);
            heading(g, w, h, "Latent codes coloured by each column" + (values.cols > n ? " (the first " + n + ")" : ""),
                    "x: " + xName + ", y: " + yName + "; colour: the column's value, dark low to yellow high");
            double pw = (double) w / cols, ph = (double) (h - 48) / rows;
            for (int k = 0; k < n; k++) {
                double[] col = new double[values.rows];
                for (int r = 0; r < values.rows; r++) {
                    col[r] = values.get(r, k);
                }
                double[] sorted = col.clone();
                java.util.Arrays.sort(sorted);
                double x0 = k % cols * pw + 14, y0 = 48 + k / cols * ph + 18, bw = pw - 28, bh = ph - 62;
                g.setColor(Palette.TEXT);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
                g.drawString(names.get(k), (float) x0, (float) (y0 - 4));
                g.setColor(new Color(0xbbbbbb));
                g.setStroke(new BasicStroke(0.8f));
                g.draw(new Rectangle2D.Double(x0, y0, bw, bh));
                for (int r = 0; r < codes.rows; r++) {
                    double rank = (double) java.util.Arrays.binarySearch(sorted, col[r]) / Math.max(1, sorted.length - 1);
                    g.setColor(Palette.viridis(Math.abs(rank)));
                    double px = x0 + 4 + (bw - 8) * (codes.get(r, 0) - fx0) / Math.max(1e-12, fx1 - fx0);
                    double py = y0 + bh - 4 - (bh - 8) * (codes.get(r, 1) - fy0) / Math.max(1e-12, fy1 - fy0);
                    g.fill(new java.awt.geom.Ellipse2D.Double(px - 1.8, py - 1.8, 3.6, 3.6));
                }
                double cy = y0 + bh + 8; // the colour bar and three percentiles in the column's units
                for (int i = 0; i < 100; i++) {
                    g.setColor(Palette.viridis(i / 99.0));
                    g.fill(new Rectangle2D.Double(x0 + bw * i / 100.0, cy, bw / 100.0 + 0.6, 8));
                }
                g.setColor(Palette.TEXT);
                g.setFont(Charts.NOTE);
                FontMetrics fm = g.getFontMetrics();
                double[] at = {0.05, 0.5, 0.95};
                for (int q = 0; q < 3; q++) {
                    String t = g3(sorted[(int) Math.round(at[q] * (sorted.length - 1))]);
                    double tx = x0 + bw * at[q] - (q == 0 ? 0 : q == 2 ? fm.stringWidth(t) : fm.stringWidth(t) / 2.0);
                    g.drawString(t, (float) tx, (float) (cy + 8 + fm.getAscent() + 1));
                }
            }
        };
    }

    /** Two score histograms side by side: the model's and the PCA baseline's, each with its threshold. */
    public static Figure scoreHistograms(Figure model, Figure baseline) {
        return (Graphics2D g, int w, int h) -> {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            java.awt.geom.AffineTransform keep = g.getTransform();
            model.draw(g, w / 2, h);
            g.translate(w / 2.0, 0);
            baseline.draw(g, w - w / 2, h);
            g.setTransform(keep);
        };
    }

    /** A white page with a title and a note under it, centred: the top of every hand-drawn figure. */
    static void heading(Graphics2D g, int w, int h, String title, String note) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Palette.TEXT);
        g.setFont(Charts.TITLE);
        g.drawString(title, (w - g.getFontMetrics().stringWidth(title)) / 2f, 22);
        g.setFont(Charts.NOTE);
        g.drawString(note, (w - g.getFontMetrics().stringWidth(note)) / 2f, 38);
    }

    static String clip(String s, FontMetrics fm, int width) {
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && fm.stringWidth(t + "...") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "...";
    }

    static String g3(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
