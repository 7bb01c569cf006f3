package org.hmem.task.plot;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/** Test helpers: read pixels and map data coordinates to image pixels through the rendered chart's own axes. */
final class Pixels {

    private Pixels() {
    }

    static int red(int rgb) {
        return rgb >> 16 & 0xff;
    }

    static int green(int rgb) {
        return rgb >> 8 & 0xff;
    }

    static int blue(int rgb) {
        return rgb & 0xff;
    }

    static int luma(int rgb) {
        return (299 * red(rgb) + 587 * green(rgb) + 114 * blue(rgb)) / 1000;
    }

    static boolean dark(int rgb) {
        return luma(rgb) < 80;
    }

    /** Image x of a domain value in a vertically oriented plot. */
    static double x(JFreeChart chart, Rectangle2D area, double value) {
        XYPlot plot = (XYPlot) chart.getPlot();
        RectangleEdge edge = Plot.resolveDomainAxisLocation(plot.getDomainAxisLocation(), plot.getOrientation());
        return plot.getDomainAxis().valueToJava2D(value, area, edge);
    }

    /** Image y of a range value in a vertically oriented plot. */
    static double y(JFreeChart chart, Rectangle2D area, double value) {
        XYPlot plot = (XYPlot) chart.getPlot();
        RectangleEdge edge = Plot.resolveRangeAxisLocation(plot.getRangeAxisLocation(), plot.getOrientation());
        return plot.getRangeAxis().valueToJava2D(value, area, edge);
    }

    static int at(BufferedImage image, double x, double y) {
        return image.getRGB((int) Math.floor(x), (int) Math.floor(y));
    }
}
