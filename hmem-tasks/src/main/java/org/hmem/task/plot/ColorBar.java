package org.hmem.task.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.AxisSpace;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * A vertical colour bar to the right of a plot whose strip spans exactly the plot's data area, like a matplotlib
 * colorbar next to its axes.
 *
 * <p>A plain {@link PaintScaleLegend} at the right edge is as tall as the whole chart body, so it would hang down
 * past the x axis. Here the space the plot's bottom axis takes is measured at draw time (after a figure may have
 * hidden shared tick labels) and cut off the bottom of the bar.
 */
final class ColorBar extends PaintScaleLegend {

    private final XYPlot plot;

    ColorBar(ColorScale scale, XYPlot plot) {
        super(scale, barAxis(scale));
        this.plot = plot;
        setPosition(RectangleEdge.RIGHT);
        setAxisLocation(AxisLocation.TOP_OR_RIGHT);
        setStripWidth(12);
        setSubdivisionCount(256);
        setStripOutlineVisible(true);
        setStripOutlinePaint(Color.BLACK);
        setAxisOffset(0);
        setBackgroundPaint(null);
        setMargin(new RectangleInsets(0, 8, 0, 0));
    }

    private static NumberAxis barAxis(ColorScale scale) {
        return ChartStyle.axis(null, scale.getLowerBound(), scale.getUpperBound(), false);
    }

    @Override
    public Object draw(Graphics2D g2, Rectangle2D area, Object params) {
        RectangleEdge xEdge = Plot.resolveDomainAxisLocation(plot.getDomainAxisLocation(), plot.getOrientation());
        double below = 0;
        if (xEdge == RectangleEdge.BOTTOM) {
            AxisSpace space = plot.getDomainAxis().reserveSpace(g2, plot, area, xEdge, new AxisSpace());
            below = space.getBottom() + plot.getAxisOffset().getBottom() + plot.getInsets().getBottom();
        }
        Rectangle2D strip = new Rectangle2D.Double(area.getX(), area.getY(), area.getWidth(),
                Math.max(0, area.getHeight() - below));
        return super.draw(g2, strip, params);
    }
}
