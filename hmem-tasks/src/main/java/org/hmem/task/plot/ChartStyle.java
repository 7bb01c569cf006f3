package org.hmem.task.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The one place that decides how panels look (fonts, colours, axes), so all figures share a plain matplotlib-like
 * style: white background, black frame, no grid, axes touching the data area.
 */
final class ChartStyle {

    static {
        ensureHeadless();
    }

    static final Font FIGURE_TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    /** matplotlib's default first colour ("tab:blue"). */
    static final Color BAR_COLOR = new Color(0x1f77b4);
    /**
     * Space around each chart. The right side is wider because JFreeChart centres the last x tick label on the data
     * area's right edge and clips every chart to its own area, which would cut "1000" to "100".
     */
    static final RectangleInsets PADDING = new RectangleInsets(4, 4, 4, 14);

    private ChartStyle() {
    }

    /** Plots are rendered to files only; never let AWT look for a display. Effective before AWT starts. */
    static void ensureHeadless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** A number axis with a fixed range (no auto-ranging, so shared axes stay as set). */
    static NumberAxis axis(String label, double lower, double upper, boolean integerTicks) {
        NumberAxis axis = new NumberAxis(label);
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setAxisLinePaint(Color.BLACK);
        axis.setTickMarkPaint(Color.BLACK);
        axis.setTickLabelPaint(Color.BLACK);
        axis.setLabelPaint(Color.BLACK);
        axis.setStandardTickUnits(integerTicks ? NiceTickUnits.integers() : NiceTickUnits.decimals());
        axis.setRange(lower, upper);
        return axis;
    }

    static void plot(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlinePaint(Color.BLACK);
        plot.setOutlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setInsets(RectangleInsets.ZERO_INSETS);
    }

    /** Wraps a styled plot into a chart with an optional title (null or blank means none) and no legend. */
    static JFreeChart chart(String title, XYPlot plot) {
        plot(plot);
        JFreeChart chart = new JFreeChart(title == null || title.isBlank() ? null : title, TITLE_FONT, plot, false);
        // Transparent: the figure paints the page white, and a neighbour's background must not hide a tick label
        // that hangs over the edge of its cell.
        chart.setBackgroundPaint(null);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        chart.setPadding(PADDING);
        if (chart.getTitle() != null) {
            chart.getTitle().setPaint(Color.BLACK);
        }
        return chart;
    }
}
