package org.hmem.task.plot;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import org.hmem.engine.io.AtomicFiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import javax.imageio.ImageIO;

import org.hmem.engine.io.AtomicFiles;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.Range;

/**
 * A grid of {@link Panel}s with an optional figure title, rendered to a PNG: the counterpart of matplotlib's
 * {@code subplots(rows, cols, sharex='col', gridspec_kw={'width_ratios': ...})} plus {@code tight_layout}.
 *
 * <p>Why not JFreeChart's combined plots: they share an axis but cannot give each subplot its own title or colour
 * bar. Here every panel stays an independent chart; the figure lays them out and then lines up their data areas
 * (equal left/right edges within a column, equal top/bottom edges within a row) by padding, re-measuring until the
 * edges agree. With {@link #sharedX} (default on) the panels of a column show the union of their x ranges, and only
 * the lowest one keeps x tick labels and axis label.
 *
 * <pre>{@code
 * Figure.grid(2, 2).widthRatios(10, 1).title("write")
 *     .add(0, 0, new RasterPanel("keys", keys, 100, steps))
 *     .add(0, 1, RateBarPanel.fromSpikes(keys, 100, steps, steps))
 *     .add(1, 0, new RasterPanel("values", values, 100, steps))
 *     .add(1, 1, RateBarPanel.fromSpikes(values, 100, steps, steps))
 *     .savePng(Path.of("results/plots/write.png"), 1200, 800);
 * }</pre>
 */
public final class Figure {

    private static final double MARGIN = 10;
    private static final int MAX_LAYOUT_PASSES = 4;
    private static final double ALIGN_TOLERANCE = 0.5;

    static {
        ChartStyle.ensureHeadless();
    }

    private final int rows;
    private final int cols;
    private final Panel[][] panels;
    private double[] widthRatios;
    private double[] heightRatios;
    private String title;
    private boolean sharedX = true;

    private Figure(int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("grid must be at least 1 × 1, got " + rows + " × " + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.panels = new Panel[rows][cols];
        this.widthRatios = ones(cols);
        this.heightRatios = ones(rows);
    }

    /** An empty {@code rows × cols} grid; cells left empty stay blank. */
    public static Figure grid(int rows, int cols) {
        return new Figure(rows, cols);
    }

    /** A single column of {@code rows} panels. */
    public static Figure stack(int rows) {
        return new Figure(rows, 1);
    }

    /** A figure of one panel. */
    public static Figure single(Panel panel) {
        return new Figure(1, 1).add(0, 0, panel);
    }

    public Figure title(String figureTitle) {
        this.title = figureTitle;
        return this;
    }

    /** Relative column widths, e.g. {@code (10, 1)} for raster + rate bars. */
    public Figure widthRatios(double... ratios) {
        this.widthRatios = checkRatios(ratios, cols, "width");
        return this;
    }

    /** Relative row heights. */
    public Figure heightRatios(double... ratios) {
        this.heightRatios = checkRatios(ratios, rows, "height");
        return this;
    }

    /** Whether panels in a column share their x axis (default {@code true}). */
    public Figure sharedX(boolean share) {
        this.sharedX = share;
        return this;
    }

    public Figure add(int row, int col, Panel panel) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        if (panels[row][col] != null) {
            throw new IllegalStateException("cell (" + row + ", " + col + ") already holds a panel");
        }
        panels[row][col] = Objects.requireNonNull(panel, "panel");
        return this;
    }

    /** Renders into a new image of {@code width × height} pixels. */
    public Rendering render(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + " × " + height);
        }
        JFreeChart[][] charts = new JFreeChart[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                charts[r][c] = panels[r][c] == null ? null : panels[r][c].createChart();
            }
        }
        if (sharedX) {
            shareColumns(charts);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            Rectangle2D[][] cells = layoutCells(g2, width, height);
            double[][][] extra = new double[rows][cols][4];
            ChartRenderingInfo[][] infos;
            for (int pass = 1;; pass++) {
                g2.setColor(Color.WHITE);
                g2.fillRect(0, 0, width, height);
                drawTitle(g2, width);
                infos = drawCharts(g2, charts, cells, extra);
                if (pass == MAX_LAYOUT_PASSES || !realign(infos, cells, extra)) {
                    break;
                }
            }
            return new Rendering(image, charts, infos);
        } finally {
            g2.dispose();
        }
    }

    /**
     * Renders and writes a PNG, creating parent directories. The old file, if any, is replaced only by a complete
     * image (temp file + rename).
     */
    public Rendering savePng(Path file, int width, int height) throws IOException {
        Rendering rendering = render(width, height);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(rendering.image(), "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
        return rendering;
    }

    private void shareColumns(JFreeChart[][] charts) {
        for (int c = 0; c < cols; c++) {
            List<ValueAxis> axes = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                if (charts[r][c] != null && charts[r][c].getPlot() instanceof XYPlot plot) {
                    axes.add(horizontalAxis(plot));
                }
            }
            if (axes.size() < 2) {
                continue;
            }
            Range union = null;
            for (ValueAxis axis : axes) {
                union = Range.combine(union, axis.getRange());
            }
            for (int k = 0; k < axes.size(); k++) {
                ValueAxis axis = axes.get(k);
                axis.setRange(union);
                if (k < axes.size() - 1) {
                    axis.setTickLabelsVisible(false);
                    axis.setLabel(null);
                }
            }
        }
    }

    /** The axis drawn along x: the domain axis, or the range axis of a horizontally oriented plot (bar charts). */
    private static ValueAxis horizontalAxis(XYPlot plot) {
        return plot.getOrientation() == PlotOrientation.VERTICAL ? plot.getDomainAxis() : plot.getRangeAxis();
    }

    private Rectangle2D[][] layoutCells(Graphics2D g2, int width, int height) {
        double top = MARGIN + titleBand(g2);
        double gridW = Math.max(1, width - 2 * MARGIN), gridH = Math.max(1, height - top - MARGIN);
        double wSum = Arrays.stream(widthRatios).sum(), hSum = Arrays.stream(heightRatios).sum();
        Rectangle2D[][] cells = new Rectangle2D[rows][cols];
        double y = top;
        for (int r = 0; r < rows; r++) {
            double h = gridH * heightRatios[r] / hSum, x = MARGIN;
            for (int c = 0; c < cols; c++) {
                double w = gridW * widthRatios[c] / wSum;
                cells[r][c] = new Rectangle2D.Double(x, y, w, h);
                x += w;
            }
            y += h;
        }
        return cells;
    }

    private double titleBand(Graphics2D g2) {
        return hasTitle() ? g2.getFontMetrics(ChartStyle.FIGURE_TITLE_FONT).getHeight() + MARGIN : 0;
    }

    private boolean hasTitle() {
        return title != null && !title.isBlank();
    }

    private void drawTitle(Graphics2D g2, int width) {
        if (!hasTitle()) {
            return;
        }
        g2.setFont(ChartStyle.FIGURE_TITLE_FONT);
        g2.setColor(Color.BLACK);
        FontMetrics fm = g2.getFontMetrics();
        float x = (float) Math.max(MARGIN, (width - fm.stringWidth(title)) / 2.0);
        g2.drawString(title, x, (float) (MARGIN + fm.getAscent()));
    }

    private ChartRenderingInfo[][] drawCharts(Graphics2D g2, JFreeChart[][] charts, Rectangle2D[][] cells,
            double[][][] extra) {
        ChartRenderingInfo[][] infos = new ChartRenderingInfo[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                JFreeChart chart = charts[r][c];
                if (chart == null) {
                    continue;
                }
                double[] e = extra[r][c];
                RectangleInsets p = ChartStyle.PADDING;
                chart.setPadding(new RectangleInsets(p.getTop() + e[0], p.getLeft() + e[1], p.getBottom() + e[2],
                        p.getRight() + e[3]));
                infos[r][c] = new ChartRenderingInfo();
                Graphics2D cellG2 = (Graphics2D) g2.create();
                try {
                    chart.draw(cellG2, cells[r][c], infos[r][c]);
                } finally {
                    cellG2.dispose();
                }
            }
        }
        return infos;
    }

    /**
     * Grows the padding of panels whose data area is inset less than the deepest one in the same row (top, bottom)
     * or column (left, right). Returns whether anything moved by more than the tolerance.
     */
    private boolean realign(ChartRenderingInfo[][] infos, Rectangle2D[][] cells, double[][][] extra) {
        double[][][] inset = new double[rows][cols][];
        double[] rowTop = new double[rows], rowBottom = new double[rows];
        double[] colLeft = new double[cols], colRight = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (infos[r][c] == null) {
                    continue;
                }
                Rectangle2D da = infos[r][c].getPlotInfo().getDataArea(), cell = cells[r][c];
                double[] in = {da.getMinY() - cell.getMinY(), da.getMinX() - cell.getMinX(),
                    cell.getMaxY() - da.getMaxY(), cell.getMaxX() - da.getMaxX()};
                inset[r][c] = in;
                rowTop[r] = Math.max(rowTop[r], in[0]);
                colLeft[c] = Math.max(colLeft[c], in[1]);
                rowBottom[r] = Math.max(rowBottom[r], in[2]);
                colRight[c] = Math.max(colRight[c], in[3]);
            }
        }
        boolean moved = false;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double[] in = inset[r][c];
                if (in == null) {
                    continue;
                }
                double[] target = {rowTop[r], colLeft[c], rowBottom[r], colRight[c]};
                for (int s = 0; s < 4; s++) {
                    double grow = target[s] - in[s];
                    if (grow > ALIGN_TOLERANCE) {
                        extra[r][c][s] += grow;
                        moved = true;
                    }
                }
            }
        }
        return moved;
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1.0);
        return a;
    }

    private static double[] checkRatios(double[] ratios, int n, String what) {
        if (ratios.length != n) {
            throw new IllegalArgumentException("need " + n + " " + what + " ratios, got " + ratios.length);
        }
        for (double v : ratios) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " ratios must be positive, got " + Arrays.toString(ratios));
            }
        }
        return ratios.clone();
    }

    /** The rendered image together with each panel's chart and rendering info, for callers that inspect pixels. */
    public static final class Rendering {
        private final BufferedImage image;
        private final JFreeChart[][] charts;
        private final ChartRenderingInfo[][] infos;

        Rendering(BufferedImage image, JFreeChart[][] charts, ChartRenderingInfo[][] infos) {
            this.image = image;
            this.charts = charts;
            this.infos = infos;
        }

        public BufferedImage image() {
            return image;
        }

        /** The chart drawn in a cell ({@code null} for an empty cell), with the figure's axis changes applied. */
        public JFreeChart chart(int row, int col) {
            return charts[row][col];
        }

        public ChartRenderingInfo info(int row, int col) {
            return infos[row][col];
        }

        /** The data area (inside the axes) of a cell's plot in image pixel coordinates. */
        public Rectangle2D dataArea(int row, int col) {
            return (Rectangle2D) infos[row][col].getPlotInfo().getDataArea().clone();
        }
    }
}
