package org.hmem.task.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;

/**
 * A matrix drawn cell by cell with a colour bar, like matplotlib's {@code matshow}: cell {@code (r, c)} is centred on
 * {@code (c, r)} so integer ticks label cells, and row 0 is at the top by default.
 *
 * <p>Two colourings cover the reference figures: {@link #diverging} ('RdBu', symmetric ±max|x|) for signed
 * quantities such as the Hebbian memory matrix, and {@link #gray} ('gray', data range) for small inputs and outputs
 * such as features (F × L) or logits (C × 1).
 */
public final class MatrixPanel implements Panel {

    private final String title;
    private final CellGrid grid;
    private final ColorScale scale;
    private String xLabel;
    private String yLabel;
    private boolean rowZeroAtTop = true;
    private boolean colorBar = true;

    /** @param grid not copied; draw before its buffer is reused */
    public MatrixPanel(String title, CellGrid grid, ColorScale scale) {
        this.title = title;
        this.grid = grid;
        this.scale = scale;
    }

    /** Red-white-blue heat map of a row-major matrix with limits ±max|x| (red negative, blue positive). */
    public static MatrixPanel diverging(String title, float[] data, int rows, int cols) {
        CellGrid grid = CellGrid.rowMajor(data, rows, cols);
        return new MatrixPanel(title, grid, ColorScale.rdBuFor(grid));
    }

    /** Grey-scale map of a row-major matrix over its own range (black low, white high). */
    public static MatrixPanel gray(String title, float[] data, int rows, int cols) {
        CellGrid grid = CellGrid.rowMajor(data, rows, cols);
        return new MatrixPanel(title, grid, ColorScale.grayFor(grid));
    }

    /** Axis labels; {@code null} (the default) hides a label. */
    public MatrixPanel axisLabels(String x, String y) {
        this.xLabel = x;
        this.yLabel = y;
        return this;
    }

    /** {@code true} (default, like {@code matshow}) puts row 0 at the top; {@code false} at the bottom. */
    public MatrixPanel rowZeroAtTop(boolean top) {
        this.rowZeroAtTop = top;
        return this;
    }

    /** Whether to show the colour bar (default yes). */
    public MatrixPanel colorBar(boolean show) {
        this.colorBar = show;
        return this;
    }

    @Override
    public JFreeChart createChart() {
        NumberAxis x = ChartStyle.axis(xLabel, -0.5, grid.cols() - 0.5, true);
        NumberAxis y = ChartStyle.axis(yLabel, -0.5, grid.rows() - 0.5, true);
        y.setInverted(rowZeroAtTop);
        XYPlot plot = new XYPlot(null, x, y, null);
        plot.addAnnotation(new CellImageAnnotation(grid, scale, -0.5, -0.5, CellImageAnnotation.Resampling.NEAREST));
        JFreeChart chart = ChartStyle.chart(title, plot);
        if (colorBar) {
            chart.addSubtitle(new ColorBar(scale, plot));
        }
        return chart;
    }
}
