package dev.autoencoder.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeriesCollection;

/** The house style for JFreeChart plots: white, light grid, readable fonts, no chart frame. */
final class Charts {
    private Charts() {}

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font NOTE = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    static XYPlot plot(XYSeriesCollection data, NumberAxis x, NumberAxis y) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true); // one path a series: dashes run on, and an SVG holds one element
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Palette.GRID);
        plot.setRangeGridlinePaint(Palette.GRID);
        plot.setDomainGridlineStroke(new BasicStroke(0.8f));
        plot.setRangeGridlineStroke(new BasicStroke(0.8f));
        plot.setOutlinePaint(new Color(0x999999));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        for (NumberAxis a : new NumberAxis[] {x, y}) {
            a.setLabelFont(LABEL);
            a.setTickLabelFont(TICK);
            a.setLabelPaint(Palette.TEXT);
        }
        return plot;
    }

    static NumberAxis axis(String label) {
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(false);
        return a;
    }

    /** The chapter's vertical axis for 3-value samples: I1 at the top, I3 at the bottom. */
    static SymbolAxis nodeAxis(int width) {
        String[] names = new String[width + 1];
        names[0] = "";
        for (int i = 1; i <= width; i++) {
            names[i] = "I" + i;
        }
        SymbolAxis a = new SymbolAxis("input node", names);
        a.setInverted(true);
        a.setGridBandsVisible(false);
        a.setRange(0.6, width + 0.55);
        return a;
    }

    static JFreeChart chart(String title, XYPlot plot, boolean legend) {
        JFreeChart c = new JFreeChart(title, TITLE, plot, legend);
        c.setBackgroundPaint(Color.WHITE);
        c.setBorderVisible(false);
        c.setTextAntiAlias(true);
        c.setAntiAlias(true);
        if (legend) {
            c.getLegend().setItemFont(TICK);
            c.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        return c;
    }

    static void subtitle(JFreeChart c, String text) {
        TextTitle t = new TextTitle(text, NOTE);
        t.setPaint(new Color(0x555555));
        c.addSubtitle(t);
    }

    static Figure figure(JFreeChart c) {
        return (Graphics2D g, int w, int h) -> c.draw(g, new Rectangle2D.Double(0, 0, w, h));
    }
}
