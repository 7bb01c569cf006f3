package org.hmem.task.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Curves y(x) with optional labelled horizontal reference lines (a learning curve next to an optimum). */
public final class LinePanel implements Panel {

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final XYSeriesCollection series = new XYSeriesCollection();
    private final List<ValueMarker> lines = new ArrayList<>();

    public LinePanel(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a curve through the points {@code (x[i], y[i])}, skipping non-finite y. */
    public LinePanel curve(String label, double[] x, double[] y) {
        XYSeries s = new XYSeries(label, false, true);
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i])) {
                s.add(x[i], y[i]);
            }
        }
        series.addSeries(s);
        return this;
    }

    /** Adds a dashed horizontal line at {@code y} labelled {@code label}. */
    public LinePanel horizontal(String label, double y) {
        ValueMarker m = new ValueMarker(y, Color.DARK_GRAY, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
        m.setLabel(label);
        m.setLabelFont(ChartStyle.TICK_FONT);
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        lines.add(m);
        return this;
    }

    @Override
    public JFreeChart createChart() {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, ylo = Double.POSITIVE_INFINITY;
        double yhi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < series.getSeriesCount(); k++) {
            XYSeries s = series.getSeries(k);
            if (s.getItemCount() > 0) {
                lo = Math.min(lo, s.getMinX());
                hi = Math.max(hi, s.getMaxX());
                ylo = Math.min(ylo, s.getMinY());
                yhi = Math.max(yhi, s.getMaxY());
            }
        }
        for (ValueMarker m : lines) {
            ylo = Math.min(ylo, m.getValue());
            yhi = Math.max(yhi, m.getValue());
        }
        if (!(hi > lo)) {
            lo = 0;
            hi = 1;
        }
        if (!(yhi > ylo)) {
            ylo = Double.isFinite(ylo) ? ylo - 1 : 0;
            yhi = ylo + 2;
        }
        double pad = 0.05 * (yhi - ylo);
        NumberAxis x = ChartStyle.axis(xLabel, lo, hi, false);
        NumberAxis y = ChartStyle.axis(yLabel, ylo - pad, yhi + pad, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, ChartStyle.BAR_COLOR);
        XYPlot plot = new XYPlot(series, x, y, renderer);
        for (ValueMarker m : lines) {
            plot.addRangeMarker(m);
        }
        return ChartStyle.chart(title, plot);
    }
}
