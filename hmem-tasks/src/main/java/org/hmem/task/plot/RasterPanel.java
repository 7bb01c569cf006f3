package org.hmem.task.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;

/**
 * A spike raster like the reference's {@code pcolormesh(spikes, cmap='binary')}: neurons on y (neuron 0 at the
 * bottom, neuron {@code i} in {@code [i, i+1)}), time steps on x (step {@code t} in {@code [t, t+1)}), black where a
 * neuron spiked, white elsewhere.
 *
 * <p>When there are more steps than pixels every spike still shows (max resampling), which matters for sparse
 * activity that would otherwise vanish from a downsampled figure.
 */
public final class RasterPanel implements Panel {

    private final String title;
    private final CellGrid grid;
    private String xLabel = "time step";
    private String yLabel = "neuron";

    /**
     * @param spikes time-major 0/1 buffer {@code [t * neurons + i]}, as the engine records it; not copied, so draw
     *               before the buffer is reused
     */
    public RasterPanel(String title, float[] spikes, int neurons, int steps) {
        this.title = title;
        this.grid = CellGrid.timeMajor(spikes, neurons, steps);
    }

    /** Overrides the default axis labels ("time step", "neuron"); {@code null} hides a label. */
    public RasterPanel axisLabels(String x, String y) {
        this.xLabel = x;
        this.yLabel = y;
        return this;
    }

    @Override
    public JFreeChart createChart() {
        NumberAxis x = ChartStyle.axis(xLabel, 0, grid.cols(), true);
        NumberAxis y = ChartStyle.axis(yLabel, 0, grid.rows(), true);
        XYPlot plot = new XYPlot(null, x, y, null);
        plot.addAnnotation(new CellImageAnnotation(grid, ColorScale.binary(), 0, 0,
                CellImageAnnotation.Resampling.MAX));
        return ChartStyle.chart(title, plot);
    }
}
