package org.hmem.task.plot;

import org.jfree.chart.JFreeChart;

/**
 * One subplot of a {@link Figure}.
 *
 * <p>A panel is a recipe rather than a chart because the figure changes the chart it gets (shared axis ranges,
 * hidden inner tick labels, alignment padding); a fresh chart per call keeps panels reusable across figures.
 * The chart's plot should be an {@link org.jfree.chart.plot.XYPlot} so that it can share its x axis.
 */
@FunctionalInterface
public interface Panel {

    JFreeChart createChart();
}
