package org.hmem.engine.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD versions of the engine's generic linear-algebra loops (axpy, dot, sparse projections, row dots). Only ever
 * loaded when {@link Simd#enabled()}; every kernel has a scalar twin in {@code FloatOps}, which dispatches to it. The
 * model formulas (neuron step, trace, plasticity rule) keep their SIMD forms next to their definitions.
 *
 * <p>Rules every kernel follows: scalar operands are broadcast once outside the loops (on Java 17, lane-wise
 * operations with a scalar argument inside a loop are not optimised); the tail that does not fill a vector runs
 * the scalar expression. Kernels marked <b>exact</b> perform exactly the scalar code's float operations per element
 * (no fused multiply-add, same association), so their results are bit-identical to the scalar loops; forward passes
 * use only exact kernels, so spikes never depend on whether SIMD is on. Reductions ({@link #dot},
 * {@link #addRowDots}) accumulate in lanes with fused multiply-adds: same value up to rounding.
 */
public final class VectorKernels {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Lane indices 0, 1, ... as floats, for lane masks. */
    private static final FloatVector IOTA;

    static {
        float[] iota = new float[L];
        for (int i = 0; i < L; i++) {
            iota[i] = i;
        }
        IOTA = FloatVector.fromArray(S, iota, 0);
    }

    private VectorKernels() {
    }

    static String describe() {
        return S.vectorBitSize() + "-bit vectors, " + L + " floats";
    }

    /** Exact. {@code y[yOff+i] += a * x[xOff+i]}. */
    public static void axpy(int n, float a, float[] x, int xOff, float[] y, int yOff) {
        FloatVector va = FloatVector.broadcast(S, a);
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector vy = FloatVector.fromArray(S, y, yOff + i);
            vy.add(va.mul(FloatVector.fromArray(S, x, xOff + i))).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

    /** Whether any of {@code a[off .. off + n)} is non-zero, a vector at a time. */
    public static boolean anyNonZero(float[] a, int off, int n) {
        FloatVector zero = FloatVector.zero(S);
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            if (FloatVector.fromArray(S, a, off + i).compare(VectorOperators.NE, zero).anyTrue()) {
                return true;
            }
        }
        for (; i < n; i++) {
            if (a[off + i] != 0f) {
                return true;
            }
        }
        return false;
    }

    /** Exact: {@code y += x} in the lanes where {@code mask != 0}; the other lanes keep y's bits. */
    public static void addWhereNonZero(int n, float[] x, int xOff, float[] mask, int maskOff, float[] y, int yOff) {
        FloatVector zero = FloatVector.zero(S);
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector vy = FloatVector.fromArray(S, y, yOff + i);
            VectorMask<Float> on = FloatVector.fromArray(S, mask, maskOff + i).compare(VectorOperators.NE, zero);
            vy.blend(vy.add(FloatVector.fromArray(S, x, xOff + i)), on).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            if (mask[maskOff + i] != 0f) {
                y[yOff + i] += x[xOff + i];
            }
        }
    }

    /** Sum of {@code x[xOff+i] * y[yOff+i]}, lane-parallel with fused multiply-adds. */
    public static float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        int bound = S.loopBound(n);
        int i = 0;
        FloatVector acc = FloatVector.zero(S);
        for (; i < bound; i += L) {
            acc = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += x[xOff + i] * y[yOff + i];
        }
        return s;
    }

    /**
     * {@code out[outOff + r] += scale * (a[aOff + r * aStride .. + cols) . x[xOff .. + cols))} for the rows
     * {@code r < rows} with {@code select == null || select[selOff + r] != 0}. The selected rows are listed first
     * ({@link NonZeroLanes}: a surrogate record's pattern is random, and a test per row mispredicted its branch at
     * about every selected row); four listed rows share each load of x; the ragged end of the rows is one overlapping
     * vector with the covered lanes of x zeroed.
     */
    public static void addRowDots(int rows, int cols, float[] a, int aOff, int aStride, float[] x, int xOff,
                                  float scale, float[] select, int selOff, float[] out, int outOff) {
        if (cols < L) {
            for (int r = 0; r < rows; r++) {
                if (select == null || select[selOff + r] != 0f) {
                    float s = 0f;
                    for (int i = 0; i < cols; i++) {
                        s += a[aOff + r * aStride + i] * x[xOff + i];
                    }
                    out[outOff + r] += scale * s;
                }
            }
            return;
        }
        final FloatVector zero = FloatVector.zero(S);
        final int bound = S.loopBound(cols);
        final boolean ragged = bound != cols;
        final int tailAt = cols - L;
        final FloatVector xTail = FloatVector.fromArray(S, x, xOff + tailAt)
                .blend(zero, IOTA.compare(VectorOperators.LT, (float) (bound - tailAt)));
        int[] list = ROWS.get();
        if (list.length < rows + L) {
            list = new int[rows + L];
            ROWS.set(list);
        }
        int count;
        if (select == null) {
            for (int r = 0; r < rows; r++) {
                list[r] = r;
            }
            count = rows;
        } else {
            count = NonZeroLanes.append(select, selOff, rows, list, 0);
        }
        int q = 0;
        for (; q + 4 <= count; q += 4) {
            int r0 = list[q], r1 = list[q + 1], r2 = list[q + 2], r3 = list[q + 3];
            int o0 = aOff + r0 * aStride, o1 = aOff + r1 * aStride;
            int o2 = aOff + r2 * aStride, o3 = aOff + r3 * aStride;
            FloatVector s0 = zero, s1 = zero, s2 = zero, s3 = zero;
            if (ragged) {
                s0 = FloatVector.fromArray(S, a, o0 + tailAt).mul(xTail);
                s1 = FloatVector.fromArray(S, a, o1 + tailAt).mul(xTail);
                s2 = FloatVector.fromArray(S, a, o2 + tailAt).mul(xTail);
                s3 = FloatVector.fromArray(S, a, o3 + tailAt).mul(xTail);
            }
            for (int i = 0; i < bound; i += L) {
                FloatVector xv = FloatVector.fromArray(S, x, xOff + i);
                s0 = FloatVector.fromArray(S, a, o0 + i).fma(xv, s0);
                s1 = FloatVector.fromArray(S, a, o1 + i).fma(xv, s1);
                s2 = FloatVector.fromArray(S, a, o2 + i).fma(xv, s2);
                s3 = FloatVector.fromArray(S, a, o3 + i).fma(xv, s3);
            }
            out[outOff + r0] += scale * s0.reduceLanes(VectorOperators.ADD);
            out[outOff + r1] += scale * s1.reduceLanes(VectorOperators.ADD);
            out[outOff + r2] += scale * s2.reduceLanes(VectorOperators.ADD);
            out[outOff + r3] += scale * s3.reduceLanes(VectorOperators.ADD);
        }
        for (; q < count; q++) {
            int r = list[q];
            int o = aOff + r * aStride;
            FloatVector s0 = ragged ? FloatVector.fromArray(S, a, o + tailAt).mul(xTail) : zero;
            for (int i = 0; i < bound; i += L) {
                s0 = FloatVector.fromArray(S, a, o + i).fma(FloatVector.fromArray(S, x, xOff + i), s0);
            }
            out[outOff + r] += scale * s0.reduceLanes(VectorOperators.ADD);
        }
    }

    /** Per thread: the selected rows of {@link #addRowDots} (grown on demand; the kernel allocates nothing after). */
    private static final ThreadLocal<int[]> ROWS = ThreadLocal.withInitial(() -> new int[0]);

    /**
     * Exact. {@code y[yOff + c] += sum_k x[xOff+k] * wt[wtOff + k*m + c]} over the non-zero inputs {@code k < n}, in
     * ascending k for every c (the operation sequence of repeated {@link #axpy}), computed one output vector at a
     * time so each output is loaded and stored once. Spike inputs equal to 1 skip the multiplication ({@code 1 * w}
     * is exactly {@code w}).
     *
     * @param active scratch of at least n entries. Modified.
     */
    public static void addSparseProjection(float[] x, int xOff, int n, float[] wt, int wtOff, int m, float[] y,
                                           int yOff, int[] active) {
        int count = NonZeroLanes.append(x, xOff, n, active, 0);
        if (count == 0) {
            return;
        }
        if (m < L) {
            for (int q = 0; q < count; q++) {
                int k = active[q];
                float xk = x[xOff + k];
                for (int c = 0; c < m; c++) {
                    y[yOff + c] += xk * wt[wtOff + k * m + c];
                }
            }
            return;
        }
        final int bound = S.loopBound(m);
        final int tailAt = m - L;
        FloatVector tail = null;
        if (bound != m) {
            // computed from the original y before the main loop stores the overlapping lanes (same values there)
            tail = projectChunk(x, xOff, wt, wtOff + tailAt, m, y, yOff + tailAt, active, count);
        }
        int c = 0;
        // four output vectors at a time: four independent addition chains hide the add latency
        for (; c + 4 * L <= bound; c += 4 * L) {
            FloatVector a0 = FloatVector.fromArray(S, y, yOff + c);
            FloatVector a1 = FloatVector.fromArray(S, y, yOff + c + L);
            FloatVector a2 = FloatVector.fromArray(S, y, yOff + c + 2 * L);
            FloatVector a3 = FloatVector.fromArray(S, y, yOff + c + 3 * L);
            for (int q = 0; q < count; q++) {
                int k = active[q];
                float xk = x[xOff + k];
                int w = wtOff + k * m + c;
                FloatVector w0 = FloatVector.fromArray(S, wt, w);
                FloatVector w1 = FloatVector.fromArray(S, wt, w + L);
                FloatVector w2 = FloatVector.fromArray(S, wt, w + 2 * L);
                FloatVector w3 = FloatVector.fromArray(S, wt, w + 3 * L);
                if (xk != 1f) {
                    FloatVector vx = FloatVector.broadcast(S, xk);
                    w0 = vx.mul(w0);
                    w1 = vx.mul(w1);
                    w2 = vx.mul(w2);
                    w3 = vx.mul(w3);
                }
                a0 = a0.add(w0);
                a1 = a1.add(w1);
                a2 = a2.add(w2);
                a3 = a3.add(w3);
            }
            a0.intoArray(y, yOff + c);
            a1.intoArray(y, yOff + c + L);
            a2.intoArray(y, yOff + c + 2 * L);
            a3.intoArray(y, yOff + c + 3 * L);
        }
        for (; c < bound; c += L) {
            projectChunk(x, xOff, wt, wtOff + c, m, y, yOff + c, active, count).intoArray(y, yOff + c);
        }
        if (tail != null) {
            tail.intoArray(y, yOff + tailAt);
        }
    }

    /** One output vector of {@link #addSparseProjection}: y at yAt plus the active rows of wt at wtAt. */
    private static FloatVector projectChunk(float[] x, int xOff, float[] wt, int wtAt, int m, float[] y, int yAt,
                                            int[] active, int count) {
        FloatVector acc = FloatVector.fromArray(S, y, yAt);
        for (int q = 0; q < count; q++) {
            int k = active[q];
            float xk = x[xOff + k];
            FloatVector w = FloatVector.fromArray(S, wt, wtAt + k * m);
            acc = acc.add(xk == 1f ? w : FloatVector.broadcast(S, xk).mul(w));
        }
        return acc;
    }

    /**
     * {@code out[outOff + r] += scale * sum_i x[xOff + i] * aT[aOff + i * aStride + r]} for the rows with
     * {@code select == null || select[selOff + r] != 0}: the rows of aT of the non-zero x are added into {@code acc}
     * (exactly as {@link #addSparseProjection}), then the selected rows of acc into out; unselected entries of out
     * keep their bits.
     */
    public static void addTransposedRowDots(int rows, int cols, float[] aT, int aOff, int aStride, float[] x,
                                            int xOff, float scale, float[] select, int selOff, float[] out,
                                            int outOff, float[] acc, int[] active) {
        java.util.Arrays.fill(acc, 0, rows, 0f);
        addSparseProjection(x, xOff, cols, aT, aOff, aStride, rows, acc, 0, active);
        final FloatVector zero = FloatVector.zero(S), vs = FloatVector.broadcast(S, scale);
        int bound = S.loopBound(rows);
        int r = 0;
        for (; r < bound; r += L) {
            FloatVector o = FloatVector.fromArray(S, out, outOff + r);
            FloatVector sum = o.add(vs.mul(FloatVector.fromArray(S, acc, r)));
            if (select == null) {
                sum.intoArray(out, outOff + r);
            } else {
                o.blend(sum, FloatVector.fromArray(S, select, selOff + r).compare(VectorOperators.NE, zero))
                        .intoArray(out, outOff + r);
            }
        }
        for (; r < rows; r++) {
            if (select == null || select[selOff + r] != 0f) {
                out[outOff + r] += scale * acc[r];
            }
        }
    }

    /**
     * Exact. {@link #addSparseProjection} with the rows of wt {@code stride} apart ({@code >= m}), through
     * {@link #addListedRows} (the forward passes keep their own kernel, measured faster for their short rows).
     */
    public static void addSparseProjection(float[] x, int xOff, int n, float[] wt, int wtOff, int stride, int m,
                                           float[] y, int yOff, int[] active) {
        int count = NonZeroLanes.append(x, xOff, n, active, 0);
        addListedRows(active, 0, count, x, xOff, 1, wt, wtOff, stride, m, y, yOff);
    }

    /**
     * Exact. {@code y[yOff + c] += x[xBase + i*xStep] * rows[rowBase + i*rowStep + c]} for {@code i = list[q]},
     * {@code q} from {@code from} to {@code to - 1} in that order, every {@code c < m} (the operation sequence of
     * repeated {@link #axpy}), one output vector at a time so each output is loaded and stored once. Coefficients
     * equal to 1 (spikes) skip the multiplication. The loop has the shape of {@link #addSparseProjection}'s, which the
     * forward passes keep as a copy of their own: this general form measured 40-65 % slower there
     * (docs/BENCHMARKS.md, "Gradient sums after the BPTT loop").
     */
    public static void addListedRows(int[] list, int from, int to, float[] x, int xBase, int xStep, float[] rows,
                                     int rowBase, int rowStep, int m, float[] y, int yOff) {
        if (from >= to) {
            return;
        }
        if (m < L) {
            for (int q = from; q < to; q++) {
                int i = list[q];
                float xi = x[xBase + i * xStep];
                for (int c = 0; c < m; c++) {
                    y[yOff + c] += xi * rows[rowBase + i * rowStep + c];
                }
            }
            return;
        }
        final int bound = S.loopBound(m);
        final int tailAt = m - L;
        FloatVector tail = null;
        if (bound != m) {
            // computed from the original y before the main loop stores the overlapping lanes (same values there)
            tail = listedChunk(list, from, to, x, xBase, xStep, rows, rowBase + tailAt, rowStep, y, yOff + tailAt);
        }
        int c = 0;
        // four output vectors at a time: four independent addition chains hide the add latency
        for (; c + 4 * L <= bound; c += 4 * L) {
            FloatVector a0 = FloatVector.fromArray(S, y, yOff + c);
            FloatVector a1 = FloatVector.fromArray(S, y, yOff + c + L);
            FloatVector a2 = FloatVector.fromArray(S, y, yOff + c + 2 * L);
            FloatVector a3 = FloatVector.fromArray(S, y, yOff + c + 3 * L);
            for (int q = from; q < to; q++) {
                int i = list[q];
                float xi = x[xBase + i * xStep];
                int w = rowBase + i * rowStep + c;
                FloatVector w0 = FloatVector.fromArray(S, rows, w);
                FloatVector w1 = FloatVector.fromArray(S, rows, w + L);
                FloatVector w2 = FloatVector.fromArray(S, rows, w + 2 * L);
                FloatVector w3 = FloatVector.fromArray(S, rows, w + 3 * L);
                if (xi != 1f) {
                    FloatVector vx = FloatVector.broadcast(S, xi);
                    w0 = vx.mul(w0);
                    w1 = vx.mul(w1);
                    w2 = vx.mul(w2);
                    w3 = vx.mul(w3);
                }
                a0 = a0.add(w0);
                a1 = a1.add(w1);
                a2 = a2.add(w2);
                a3 = a3.add(w3);
            }
            a0.intoArray(y, yOff + c);
            a1.intoArray(y, yOff + c + L);
            a2.intoArray(y, yOff + c + 2 * L);
            a3.intoArray(y, yOff + c + 3 * L);
        }
        for (; c < bound; c += L) {
            listedChunk(list, from, to, x, xBase, xStep, rows, rowBase + c, rowStep, y, yOff + c)
                    .intoArray(y, yOff + c);
        }
        if (tail != null) {
            tail.intoArray(y, yOff + tailAt);
        }
    }

    /** One output vector of {@link #addListedRows}: y at yAt plus the listed rows at rowAt. */
    private static FloatVector listedChunk(int[] list, int from, int to, float[] x, int xBase, int xStep,
                                           float[] rows, int rowAt, int rowStep, float[] y, int yAt) {
        FloatVector acc = FloatVector.fromArray(S, y, yAt);
        for (int q = from; q < to; q++) {
            int i = list[q];
            float xi = x[xBase + i * xStep];
            FloatVector w = FloatVector.fromArray(S, rows, rowAt + i * rowStep);
            acc = acc.add(xi == 1f ? w : FloatVector.broadcast(S, xi).mul(w));
        }
        return acc;
    }

    /**
     * Exact. {@code out[outOff + k*width + c] += x[xOff + t*in + k] * g[gOff + t*gStride + c]} over the non-zero
     * inputs, for t from {@code steps - 1} down to 0 for every (k, c): the operation sequence of BPTT adding one
     * step's outer product at a time, but with each input's row of {@code out} loaded and stored once instead of
     * once per input spike. The non-zero entries of x are first listed per input (in {@code lists}), from each
     * step's list of non-zero inputs ({@link NonZeroLanes}).
     *
     * @param lists scratch: a step's list ({@code in + L} entries), {@code in + 1} bounds, then one entry per
     *              non-zero of x. Modified.
     * @return the scratch length this call needs; if {@code lists} is shorter, nothing else was done
     */
    public static int addSpikeOuterProducts(int steps, float[] x, int xOff, int in, float[] g, int gOff,
                                            int gStride, int width, float[] out, int outOff, int[] lists) {
        // lists[bounds + k + 1] counts input k's non-zeros; after the prefix sum lists[bounds + k] is where input k's
        // entries start, and the fill below moves it to where they end
        final int bounds = in + L, base = bounds + in + 1;
        if (lists.length < base) {
            return base;
        }
        java.util.Arrays.fill(lists, bounds, base, 0);
        for (int t = 0; t < steps; t++) {
            int count = NonZeroLanes.append(x, xOff + t * in, in, lists, 0);
            for (int q = 0; q < count; q++) {
                lists[bounds + lists[q] + 1]++;
            }
        }
        lists[bounds] = base;
        for (int k = 0; k < in; k++) {
            lists[bounds + k + 1] += lists[bounds + k];
        }
        int need = lists[bounds + in];
        if (lists.length < need) {
            return need;
        }
        // fill each input's steps in descending order, using lists[bounds + k] as its write position
        for (int t = steps - 1; t >= 0; t--) {
            int count = NonZeroLanes.append(x, xOff + t * in, in, lists, 0);
            for (int q = 0; q < count; q++) {
                lists[lists[bounds + lists[q]]++] = t;
            }
        }
        // lists[bounds + k] now marks the end of input k's entries, which start where input k - 1's end
        int start = base;
        for (int k = 0; k < in; k++) {
            int end = lists[bounds + k];
            addListedRows(lists, start, end, x, xOff + k, in, g, gOff, gStride, width, out, outOff + k * width);
            start = end;
        }
        return need;
    }
}
