package org.hmem.task.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

/**
 * The histogram's bins and density against numpy 2.4.6 ({@code np.histogram(x, np.histogram_bin_edges(x, 'auto'))})
 * and scipy ({@code gaussian_kde(x)(points)}).
 */
class HistogramTest {

    private static final float[] SKEWED = {0, 0, 0, 0, 0, 0, 1, 2, 3, 10};

    @Test
    void binsFollowNumpysAutoRule() {
        // Freedman-Diaconis (IQR 1.75) is narrower than Sturges here: 7 bins
        Histogram skewed = Histogram.auto(SKEWED);
        assertArrayEquals(new long[] {7, 1, 1, 0, 0, 0, 1}, skewed.counts());
        assertEquals(0.0, skewed.edges()[0]);
        assertEquals(10.0, skewed.edges()[7]);

        float[] squares = new float[100];
        for (int i = 0; i < 100; i++) {
            squares[i] = (i + 1) * (i + 1) / 100f;
        }
        Histogram h = Histogram.auto(squares);
        assertArrayEquals(new long[] {35, 15, 11, 9, 9, 7, 7, 7}, h.counts());
        assertEquals(0.01, h.edges()[0], 1e-6);
        assertEquals(100.0, h.edges()[8], 1e-4);
        assertEquals(100, h.total());

        Histogram constant = Histogram.auto(new float[] {3, 3, 3});
        assertArrayEquals(new long[] {3}, constant.counts());
        assertArrayEquals(new double[] {2.5, 3.5}, constant.edges());
    }

    @Test
    void densityMatchesScipysGaussianKde() {
        KernelDensity kde = KernelDensity.scott(SKEWED);
        assertNotNull(kde);
        double[] at = {0, 0.5, 2, 10};
        double[] scipy = {0.1572806146943918, 0.16098264177788657, 0.1282681604952969, 0.020219571184208834};
        for (int i = 0; i < at.length; i++) {
            assertEquals(scipy[i], kde.at(at[i]), 1e-7, "at " + at[i]);
        }
        assertNull(KernelDensity.scott(new float[] {3, 3, 3}), "no spread, no curve");
    }

    @Test
    void panelDrawsBarsFromBelowOneOnALogAxisAndIgnoresNonFiniteValues() {
        float[] values = {0, 0, 0, 0, 0, 0, 1, 2, 3, 10, Float.NaN, Float.POSITIVE_INFINITY};
        HistogramPanel panel = new HistogramPanel("weights", values);
        assertArrayEquals(new long[] {7, 1, 1, 0, 0, 0, 1}, panel.histogram().counts());
        Figure.Rendering r = Figure.single(panel).render(600, 400);
        BufferedImage image = r.image();
        Rectangle2D area = r.dataArea(0, 0);
        XYPlot plot = (XYPlot) r.chart(0, 0).getPlot();
        // the first bar (count 7) reaches up to 7 on the count axis: coloured below, white above
        double x = plot.getDomainAxis().valueToJava2D(0.7, area, plot.getDomainAxisEdge());
        double below = plot.getRangeAxis().valueToJava2D(5, area, plot.getRangeAxisEdge());
        double above = plot.getRangeAxis().valueToJava2D(10, area, plot.getRangeAxisEdge());
        assertEquals(0xffffff, image.getRGB((int) x, (int) above) & 0xffffff, "white above the bar");
        int bar = image.getRGB((int) x, (int) below);
        assertTrue(Pixels.blue(bar) > Pixels.red(bar) + 40, "blue inside the bar: " + Integer.toHexString(bar));
        // an empty bin (between 3 and 8.6) shows no bar at all
        double empty = plot.getDomainAxis().valueToJava2D(6, area, plot.getDomainAxisEdge());
        double low = plot.getRangeAxis().valueToJava2D(0.8, area, plot.getRangeAxisEdge());
        assertEquals(0xffffff, image.getRGB((int) empty, (int) low) & 0xffffff, "no bar in an empty bin");
    }
}
