package org.hmem.task.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.DefaultIntervalXYDataset;

/**
 * A density histogram on linear axes, like matplotlib's {@code hist(values, bins, range=(lo, hi), density=True)}:
 * each bar's area is its share of the values, so the bars of samples of different sizes compare. The range is
 * given, so that panels side by side can share their bins.
 */
public final class DensityHistogramPanel implements Panel {

    private final String title;
    private final Histogram histogram;
    private String xLabel = "value";
    private String yLabel = "density";

    /** @param values the sample (values outside {@code [lo, hi]} are left out); not kept */
    public DensityHistogramPanel(String title, float[] values, double lo, double hi, int bins) {
        this.title = title;
        this.histogram = Histogram.uniform(values, lo, hi, bins);
    }

    /** Overrides the axis labels ("value", "density"); {@code null} hides a label. */
    public DensityHistogramPanel axisLabels(String x, String y) {
        this.xLabel = x;
        this.yLabel = y;
        return this;
    }

    /** The bins drawn. */
    public Histogram histogram() {
        return histogram;
    }

    /** Bar heights: count / (n × bin width); all zero for an empty sample. */
    public double[] densities() {
        long[] counts = histogram.counts();
        double[] d = new double[counts.length];
        long n = histogram.total();
        for (int k = 0; k < counts.length && n > 0; k++) {
            d[k] = counts[k] / (n * histogram.binWidth());
        }
        return d;
    }

    @Override
    public JFreeChart createChart() {
        double[] edges = histogram.edges(), density = densities();
        int bins = density.length;
        double[] mid = new double[bins], start = new double[bins], end = new double[bins], zero = new double[bins];
        double max = 0;
        for (int k = 0; k < bins; k++) {
            start[k] = edges[k];
            end[k] = edges[k + 1];
            mid[k] = 0.5 * (start[k] + end[k]);
            max = Math.max(max, density[k]);
        }
        DefaultIntervalXYDataset bars = new DefaultIntervalXYDataset();
        bars.addSeries("density", new double[][] {mid, start, end, density, zero, density});

        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setUseYInterval(true);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setSeriesPaint(0, ChartStyle.BAR_COLOR);
        renderer.setDefaultToolTipGenerator(null);

        NumberAxis x = ChartStyle.axis(xLabel, edges[0], edges[bins], false);
        // 5 % headroom like matplotlib's autoscale margin; an empty sample still gets a usable axis
        NumberAxis y = ChartStyle.axis(yLabel, 0, max > 0 ? 1.05 * max : 1.0, false);
        return ChartStyle.chart(title, new XYPlot(bars, x, y, renderer));
    }
}
