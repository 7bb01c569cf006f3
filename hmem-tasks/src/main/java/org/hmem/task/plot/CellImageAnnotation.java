package org.hmem.task.plot;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Objects;

import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/**
 * Draws a {@link CellGrid} as coloured unit cells (like matplotlib's {@code pcolormesh}/{@code matshow}) into the
 * plot's data area. Column {@code c} covers x in {@code [x0 + c, x0 + c + 1)}, row {@code r} covers y in
 * {@code [y0 + r, y0 + r + 1)}.
 *
 * <p>Why an image instead of one shape per cell: a 100 × 1000 raster would be 10⁵ shapes per repaint. Instead the
 * grid is resampled once per device pixel into an {@code int[]} ARGB buffer and blitted, so the cost is bounded by
 * the pixel count and every pixel is computed exactly (no interpolation blur).
 */
public final class CellImageAnnotation extends AbstractXYAnnotation {

    /** How several cells that fall into one device pixel are reduced to one value. */
    public enum Resampling {
        /** The cell under the pixel centre; right for smooth heat maps. */
        NEAREST,
        /**
         * The largest value under the pixel; for spike rasters, so that a single spike never disappears when there
         * are more time steps than pixels.
         */
        MAX
    }

    private final CellGrid grid;
    private final ColorScale scale;
    private final double x0;
    private final double y0;
    private final Resampling resampling;

    public CellImageAnnotation(CellGrid grid, ColorScale scale, double x0, double y0, Resampling resampling) {
        this.grid = Objects.requireNonNull(grid, "grid");
        this.scale = Objects.requireNonNull(scale, "scale");
        this.x0 = x0;
        this.y0 = y0;
        this.resampling = Objects.requireNonNull(resampling, "resampling");
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
            int rendererIndex, PlotRenderingInfo info) {
        if (plot.getOrientation() != PlotOrientation.VERTICAL) {
            throw new IllegalStateException("cell images need a vertically oriented plot (columns along x)");
        }
        RectangleEdge xEdge = Plot.resolveDomainAxisLocation(plot.getDomainAxisLocation(), plot.getOrientation());
        RectangleEdge yEdge = Plot.resolveRangeAxisLocation(plot.getRangeAxisLocation(), plot.getOrientation());
        PixelSpan xs = PixelSpan.of(domainAxis, dataArea, xEdge, dataArea.getMinX(), dataArea.getMaxX(), x0,
                grid.cols(), resampling);
        PixelSpan ys = PixelSpan.of(rangeAxis, dataArea, yEdge, dataArea.getMinY(), dataArea.getMaxY(), y0,
                grid.rows(), resampling);
        if (xs == null || ys == null) {
            return;
        }
        BufferedImage image = paint(xs, ys);
        Object oldInterpolation = g2.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g2.drawImage(image, xs.first, ys.first, null);
        if (oldInterpolation != null) {
            g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, oldInterpolation);
        }
    }

    /** Two passes: reduce columns per (cell row, pixel column), then rows per pixel; both are plain array loops. */
    private BufferedImage paint(PixelSpan xs, PixelSpan ys) {
        int w = xs.lo.length, h = ys.lo.length, rows = grid.rows();
        float[] byColumn = new float[rows * w];
        for (int r = 0; r < rows; r++) {
            for (int px = 0; px < w; px++) {
                float v = grid.get(r, xs.lo[px]);
                for (int c = xs.lo[px] + 1; c < xs.hi[px]; c++) {
                    v = maxIgnoringNaN(v, grid.get(r, c));
                }
                byColumn[r * w + px] = v;
            }
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int py = 0; py < h; py++) {
            int rowLo = ys.lo[py], rowHi = ys.hi[py], line = py * w;
            for (int px = 0; px < w; px++) {
                float v = byColumn[rowLo * w + px];
                for (int r = rowLo + 1; r < rowHi; r++) {
                    v = maxIgnoringNaN(v, byColumn[r * w + px]);
                }
                pixels[line + px] = scale.argb(v);
            }
        }
        return image;
    }

    private static float maxIgnoringNaN(float a, float b) {
        return Float.isNaN(a) ? b : Float.isNaN(b) ? a : Math.max(a, b);
    }

    /**
     * For each device pixel along one axis, the half-open range of cell indices it shows. {@code first} is the
     * device coordinate of pixel 0.
     */
    static final class PixelSpan {
        final int first;
        final int[] lo;
        final int[] hi;

        private PixelSpan(int first, int[] lo, int[] hi) {
            this.first = first;
            this.lo = lo;
            this.hi = hi;
        }

        /** {@code null} when the cells lie entirely outside {@code [areaMin, areaMax]}. */
        static PixelSpan of(ValueAxis axis, Rectangle2D area, RectangleEdge edge, double areaMin, double areaMax,
                double origin, int cells, Resampling mode) {
            double ea = axis.valueToJava2D(origin, area, edge);
            double eb = axis.valueToJava2D(origin + cells, area, edge);
            double from = Math.max(Math.min(ea, eb), areaMin), to = Math.min(Math.max(ea, eb), areaMax);
            if (!(to > from)) {
                return null;
            }
            int first = (int) Math.floor(from), n = (int) Math.ceil(to) - first;
            int[] lo = new int[n], hi = new int[n];
            final double eps = 1e-9;
            for (int k = 0; k < n; k++) {
                double a = Math.max(first + k, from), b = Math.min(first + k + 1, to);
                double va = axis.java2DToValue(a, area, edge) - origin;
                double vb = axis.java2DToValue(b, area, edge) - origin;
                if (mode == Resampling.NEAREST) {
                    int c = clamp((int) Math.floor(0.5 * (va + vb)), cells);
                    lo[k] = c;
                    hi[k] = c + 1;
                } else {
                    int c0 = clamp((int) Math.floor(Math.min(va, vb) + eps), cells);
                    int c1 = clamp((int) Math.ceil(Math.max(va, vb) - eps) - 1, cells);
                    lo[k] = c0;
                    hi[k] = Math.max(c0, c1) + 1;
                }
            }
            return new PixelSpan(first, lo, hi);
        }

        private static int clamp(int c, int cells) {
            return Math.max(0, Math.min(cells - 1, c));
        }
    }
}
