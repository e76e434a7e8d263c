package dev.autoencoder.report;

import java.awt.Color;

/**
 * Colours shared by every figure, chosen to stay apart for colour-blind readers: Okabe and Ito's eight for
 * categories and series, viridis for ordered values (the chapter's samples are coloured by their slope, and
 * carry their numbers as labels, so no reader has to tell twelve hues apart).
 */
public final class Palette {
    private Palette() {}

    /** Okabe and Ito's palette in the order lines use it: blue, vermillion, bluish green, reddish purple, ... */
    private static final int[] OKABE_ITO = {0x0072b2, 0xd55e00, 0x009e73, 0xcc79a7, 0xe69f00, 0x56b4e9, 0x000000,
        0xf0e442};

    /** The colour of series i (after eight, the colours repeat). */
    public static Color strong(int i) {
        return new Color(OKABE_ITO[i % OKABE_ITO.length]);
    }

    /** Viridis, a sequential scale that stays ordered for colour-blind readers and in grey. */
    private static final Color[] VIRIDIS = {new Color(0x440154), new Color(0x3b528b), new Color(0x21918c),
        new Color(0x5ec962), new Color(0xfde725)};

    /** The colour at t in [0, 1] on viridis. */
    public static Color viridis(double t) {
        double x = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min((int) x, VIRIDIS.length - 2);
        double f = x - i;
        Color a = VIRIDIS[i], b = VIRIDIS[i + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /**
     * A colour per value, by rank on viridis from dark purple (lowest) to green (highest; its pale yellow end is
     * left out, as thin lines in it vanish on white).
     */
    public static Color[] byRank(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        Color[] c = new Color[values.length];
        for (int k = 0; k < order.length; k++) {
            c[order[k]] = viridis(0.82 * k / Math.max(1, order.length - 1));
        }
        return c;
    }

    public static final Color TRAIN = new Color(0x0072b2);
    public static final Color TEST = new Color(0xd55e00);
    public static final Color POSITIVE = new Color(0xc0392b);
    public static final Color NEGATIVE = new Color(0x2166ac);
    public static final Color GRID = new Color(0xdddddd);
    public static final Color TEXT = new Color(0x222222);
}
