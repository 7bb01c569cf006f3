package org.hmem.task.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RasterPanelTest {

    private static final int N = 8;
    private static final int T = 100;
    private static final int SPIKING = 3;

    /** Neuron 3 spikes at every 10th step, everyone else is silent; time-major like the engine. */
    private static float[] everyTenthStep() {
        float[] spikes = new float[T * N];
        for (int t = 0; t < T; t += 10) {
            spikes[t * N + SPIKING] = 1f;
        }
        return spikes;
    }

    @Test
    void pngShowsSpikesExactlyWhereTheyAre(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("raster.png");
        Figure.Rendering rendering = Figure.single(new RasterPanel("pattern", everyTenthStep(), N, T))
                .savePng(file, 900, 500);
        BufferedImage png = ImageIO.read(file.toFile());
        assertNotNull(png);
        assertEquals(900, png.getWidth());
        assertEquals(500, png.getHeight());

        JFreeChart chart = rendering.chart(0, 0);
        Rectangle2D area = rendering.dataArea(0, 0);
        assertTrue(area.getWidth() > 600 && area.getHeight() > 300, "data area " + area);

        // Cell centres: dark exactly for the spikes.
        for (int i = 0; i < N; i++) {
            for (int t = 0; t < T; t++) {
                boolean spike = i == SPIKING && t % 10 == 0;
                int rgb = Pixels.at(png, Pixels.x(chart, area, t + 0.5), Pixels.y(chart, area, i + 0.5));
                assertEquals(spike, Pixels.dark(rgb), "neuron " + i + " step " + t);
            }
        }
        // Whole interior: every dark pixel lies within one pixel of a spike cell.
        double rowTop = Pixels.y(chart, area, SPIKING + 1), rowBottom = Pixels.y(chart, area, SPIKING);
        int dark = 0;
        for (int py = (int) area.getMinY() + 2; py < area.getMaxY() - 2; py++) {
            for (int px = (int) area.getMinX() + 2; px < area.getMaxX() - 2; px++) {
                if (!Pixels.dark(png.getRGB(px, py))) {
                    continue;
                }
                dark++;
                assertTrue(py >= rowTop - 1 && py <= rowBottom + 1, "stray dark pixel row at " + px + "," + py);
                double step = valueAtX(chart, area, px + 0.5);
                double nearest = Math.max(0, Math.min(T - 10, 10 * Math.round((step - 0.5) / 10)));
                double fromSpike = Math.abs(step - (nearest + 0.5));
                double pxPerStep = area.getWidth() / T;
                assertTrue(fromSpike <= 0.5 + 1.5 / pxPerStep, "stray dark pixel column at " + px + "," + py);
            }
        }
        assertTrue(dark > 10 * (rowBottom - rowTop - 2), "spike cells should be filled, dark=" + dark);
    }

    @Test
    void singleSpikeSurvivesDownsamplingAndLargeRasterIsFast() {
        int n = 100, steps = 1000;
        float[] spikes = new float[n * steps];
        spikes[777 * n + 42] = 1f;
        Figure figure = Figure.single(new RasterPanel("one spike", spikes, n, steps));
        figure.render(600, 400); // warm-up: class loading, fonts
        long start = System.nanoTime();
        Figure.Rendering rendering = figure.render(600, 400);
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.printf("raster 100 × 1000 rendered in %.1f ms%n", ms);
        assertTrue(ms < 1000, "render took " + ms + " ms");

        Rectangle2D area = rendering.dataArea(0, 0);
        assertTrue(area.getWidth() < steps, "test must downsample, width " + area.getWidth());
        JFreeChart chart = rendering.chart(0, 0);
        int rgb = Pixels.at(rendering.image(), Pixels.x(chart, area, 777.5), Pixels.y(chart, area, 42.5));
        assertTrue(Pixels.dark(rgb), "the lone spike must stay visible");
        int other = Pixels.at(rendering.image(), Pixels.x(chart, area, 300.5), Pixels.y(chart, area, 42.5));
        assertFalse(Pixels.dark(other));
    }

    @Test
    void rateBarsAreProportionalToRatesAndAlignedWithTheRaster() {
        int n = 4, steps = 100;
        float[] spikes = new float[n * steps];
        for (int t = 0; t < 10; t++) {
            spikes[(t * 7) * n + 1] = 1f;      // neuron 1: 10 spikes
        }
        for (int t = 0; t < 20; t++) {
            spikes[(t * 5 + 2) * n + 2] = 1f;  // neuron 2: 20 spikes
        }
        double[] rates = SpikeRates.hz(spikes, n, steps, steps);
        assertArrayEquals(new double[] {0, 100, 200, 0}, rates, 1e-9);

        Figure.Rendering rendering = Figure.grid(1, 2).widthRatios(10, 1).title("rates")
                .add(0, 0, new RasterPanel("raster", spikes, n, steps))
                .add(0, 1, RateBarPanel.fromSpikes(spikes, n, steps, steps))
                .render(1100, 400);
        BufferedImage image = rendering.image();
        Rectangle2D raster = rendering.dataArea(0, 0), bars = rendering.dataArea(0, 1);
        assertEquals(raster.getMinY(), bars.getMinY(), 1.0, "tops aligned");
        assertEquals(raster.getMaxY(), bars.getMaxY(), 1.0, "bottoms aligned");
        assertTrue(bars.getWidth() > 40, "rate panel too narrow: " + bars);

        double[] length = new double[n];
        for (int i = 0; i < n; i++) {
            // Horizontal plot: neuron i's bar is centred at i + 0.5 on the vertical (neuron) axis.
            double yc = bars.getMaxY() - (i + 0.5) / n * bars.getHeight();
            int py = (int) yc;
            for (int px = (int) bars.getMinX() + 1; px < bars.getMaxX() - 1; px++) {
                int rgb = image.getRGB(px, py);
                if (Pixels.blue(rgb) > Pixels.red(rgb) + 60) {
                    length[i]++;
                }
            }
        }
        assertEquals(0, length[0]);
        assertEquals(0, length[3]);
        assertTrue(length[1] > 10, "bar 1 length " + length[1]);
        assertEquals(2.0, length[2] / length[1], 0.15, "bar lengths " + length[1] + ", " + length[2]);
        // The longest bar ends where the rate axis puts 200 Hz (axis range has 5 % headroom).
        assertEquals(bars.getWidth() / 1.05, length[2], 2.5);
    }

    @Test
    void sharedColumnUsesUnionRangeAndAlignsDataAreas() {
        int n = 20, l = 5, steps = 40;
        float[] storage = new float[n * l * steps];
        float[] query = new float[n * steps];
        storage[(l * steps - 1) * n] = 1f;
        query[0] = 1f;
        Figure.Rendering rendering = Figure.grid(2, 2).widthRatios(10, 1)
                .add(0, 0, new RasterPanel("storage", storage, n, l * steps))
                .add(0, 1, RateBarPanel.fromSpikes(storage, n, l * steps, l * steps))
                .add(1, 0, new RasterPanel("query", query, n, steps))
                .add(1, 1, RateBarPanel.fromSpikes(query, n, steps, l * steps))
                .render(1000, 700);
        ValueAxis top = ((XYPlot) rendering.chart(0, 0).getPlot()).getDomainAxis();
        ValueAxis bottom = ((XYPlot) rendering.chart(1, 0).getPlot()).getDomainAxis();
        assertEquals(l * steps, top.getUpperBound());
        assertEquals(l * steps, bottom.getUpperBound());
        assertFalse(top.isTickLabelsVisible(), "inner panel hides shared tick labels");
        assertTrue(bottom.isTickLabelsVisible());
        for (int c = 0; c < 2; c++) {
            assertEquals(rendering.dataArea(0, c).getMinX(), rendering.dataArea(1, c).getMinX(), 1.0);
            assertEquals(rendering.dataArea(0, c).getMaxX(), rendering.dataArea(1, c).getMaxX(), 1.0);
        }
        for (int r = 0; r < 2; r++) {
            assertEquals(rendering.dataArea(r, 0).getMinY(), rendering.dataArea(r, 1).getMinY(), 1.0);
            assertEquals(rendering.dataArea(r, 0).getMaxY(), rendering.dataArea(r, 1).getMaxY(), 1.0);
        }
        // The query raster occupies only the first `steps` of the shared axis: its spike at t = 0 is at the left.
        Rectangle2D q = rendering.dataArea(1, 0);
        JFreeChart chart = rendering.chart(1, 0);
        assertTrue(Pixels.dark(Pixels.at(rendering.image(), Pixels.x(chart, q, 0.5), Pixels.y(chart, q, 0.5))));
    }

    private static double valueAtX(JFreeChart chart, Rectangle2D area, double px) {
        XYPlot plot = (XYPlot) chart.getPlot();
        return plot.getDomainAxis().java2DToValue(px, area, RectangleEdge.BOTTOM);
    }
}
