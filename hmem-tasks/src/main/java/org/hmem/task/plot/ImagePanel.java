package org.hmem.task.plot;

import java.util.Arrays;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;

/**
 * A picture without axes, like matplotlib's {@code imshow(img, cmap='gray', vmin=black, vmax=white)} followed by
 * {@code set_axis_off()}: for input images such as 28 × 28 characters, where ticks, frame and colour bar would only
 * add clutter. Grey unless another {@link ColorScale} is given. Row 0 is at the top.
 */
public final class ImagePanel implements Panel {

    private final String title;
    private final CellGrid grid;
    private final ColorScale scale;

    /**
     * @param pixels row-major image {@code [r * cols + c]} starting at {@code offset}; copied
     * @param black  the value drawn black (lower limit); {@code white} the value drawn white
     */
    public ImagePanel(String title, float[] pixels, int offset, int rows, int cols, double black, double white) {
        this(title, pixels, offset, rows, cols, ColorScale.gray(black, white));
    }

    /** The picture in the colours of {@code scale} (e.g. viridis for an MFCC image). */
    public ImagePanel(String title, float[] pixels, int offset, int rows, int cols, ColorScale scale) {
        this.title = title;
        this.grid = CellGrid.rowMajor(Arrays.copyOfRange(pixels, offset, offset + rows * cols), rows, cols);
        this.scale = scale;
    }

    @Override
    public JFreeChart createChart() {
        NumberAxis x = ChartStyle.axis(null, 0, grid.cols(), true);
        NumberAxis y = ChartStyle.axis(null, 0, grid.rows(), true);
        y.setInverted(true);
        x.setVisible(false);
        y.setVisible(false);
        XYPlot plot = new XYPlot(null, x, y, null);
        plot.addAnnotation(new CellImageAnnotation(grid, scale, 0, 0, CellImageAnnotation.Resampling.NEAREST));
        JFreeChart chart = ChartStyle.chart(title, plot);
        plot.setOutlineVisible(false);
        return chart;
    }
}
