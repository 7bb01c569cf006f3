package org.hmem.task.plot;

import java.util.Objects;

/**
 * A read-only strided view of a flat {@code float[]} as a {@code rows × cols} matrix.
 *
 * <p>Exists so that the engine's time-major spike buffers ({@code [t * n + i]}) and ordinary row-major matrices can
 * both be drawn without copying or transposing: the layout is captured by the two strides.
 */
public final class CellGrid {

    private final float[] data;
    private final int offset;
    private final int rows;
    private final int cols;
    private final int rowStride;
    private final int colStride;

    private CellGrid(float[] data, int offset, int rows, int cols, int rowStride, int colStride) {
        this.data = Objects.requireNonNull(data, "data");
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("grid must be non-empty, got " + rows + " × " + cols);
        }
        long last = offset + (long) (rows - 1) * rowStride + (long) (cols - 1) * colStride;
        if (offset < 0 || last >= data.length) {
            throw new IllegalArgumentException("a " + rows + " × " + cols
                    + " grid does not fit into an array of length " + data.length);
        }
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
        this.rowStride = rowStride;
        this.colStride = colStride;
    }

    /** Row-major {@code rows × cols} matrix: element {@code (r, c)} is {@code data[r * cols + c]}. */
    public static CellGrid rowMajor(float[] data, int rows, int cols) {
        return new CellGrid(data, 0, rows, cols, cols, 1);
    }

    /**
     * Time-major spike buffer of {@code neurons} units over {@code steps} steps, seen as a {@code neurons × steps}
     * matrix: element {@code (i, t)} is {@code data[t * neurons + i]}.
     */
    public static CellGrid timeMajor(float[] data, int neurons, int steps) {
        return new CellGrid(data, 0, neurons, steps, 1, neurons);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public float get(int r, int c) {
        return data[offset + r * rowStride + c * colStride];
    }

    /** Smallest and largest finite value as {@code {min, max}}; {@code {0, 0}} when no value is finite. */
    public float[] finiteRange() {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = get(r, c);
                if (Float.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo <= hi ? new float[] {lo, hi} : new float[] {0f, 0f};
    }

    /** Sum of row {@code r}; used for per-neuron spike counts. */
    public double rowSum(int r) {
        double s = 0;
        for (int c = 0; c < cols; c++) {
            s += get(r, c);
        }
        return s;
    }
}
