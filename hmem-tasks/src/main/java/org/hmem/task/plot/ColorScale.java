package org.hmem.task.plot;

import java.awt.Color;
import java.awt.Paint;

import org.jfree.chart.renderer.PaintScale;

/**
 * A colormap with value limits, precomputed as a 256-entry ARGB lookup table.
 *
 * <p>Doubles as JFreeChart's {@link PaintScale} so the same object colours the cells and the colour bar, which keeps
 * the legend honest. The colormaps imitate matplotlib's 'binary', 'gray', 'viridis' and 'RdBu' (the ColorBrewer
 * 11-class red-blue anchors) because the reference figures use those.
 */
public final class ColorScale implements PaintScale {

    private static final int LEVELS = 256;

    /** ColorBrewer RdBu anchors, from the negative (dark red) to the positive (dark blue) end. */
    private static final int[] RD_BU = {
        0x67001f, 0xb2182b, 0xd6604d, 0xf4a582, 0xfddbc7, 0xf7f7f7,
        0xd1e5f0, 0x92c5de, 0x4393c3, 0x2166ac, 0x053061,
    };
    /** matplotlib viridis sampled at 0, 0.1, ..., 1 (dark purple to yellow). */
    private static final int[] VIRIDIS = {
        0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c,
        0x22a884, 0x44bf70, 0x7ad151, 0xbddf26, 0xfde725,
    };
    private static final int[] GRAY = {0x000000, 0xffffff};
    private static final int[] BINARY = {0xffffff, 0x000000};

    private final double lower;
    private final double upper;
    private final int[] lut;

    private ColorScale(int[] anchors, double lower, double upper) {
        if (!(lower < upper) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException("need finite lower < upper, got [" + lower + ", " + upper + "]");
        }
        this.lower = lower;
        this.upper = upper;
        this.lut = interpolate(anchors);
    }

    /** matplotlib 'binary': 0 (silent) white, 1 (spike) black. */
    public static ColorScale binary() {
        return new ColorScale(BINARY, 0, 1);
    }

    /** matplotlib 'gray' over {@code [lower, upper]}: black for low, white for high. */
    public static ColorScale gray(double lower, double upper) {
        return new ColorScale(GRAY, lower, upper);
    }

    /** matplotlib 'viridis' over {@code [lower, upper]}: dark purple for low, yellow for high. */
    public static ColorScale viridis(double lower, double upper) {
        return new ColorScale(VIRIDIS, lower, upper);
    }

    /**
     * matplotlib 'gray' over the data's own range, like matplotlib's autoscaling. A constant matrix gets a unit-wide
     * range centred on its value so it shows as mid-grey instead of failing.
     */
    public static ColorScale grayFor(CellGrid grid) {
        float[] mm = grid.finiteRange();
        return mm[0] < mm[1] ? gray(mm[0], mm[1]) : gray(mm[0] - 0.5, mm[0] + 0.5);
    }

    /** matplotlib 'RdBu' over {@code [-limit, +limit]}: red negative, near-white zero, blue positive. */
    public static ColorScale rdBu(double limit) {
        return new ColorScale(RD_BU, -limit, limit);
    }

    /**
     * 'RdBu' with symmetric limits {@code ±max|x|}, so zero is always white and equal magnitudes get equal
     * saturation. An all-zero matrix uses ±1.
     */
    public static ColorScale rdBuFor(CellGrid grid) {
        float[] mm = grid.finiteRange();
        double limit = Math.max(Math.abs(mm[0]), Math.abs(mm[1]));
        return rdBu(limit > 0 ? limit : 1.0);
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    /** ARGB colour of a value; values outside the limits are clamped, NaN is fully transparent (matplotlib "bad"). */
    public int argb(double value) {
        if (Double.isNaN(value)) {
            return 0;
        }
        double u = (value - lower) / (upper - lower);
        int k = (int) Math.round(Math.max(0.0, Math.min(1.0, u)) * (LEVELS - 1));
        return lut[k];
    }

    @Override
    public Paint getPaint(double value) {
        return new Color(argb(value), true);
    }

    /** Piecewise-linear interpolation of equally spaced RGB anchors into an opaque ARGB table. */
    private static int[] interpolate(int[] anchors) {
        int[] table = new int[LEVELS];
        int segments = anchors.length - 1;
        for (int k = 0; k < LEVELS; k++) {
            double pos = (double) k / (LEVELS - 1) * segments;
            int s = Math.min((int) pos, segments - 1);
            double f = pos - s;
            int a = anchors[s], b = anchors[s + 1];
            int r = mix(a >> 16, b >> 16, f), g = mix(a >> 8, b >> 8, f), bl = mix(a, b, f);
            table[k] = 0xff000000 | r << 16 | g << 8 | bl;
        }
        return table;
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
    }
}
