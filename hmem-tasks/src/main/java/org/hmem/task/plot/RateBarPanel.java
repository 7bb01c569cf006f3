package org.hmem.task.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.DefaultIntervalXYDataset;

/**
 * Horizontal bars of per-neuron firing rate, meant for the narrow right-hand column next to a {@link RasterPanel}.
 *
 * <p>The neuron axis spans {@code [0, n]} without tick labels, like the reference. Bar {@code i} is centred on
 * {@code i + 0.5} (height 0.8) so it lines up with raster row {@code i}, which covers {@code [i, i+1)}. The rate
 * axis is the panel's horizontal axis, so a figure column of rate panels shares it.
 */
public final class RateBarPanel implements Panel {

    private static final double BAR_HEIGHT = 0.8;

    private final String title;
    private final double[] ratesHz;
    private String rateLabel = "Hz";

    /** @param title usually {@code null}: the raster to the left carries the title */
    public RateBarPanel(String title, double[] ratesHz) {
        if (ratesHz.length == 0) {
            throw new IllegalArgumentException("need at least one neuron");
        }
        this.title = title;
        this.ratesHz = ratesHz.clone();
    }

    /** Rates of a time-major spike buffer, see {@link SpikeRates#hz}. */
    public static RateBarPanel fromSpikes(float[] spikes, int neurons, int steps, int normalisationSteps) {
        return new RateBarPanel(null, SpikeRates.hz(spikes, neurons, steps, normalisationSteps));
    }

    /** Overrides the rate axis label ("Hz"); {@code null} hides it. */
    public RateBarPanel rateLabel(String label) {
        this.rateLabel = label;
        return this;
    }

    @Override
    public JFreeChart createChart() {
        int n = ratesHz.length;
        double[] mid = new double[n], start = new double[n], end = new double[n], zero = new double[n];
        double max = 0;
        for (int i = 0; i < n; i++) {
            mid[i] = i + 0.5;
            start[i] = mid[i] - BAR_HEIGHT / 2;
            end[i] = mid[i] + BAR_HEIGHT / 2;
            if (Double.isFinite(ratesHz[i])) {
                max = Math.max(max, ratesHz[i]);
            }
        }
        DefaultIntervalXYDataset data = new DefaultIntervalXYDataset();
        data.addSeries("rate", new double[][] {mid, start, end, ratesHz.clone(), zero, ratesHz.clone()});

        NumberAxis neuronAxis = ChartStyle.axis(null, 0, n, true);
        neuronAxis.setTickLabelsVisible(false);
        neuronAxis.setTickMarksVisible(false);
        // 5 % headroom like matplotlib's autoscale margin; an all-silent population still gets a usable axis.
        NumberAxis rateAxis = ChartStyle.axis(rateLabel, 0, max > 0 ? 1.05 * max : 1.0, false);

        XYBarRenderer bars = new XYBarRenderer();
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setSeriesPaint(0, ChartStyle.BAR_COLOR);
        bars.setDefaultToolTipGenerator(null);

        XYPlot plot = new XYPlot(data, neuronAxis, rateAxis, bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        return ChartStyle.chart(title, plot);
    }
}
