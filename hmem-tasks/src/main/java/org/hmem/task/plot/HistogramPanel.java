package org.hmem.task.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultIntervalXYDataset;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * A histogram with a logarithmic count axis and a kernel density curve scaled to counts, like seaborn's
 * {@code histplot(values, kde=True)} with {@code set_yscale('log')}: bins by {@link Histogram#auto}, the curve
 * ({@link KernelDensity}, density × n × bin width) over the data range on 200 points.
 *
 * <p>Bars rise from {@link #FLOOR}, just below a count of 1, because a logarithmic axis has no zero; empty bins show
 * no bar. Non-finite values are left out.
 */
public final class HistogramPanel implements Panel {

    /** Where bars start on the count axis. */
    static final double FLOOR = 0.5;
    private static final int CURVE_POINTS = 200;

    private final String title;
    private final Histogram histogram;
    private final double[][] curve;
    private String xLabel = "value";
    private String yLabel = "count";

    /** @param values the sample; not kept */
    public HistogramPanel(String title, float[] values) {
        this.title = title;
        float[] sorted = finiteSorted(values);
        if (sorted.length == 0) {
            throw new IllegalArgumentException("a histogram needs at least one finite value");
        }
        this.histogram = Histogram.auto(sorted);
        this.curve = countCurve(sorted, histogram);
    }

    /** Overrides the axis labels ("value", "count"); {@code null} hides a label. */
    public HistogramPanel axisLabels(String x, String y) {
        this.xLabel = x;
        this.yLabel = y;
        return this;
    }

    /** The bins drawn. */
    public Histogram histogram() {
        return histogram;
    }

    private static float[] finiteSorted(float[] values) {
        float[] finite = new float[values.length];
        int n = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                finite[n++] = v;
            }
        }
        float[] sorted = Arrays.copyOf(finite, n);
        Arrays.sort(sorted);
        return sorted;
    }

    /** {x, count} points of the density scaled to the histogram, or null without a density. */
    private static double[][] countCurve(float[] sorted, Histogram h) {
        KernelDensity kde = KernelDensity.scott(sorted);
        if (kde == null) {
            return null;
        }
        double lo = sorted[0], hi = sorted[sorted.length - 1], scale = sorted.length * h.binWidth();
        double[][] xy = new double[2][CURVE_POINTS];
        for (int k = 0; k < CURVE_POINTS; k++) {
            double x = lo + (hi - lo) * k / (CURVE_POINTS - 1);
            xy[0][k] = x;
            // far below the axis instead of at log(0): Java2D draws lines to astronomic coordinates badly
            xy[1][k] = Math.max(FLOOR / 100, kde.at(x) * scale);
        }
        return xy;
    }

    @Override
    public JFreeChart createChart() {
        double[] edges = histogram.edges();
        long[] counts = histogram.counts();
        int bins = counts.length, filled = 0;
        long max = 1;
        for (long c : counts) {
            filled += c > 0 ? 1 : 0;
            max = Math.max(max, c);
        }
        double[] mid = new double[filled], start = new double[filled], end = new double[filled];
        double[] top = new double[filled], floor = new double[filled];
        for (int k = 0, b = 0; k < bins; k++) {
            if (counts[k] > 0) {
                start[b] = edges[k];
                end[b] = edges[k + 1];
                mid[b] = 0.5 * (start[b] + end[b]);
                top[b] = counts[k];
                floor[b] = FLOOR;
                b++;
            }
        }
        DefaultIntervalXYDataset bars = new DefaultIntervalXYDataset();
        bars.addSeries("count", new double[][] {mid, start, end, top, floor, top});

        NumberAxis x = ChartStyle.axis(xLabel, edges[0], edges[bins], false);
        LogAxis y = countAxis(yLabel, 2.0 * max);

        XYBarRenderer barRenderer = new XYBarRenderer();
        barRenderer.setUseYInterval(true);
        barRenderer.setBarPainter(new StandardXYBarPainter());
        barRenderer.setShadowVisible(false);
        barRenderer.setDrawBarOutline(false);
        barRenderer.setSeriesPaint(0, translucent(ChartStyle.BAR_COLOR));
        barRenderer.setDefaultToolTipGenerator(null);

        XYPlot plot = new XYPlot(bars, x, y, barRenderer);
        if (curve != null) {
            DefaultXYDataset line = new DefaultXYDataset();
            line.addSeries("density", curve);
            XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
            lineRenderer.setSeriesPaint(0, ChartStyle.BAR_COLOR);
            lineRenderer.setSeriesStroke(0, new BasicStroke(1.5f));
            plot.setDataset(1, line);
            plot.setRenderer(1, lineRenderer);
        }
        return ChartStyle.chart(title, plot);
    }

    /** Decades labelled 10^k, styled like {@link ChartStyle#axis}, from {@link #FLOOR} to {@code upper}. */
    private static LogAxis countAxis(String label, double upper) {
        LogAxis axis = new LogAxis(label);
        axis.setLabelFont(ChartStyle.LABEL_FONT);
        axis.setTickLabelFont(ChartStyle.TICK_FONT);
        axis.setAxisLinePaint(Color.BLACK);
        axis.setTickMarkPaint(Color.BLACK);
        axis.setTickLabelPaint(Color.BLACK);
        axis.setLabelPaint(Color.BLACK);
        axis.setBase(10);
        axis.setBaseSymbol("10");
        axis.setSmallestValue(FLOOR / 100);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setRange(FLOOR, upper);
        return axis;
    }

    /** seaborn's bars are 75 % opaque. */
    private static Color translucent(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 191);
    }
}
