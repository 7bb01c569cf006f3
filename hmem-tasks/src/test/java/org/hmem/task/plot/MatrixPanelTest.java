package org.hmem.task.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.PaintScaleLegend;
import org.junit.jupiter.api.Test;

class MatrixPanelTest {

    @Test
    void divergingMapIsRedForNegativeWhiteForZeroBlueForPositive() {
        float[] m = {-3f, 0f, 3f, -0.1f};
        Figure.Rendering rendering = Figure.single(MatrixPanel.diverging("memory", m, 2, 2)).render(600, 500);
        JFreeChart chart = rendering.chart(0, 0);
        Rectangle2D area = rendering.dataArea(0, 0);
        BufferedImage image = rendering.image();

        int negative = cell(image, chart, area, 0, 0);
        int zero = cell(image, chart, area, 0, 1);
        int positive = cell(image, chart, area, 1, 0);
        assertTrue(Pixels.red(negative) > Pixels.blue(negative) + 50
                && Pixels.red(negative) > Pixels.green(negative) + 50, hex(negative));
        assertTrue(Pixels.blue(positive) > Pixels.red(positive) + 50, hex(positive));
        for (int channel : new int[] {Pixels.red(zero), Pixels.green(zero), Pixels.blue(zero)}) {
            assertTrue(channel > 235, "zero should be near white: " + hex(zero));
        }
        int faint = cell(image, chart, area, 1, 1);
        assertTrue(Pixels.luma(faint) > 200, "small magnitude stays pale: " + hex(faint));

        assertEquals(1, chart.getSubtitleCount());
        PaintScaleLegend bar = assertInstanceOf(PaintScaleLegend.class, chart.getSubtitle(0));
        assertEquals(-3.0, bar.getScale().getLowerBound(), 1e-9);
        assertEquals(3.0, bar.getScale().getUpperBound(), 1e-9);
    }

    @Test
    void grayMapIsMonotoneFromBlackToWhite() {
        int cols = 10;
        float[] m = new float[cols];
        for (int c = 0; c < cols; c++) {
            m[c] = 2f * c - 5f;
        }
        Figure.Rendering rendering = Figure.single(MatrixPanel.gray("features", m, 1, cols)).render(700, 250);
        JFreeChart chart = rendering.chart(0, 0);
        Rectangle2D area = rendering.dataArea(0, 0);
        int previous = -1;
        for (int c = 0; c < cols; c++) {
            int rgb = cell(rendering.image(), chart, area, 0, c);
            assertEquals(Pixels.red(rgb), Pixels.blue(rgb), "grey, not coloured: " + hex(rgb));
            int luma = Pixels.luma(rgb);
            assertTrue(luma > previous, "column " + c + " luma " + luma + " after " + previous);
            previous = luma;
        }
        assertTrue(Pixels.luma(cell(rendering.image(), chart, area, 0, 0)) < 10);
        assertTrue(previous > 245);
        assertEquals(1, chart.getSubtitleCount(), "colour bar");
    }

    @Test
    void rowZeroIsAtTheTopLikeMatshow() {
        float[] m = {0f, 1f}; // 2 × 1: row 0 black, row 1 white
        Figure.Rendering rendering = Figure.single(MatrixPanel.gray("logits", m, 2, 1)).render(300, 400);
        Rectangle2D area = rendering.dataArea(0, 0);
        BufferedImage image = rendering.image();
        int top = image.getRGB((int) area.getCenterX(), (int) (area.getMinY() + area.getHeight() / 4));
        int bottom = image.getRGB((int) area.getCenterX(), (int) (area.getMinY() + 3 * area.getHeight() / 4));
        assertTrue(Pixels.luma(top) < 10 && Pixels.luma(bottom) > 245, hex(top) + " " + hex(bottom));
    }

    @Test
    void colorScaleEndpointsMatchMatplotlib() {
        ColorScale rdBu = ColorScale.rdBu(2);
        assertEquals(0xff67001f, rdBu.argb(-2));
        assertEquals(0xff67001f, rdBu.argb(-5), "clamped");
        assertEquals(0xff053061, rdBu.argb(2));
        assertEquals(0, rdBu.argb(Double.NaN), "NaN is transparent");
        assertEquals(0xffffffff, ColorScale.binary().argb(0));
        assertEquals(0xff000000, ColorScale.binary().argb(1));
        assertEquals(0xff000000, ColorScale.gray(-1, 1).argb(-1));
        assertEquals(0xffffffff, ColorScale.gray(-1, 1).argb(1));
        ColorScale constant = ColorScale.grayFor(CellGrid.rowMajor(new float[] {4f, 4f}, 1, 2));
        assertEquals(3.5, constant.getLowerBound());
        assertEquals(4.5, constant.getUpperBound());
    }

    private static int cell(BufferedImage image, JFreeChart chart, Rectangle2D area, int row, int col) {
        return Pixels.at(image, Pixels.x(chart, area, col), Pixels.y(chart, area, row));
    }

    private static String hex(int rgb) {
        return String.format("#%06x", rgb & 0xffffff);
    }
}
