package dev.autoencoder.report;

import java.awt.Color;

/** Colours shared by every figure: sample colours from the "tab20" palette the chapter samples with. */
public final class Palette {
    private Palette() {}

    private static final int[] TAB20 = {0x1f77b4, 0xaec7e8, 0xff7f0e, 0xffbb78, 0x2ca02c, 0x98df8a, 0xd62728,
        0xff9896, 0x9467bd, 0xc5b0d5, 0x8c564b, 0xc49c94, 0xe377c2, 0xf7b6d2, 0x7f7f7f, 0xc7c7c7, 0xbcbd22,
        0xdbdb8d, 0x17becf, 0x9edae5};

    /** The colour of sample i of n: tab20 sampled at i / n, as the chapter colours its samples. */
    public static Color sample(int i, int n) {
        int idx = (int) Math.floor((double) i / n * TAB20.length);
        return new Color(TAB20[Math.min(idx, TAB20.length - 1)]);
    }

    /** A darker, more saturated variant for lines on white: the tab20 even entries. */
    public static Color strong(int i) {
        return new Color(TAB20[(2 * i) % TAB20.length]);
    }

    public static final Color TRAIN = new Color(0xd62728);
    public static final Color TEST = new Color(0x1f77b4);
    public static final Color POSITIVE = new Color(0xc0392b);
    public static final Color NEGATIVE = new Color(0x2166ac);
    public static final Color GRID = new Color(0xdddddd);
    public static final Color TEXT = new Color(0x222222);
}
