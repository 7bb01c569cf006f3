package org.hmem.engine.tensor;

import org.hmem.engine.simd.Simd;
import org.hmem.engine.simd.VectorKernels;

/**
 * Flat-array kernels used by the layers' hot loops. Plain indexed loops over primitives so the JIT can vectorise
 * them; no allocation. Arguments follow "input..., output last"; ranges are given by offset and length.
 */
public final class FloatOps {

    private FloatOps() {
    }

    /** {@code y[yOff+i] += a * x[xOff+i]} for i < n. */
    public static void axpy(int n, float a, float[] x, int xOff, float[] y, int yOff) {
        if (Simd.enabled()) {
            VectorKernels.axpy(n, a, x, xOff, y, yOff);
            return;
        }
        for (int i = 0; i < n; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

    /**
     * Sum of {@code x[xOff+i] * y[yOff+i]} for i < n, with partial sums (order differs from sequential; SIMD lanes
     * with fused multiply-adds when {@link Simd#enabled()}).
     */
    public static float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        if (Simd.enabled()) {
            return VectorKernels.dot(n, x, xOff, y, yOff);
        }
        return dotScalar(n, x, xOff, y, yOff);
    }

    /**
     * Sum of {@code x[xOff+i] * y[yOff+i]} for i < n with four scalar partial sums, whatever {@link Simd#enabled()}:
     * for forward computations whose values must not depend on the SIMD switch.
     */
    public static float dotScalar(int n, float[] x, int xOff, float[] y, int yOff) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[xOff + i] * y[yOff + i];
            s1 += x[xOff + i + 1] * y[yOff + i + 1];
            s2 += x[xOff + i + 2] * y[yOff + i + 2];
            s3 += x[xOff + i + 3] * y[yOff + i + 3];
        }
        for (; i < n; i++) {
            s0 += x[xOff + i] * y[yOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Side of the square tiles that {@link #transpose} and {@link #addTransposed} walk: a tile's rows of the source
     * and of the result (32 floats each) stay in the first-level cache. Walking whole rows instead touches a new
     * cache line with every entry written once a row has more entries than that cache holds lines: the dense
     * decoder's 256 x 784 gradient took 0.83 ms that way and takes 0.14 ms in tiles (docs/BENCHMARKS.md).
     */
    private static final int TILE = 32;

    /** Writes the transpose of the (rows, cols) matrix {@code a} into {@code out} as (cols, rows). */
    public static void transpose(float[] a, int rows, int cols, float[] out) {
        transposeTiles(a, rows, cols, out, false);
    }

    /** Whether any of {@code a[off .. off + n)} is non-zero. */
    public static boolean anyNonZero(float[] a, int off, int n) {
        if (Simd.enabled()) {
            return VectorKernels.anyNonZero(a, off, n);
        }
        for (int i = off; i < off + n; i++) {
            if (a[i] != 0f) {
                return true;
            }
        }
        return false;
    }

    /** {@code y[yOff+i] += x[xOff+i]} where {@code mask[maskOff+i] != 0}, for i < n (elsewhere y is left as it is). */
    public static void addWhereNonZero(int n, float[] x, int xOff, float[] mask, int maskOff, float[] y, int yOff) {
        if (Simd.enabled()) {
            VectorKernels.addWhereNonZero(n, x, xOff, mask, maskOff, y, yOff);
            return;
        }
        for (int i = 0; i < n; i++) {
            if (mask[maskOff + i] != 0f) {
                y[yOff + i] += x[xOff + i];
            }
        }
    }

    /** Adds the transpose of the (rows, cols) matrix {@code a} into {@code out} (cols, rows). */
    public static void addTransposed(float[] a, int rows, int cols, float[] out) {
        transposeTiles(a, rows, cols, out, true);
    }

    /** The tile walk of {@link #transpose} ({@code add} false) and {@link #addTransposed} (true). */
    private static void transposeTiles(float[] a, int rows, int cols, float[] out, boolean add) {
        for (int r0 = 0; r0 < rows; r0 += TILE) {
            int r1 = Math.min(r0 + TILE, rows);
            for (int c0 = 0; c0 < cols; c0 += TILE) {
                int c1 = Math.min(c0 + TILE, cols);
                for (int r = r0; r < r1; r++) {
                    int ar = r * cols;
                    for (int c = c0; c < c1; c++) {
                        int o = c * rows + r;
                        out[o] = add ? out[o] + a[ar + c] : a[ar + c];
                    }
                }
            }
        }
    }

    /**
     * Sparse-input projection for one step: {@code y[0..m) = sum_k x[xOff+k] * wt[k*m .. k*m+m)} over the non-zero
     * inputs k < n, where {@code wt} is a weight stored input-major (n, m). Adds to {@code y}.
     */
    public static void addSparseProjection(float[] x, int xOff, int n, float[] wt, int wtOff, int m,
                                           float[] y, int yOff) {
        for (int k = 0; k < n; k++) {
            float xk = x[xOff + k];
            if (xk != 0f) {
                axpy(m, xk, wt, wtOff + k * m, y, yOff);
            }
        }
    }

    /**
     * Same as {@link #addSparseProjection(float[], int, int, float[], int, int, float[], int)} (bit for bit), with an
     * index scratch of at least n entries that lets the SIMD kernel load and store each output once.
     */
    public static void addSparseProjection(float[] x, int xOff, int n, float[] wt, int wtOff, int m, float[] y,
                                           int yOff, int[] scratch) {
        if (Simd.enabled()) {
            VectorKernels.addSparseProjection(x, xOff, n, wt, wtOff, m, y, yOff, scratch);
            return;
        }
        addSparseProjection(x, xOff, n, wt, wtOff, m, y, yOff);
    }

    /**
     * The weight gradient of a projection from sparse inputs over {@code steps} steps:
     * {@code out[outOff + k*width + c] += x[xOff + t*in + k] * g[gOff + t*gStride + c]} for the non-zero inputs,
     * adding step by step from {@code t = steps - 1} down to 0 (the order of backpropagation through time), so the
     * sums are those of an axpy per input spike as the steps are visited. Returns the index scratch to keep for the
     * next call (the SIMD kernel lists each input's spikes there; pass null the first time).
     */
    public static int[] addSpikeOuterProducts(int steps, float[] x, int xOff, int in, float[] g, int gOff, int gStride,
                                              int width, float[] out, int outOff, int[] scratch) {
        if (Simd.enabled()) {
            int[] lists = scratch != null ? scratch : new int[0];
            int need = VectorKernels.addSpikeOuterProducts(steps, x, xOff, in, g, gOff, gStride, width, out, outOff,
                    lists);
            while (need > lists.length) {
                lists = new int[need + need / 4];
                need = VectorKernels.addSpikeOuterProducts(steps, x, xOff, in, g, gOff, gStride, width, out, outOff,
                        lists);
            }
            return lists;
        }
        for (int t = steps - 1; t >= 0; t--) {
            int row = xOff + t * in;
            for (int k = 0; k < in; k++) {
                float xk = x[row + k];
                if (xk != 0f) {
                    axpy(width, xk, g, gOff + t * gStride, out, outOff + k * width);
                }
            }
        }
        return scratch;
    }

    /**
     * Row-wise dot products for a selection of rows:
     * {@code out[outOff + r] += scale * dot(a[aOff + r * aStride ..], x[xOff ..])} over {@code cols} entries, for
     * every row {@code r < rows} with {@code select == null || select[selOff + r] != 0} (e.g. a surrogate record, to
     * skip neurons whose incoming gradient cannot matter).
     */
    public static void addRowDots(int rows, int cols, float[] a, int aOff, int aStride, float[] x, int xOff,
                                  float scale, float[] select, int selOff, float[] out, int outOff) {
        if (Simd.enabled()) {
            VectorKernels.addRowDots(rows, cols, a, aOff, aStride, x, xOff, scale, select, selOff, out, outOff);
            return;
        }
        for (int r = 0; r < rows; r++) {
            if (select == null || select[selOff + r] != 0f) {
                out[outOff + r] += scale * dotScalar(cols, a, aOff + r * aStride, x, xOff);
            }
        }
    }

    /**
     * {@link #addRowDots} for a matrix stored transposed: row r's entries are {@code aT[aOff + i * aStride + r]},
     * {@code i < cols}. The plain loops give exactly what {@link #addRowDots} gives; the SIMD kernel instead adds the
     * rows of {@code aT} of the non-zero x (a gradient behind a surrogate is mostly zeros) for all rows at once, in
     * ascending i, with no horizontal reduction (same value up to rounding).
     *
     * @param acc scratch of at least {@code rows} entries. Modified.
     * @param active scratch of at least {@code cols} entries. Modified.
     */
    public static void addTransposedRowDots(int rows, int cols, float[] aT, int aOff, int aStride, float[] x, int xOff,
                                            float scale, float[] select, int selOff, float[] out, int outOff,
                                            float[] acc, int[] active) {
        if (Simd.enabled()) {
            VectorKernels.addTransposedRowDots(rows, cols, aT, aOff, aStride, x, xOff, scale, select, selOff, out,
                    outOff, acc, active);
            return;
        }
        for (int r = 0; r < rows; r++) {
            if (select == null || select[selOff + r] != 0f) {
                // the order of dotScalar, so the plain loops give what addRowDots gives
                float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
                int i = 0, a = aOff + r;
                for (; i + 3 < cols; i += 4) {
                    s0 += aT[a + i * aStride] * x[xOff + i];
                    s1 += aT[a + (i + 1) * aStride] * x[xOff + i + 1];
                    s2 += aT[a + (i + 2) * aStride] * x[xOff + i + 2];
                    s3 += aT[a + (i + 3) * aStride] * x[xOff + i + 3];
                }
                for (; i < cols; i++) {
                    s0 += aT[a + i * aStride] * x[xOff + i];
                }
                out[outOff + r] += scale * ((s0 + s1) + (s2 + s3));
            }
        }
    }

    /** {@code out[off + j] = sum_r a[r * cols + j]} for j < cols: e.g. spike counts per neuron over time. */
    public static void sumRows(float[] a, int rows, int cols, float[] out, int off) {
        java.util.Arrays.fill(out, off, off + cols, 0f);
        for (int r = 0; r < rows; r++) {
            int ar = r * cols;
            for (int j = 0; j < cols; j++) {
                out[off + j] += a[ar + j];
            }
        }
    }

    /**
     * Fills the first {@code rows} rows of a (rows, cols) array with {@code row} (or zeros when {@code row} is null),
     * growing the array when needed; returns the array to use.
     */
    public static float[] repeatRow(float[] row, int rows, int cols, float[] buf) {
        if (row == null) {
            return ensureZeroed(buf, rows * cols);
        }
        float[] out = ensure(buf, rows * cols);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(row, 0, out, r * cols, cols);
        }
        return out;
    }

    /** {@link #ensure} and zero the first {@code len} entries. */
    public static float[] ensureZeroed(float[] a, int len) {
        float[] out = ensure(a, len);
        java.util.Arrays.fill(out, 0, len, 0f);
        return out;
    }

    /** Grows {@code a} to at least {@code len} (contents not preserved). */
    public static float[] ensure(float[] a, int len) {
        return a != null && a.length >= len ? a : new float[len];
    }
}
