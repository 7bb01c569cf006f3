package org.hmem.engine.conv;

import org.hmem.engine.simd.Simd;

/**
 * The matrix product behind {@link Conv2d}: {@code C[i, j] += sum_k A(i, k) B[k, j]} with B and C row-major and A
 * addressed by strides ({@code A(i, k) = a[aOff + i * aRow + k * aCol]}), so that one kernel serves the forward pass,
 * the weight gradient (A transposed) and the input gradient.
 *
 * <p>Every element is accumulated in k order with one fused multiply-add per term ({@code Math.fma}: one rounding,
 * as the fused kernels of PyTorch's CPU convolutions), and terms with {@code A(i, k) == 0} may be skipped (they add a
 * signed zero, which changes nothing). The SIMD kernel ({@link ConvLanes}) keeps that order per lane, so results are
 * bit-identical with and without SIMD.
 */
final class ConvKernels {

    private ConvKernels() {
    }

    static void gemm(int m, int n, int kd, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc) {
        if (Simd.enabled()) {
            ConvLanes.gemm(m, n, kd, a, aOff, aRow, aCol, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        gemmScalar(m, 0, n, kd, a, aOff, aRow, aCol, b, bOff, ldb, c, cOff, ldc);
    }

    /** The scalar product for columns {@code [from, to)}: per row, one axpy of B's row segment per non-zero A. */
    static void gemmScalar(int m, int from, int to, int kd, float[] a, int aOff, int aRow, int aCol, float[] b,
                           int bOff, int ldb, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * aRow;
            int ci = cOff + i * ldc;
            for (int k = 0; k < kd; k++) {
                float x = a[ai + k * aCol];
                if (x == 0f) {
                    continue;
                }
                int bk = bOff + k * ldb;
                for (int j = from; j < to; j++) {
                    c[ci + j] = Math.fma(x, b[bk + j], c[ci + j]);
                }
            }
        }
    }

    /**
     * {@code out[outOff + j] = init[initOff + j] + sum_i xs[i] * b[rows[i] * ldb + j]} for {@code j < n}, summed in
     * list order with one fused multiply-add per term, from {@code init} (null: from zero; it may be {@code out} at
     * the same offset, for sums added in place). With {@code rows} ascending this is,
     * bit for bit, what {@link #gemm} gives for a row of A whose non-zero entries are {@code xs} at columns {@code rows}
     * (its zero terms add signed zeros, which change nothing), at the cost of the non-zero entries only.
     */
    static void sumScaledRows(int count, int[] rows, float[] xs, float[] b, int ldb, int n, float[] init,
                              int initOff, float[] out, int outOff) {
        if (Simd.enabled()) {
            ConvLanes.sumScaledRows(count, rows, xs, b, ldb, n, init, initOff, out, outOff);
            return;
        }
        sumScaledRowsScalar(count, rows, xs, b, ldb, 0, n, init, initOff, out, outOff);
    }

    /** {@link #sumScaledRows} for the columns {@code [from, to)}, element by element. */
    static void sumScaledRowsScalar(int count, int[] rows, float[] xs, float[] b, int ldb, int from, int to,
                                    float[] init, int initOff, float[] out, int outOff) {
        for (int j = from; j < to; j++) {
            out[outOff + j] = init == null ? 0f : init[initOff + j];
        }
        for (int i = 0; i < count; i++) {
            float x = xs[i];
            int bi = rows[i] * ldb;
            for (int j = from; j < to; j++) {
                out[outOff + j] = Math.fma(x, b[bi + j], out[outOff + j]);
            }
        }
    }
}
