package org.hmem.engine.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD form of {@link ConvKernels#gemm}: register tiles of 4 rows × 4 vectors of C (16 accumulators), each step
 * of k loading 4 vectors of B's row and broadcasting 4 values of A. Each term is one fused multiply-add and k runs
 * in order, so every lane computes exactly the scalar loop's value ({@code Math.fma}; zero terms, which the scalar
 * loop skips, add a signed zero). Columns past the last full vector run the scalar loop. Loaded only when SIMD is
 * enabled.
 *
 * <p>The tile loops are branch-free on purpose: on Java 17 a conditional skip inside them turns the accumulators
 * into boxed vectors (measured: about 2 instead of 40-60 GMAC/s on a 196 × 64 × 576 product). The fused form is
 * there for the same reason: with a separate multiply and add, C2 compiled the 4 × 4 tile into boxing code in most
 * JVM runs on an Intel Xeon with 16-float vectors (the ReLU model trained at 10-24 instead of 130-150 episodes/s),
 * never so in the runs with the fused form (docs/BENCHMARKS.md, "Fused multiply-adds in the CNN kernels").
 */
final class ConvLanes {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private ConvLanes() {
    }

    static void gemm(int m, int n, int kd, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc) {
        int nv = S.loopBound(n);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int ai = aOff + i * aRow;
            int ci = cOff + i * ldc;
            int j = 0;
            for (; j + 4 * L <= nv; j += 4 * L) {
                tile4x4(kd, a, ai, aRow, aCol, b, bOff + j, ldb, c, ci + j, ldc);
            }
            for (; j < nv; j += L) {
                tile4x1(kd, a, ai, aRow, aCol, b, bOff + j, ldb, c, ci + j, ldc);
            }
        }
        for (; i < m; i++) {
            int ai = aOff + i * aRow;
            int ci = cOff + i * ldc;
            for (int j = 0; j < nv; j += L) {
                tile1x1(kd, a, ai, aCol, b, bOff + j, ldb, c, ci + j);
            }
        }
        if (nv < n) {
            ConvKernels.gemmScalar(m, nv, n, kd, a, aOff, aRow, aCol, b, bOff, ldb, c, cOff, ldc);
        }
    }

    private static void tile4x4(int kd, float[] a, int a0, int aRow, int aCol, float[] b, int b0, int ldb, float[] c,
                                int c0, int ldc) {
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector s00 = FloatVector.fromArray(S, c, c0);
        FloatVector s01 = FloatVector.fromArray(S, c, c0 + L);
        FloatVector s02 = FloatVector.fromArray(S, c, c0 + 2 * L);
        FloatVector s03 = FloatVector.fromArray(S, c, c0 + 3 * L);
        FloatVector s10 = FloatVector.fromArray(S, c, c1);
        FloatVector s11 = FloatVector.fromArray(S, c, c1 + L);
        FloatVector s12 = FloatVector.fromArray(S, c, c1 + 2 * L);
        FloatVector s13 = FloatVector.fromArray(S, c, c1 + 3 * L);
        FloatVector s20 = FloatVector.fromArray(S, c, c2);
        FloatVector s21 = FloatVector.fromArray(S, c, c2 + L);
        FloatVector s22 = FloatVector.fromArray(S, c, c2 + 2 * L);
        FloatVector s23 = FloatVector.fromArray(S, c, c2 + 3 * L);
        FloatVector s30 = FloatVector.fromArray(S, c, c3);
        FloatVector s31 = FloatVector.fromArray(S, c, c3 + L);
        FloatVector s32 = FloatVector.fromArray(S, c, c3 + 2 * L);
        FloatVector s33 = FloatVector.fromArray(S, c, c3 + 3 * L);
        for (int k = 0; k < kd; k++) {
            int ak = a0 + k * aCol;
            float x0 = a[ak];
            float x1 = a[ak + aRow];
            float x2 = a[ak + 2 * aRow];
            float x3 = a[ak + 3 * aRow];
            int bk = b0 + k * ldb;
            FloatVector b0v = FloatVector.fromArray(S, b, bk);
            FloatVector b1v = FloatVector.fromArray(S, b, bk + L);
            FloatVector b2v = FloatVector.fromArray(S, b, bk + 2 * L);
            FloatVector b3v = FloatVector.fromArray(S, b, bk + 3 * L);
            FloatVector v = FloatVector.broadcast(S, x0);
            s00 = v.fma(b0v, s00);
            s01 = v.fma(b1v, s01);
            s02 = v.fma(b2v, s02);
            s03 = v.fma(b3v, s03);
            v = FloatVector.broadcast(S, x1);
            s10 = v.fma(b0v, s10);
            s11 = v.fma(b1v, s11);
            s12 = v.fma(b2v, s12);
            s13 = v.fma(b3v, s13);
            v = FloatVector.broadcast(S, x2);
            s20 = v.fma(b0v, s20);
            s21 = v.fma(b1v, s21);
            s22 = v.fma(b2v, s22);
            s23 = v.fma(b3v, s23);
            v = FloatVector.broadcast(S, x3);
            s30 = v.fma(b0v, s30);
            s31 = v.fma(b1v, s31);
            s32 = v.fma(b2v, s32);
            s33 = v.fma(b3v, s33);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + L);
        s02.intoArray(c, c0 + 2 * L);
        s03.intoArray(c, c0 + 3 * L);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + L);
        s12.intoArray(c, c1 + 2 * L);
        s13.intoArray(c, c1 + 3 * L);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + L);
        s22.intoArray(c, c2 + 2 * L);
        s23.intoArray(c, c2 + 3 * L);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + L);
        s32.intoArray(c, c3 + 2 * L);
        s33.intoArray(c, c3 + 3 * L);
    }

    private static void tile4x1(int kd, float[] a, int a0, int aRow, int aCol, float[] b, int b0, int ldb, float[] c,
                                int c0, int ldc) {
        FloatVector s0 = FloatVector.fromArray(S, c, c0);
        FloatVector s1 = FloatVector.fromArray(S, c, c0 + ldc);
        FloatVector s2 = FloatVector.fromArray(S, c, c0 + 2 * ldc);
        FloatVector s3 = FloatVector.fromArray(S, c, c0 + 3 * ldc);
        for (int k = 0; k < kd; k++) {
            int ak = a0 + k * aCol;
            float x0 = a[ak];
            float x1 = a[ak + aRow];
            float x2 = a[ak + 2 * aRow];
            float x3 = a[ak + 3 * aRow];
            FloatVector bv = FloatVector.fromArray(S, b, b0 + k * ldb);
            s0 = FloatVector.broadcast(S, x0).fma(bv, s0);
            s1 = FloatVector.broadcast(S, x1).fma(bv, s1);
            s2 = FloatVector.broadcast(S, x2).fma(bv, s2);
            s3 = FloatVector.broadcast(S, x3).fma(bv, s3);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + ldc);
        s2.intoArray(c, c0 + 2 * ldc);
        s3.intoArray(c, c0 + 3 * ldc);
    }

    private static void tile1x1(int kd, float[] a, int a0, int aCol, float[] b, int b0, int ldb, float[] c, int c0) {
        FloatVector s = FloatVector.fromArray(S, c, c0);
        for (int k = 0; k < kd; k++) {
            FloatVector bv = FloatVector.fromArray(S, b, b0 + k * ldb);
            s = FloatVector.broadcast(S, a[a0 + k * aCol]).fma(bv, s);
        }
        s.intoArray(c, c0);
    }

    /**
     * {@link ConvKernels#sumScaledRows}: four vectors of columns at a time (64 channels in AVX-512 registers, 32 in
     * AVX2 ones), then single vectors, then the scalar loop. The list is walked once per block, in order, with one
     * fused multiply-add per term, so every lane gets the scalar loop's value. Several accumulators per walk matter: a
     * single vector's sums form one dependency chain, paced by the add's latency (64 channels as four single-vector
     * walks made this kernel 31 % of a trainable Omniglot step with 16-float vectors); an eight-vector block measured
     * no faster than two four-vector walks with 8-float vectors. One flat loop without branches: a nested loop over
     * segments of the list measured three times slower on Java 17 (boxed accumulators, see the class comment).
     */
    static void sumScaledRows(int count, int[] rows, float[] xs, float[] b, int ldb, int n, float[] init, int initOff,
                              float[] out, int outOff) {
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            sumScaledRows4(count, rows, xs, b, ldb, j, init, initOff + j, out, outOff + j);
        }
        for (; j + L <= n; j += L) {
            FloatVector s = start(init, initOff + j);
            for (int i = 0; i < count; i++) {
                s = FloatVector.broadcast(S, xs[i]).fma(FloatVector.fromArray(S, b, rows[i] * ldb + j), s);
            }
            s.intoArray(out, outOff + j);
        }
        if (j < n) {
            ConvKernels.sumScaledRowsScalar(count, rows, xs, b, ldb, j, n, init, initOff, out, outOff);
        }
    }

    private static FloatVector start(float[] init, int off) {
        return init == null ? FloatVector.zero(S) : FloatVector.fromArray(S, init, off);
    }

    private static void sumScaledRows4(int count, int[] rows, float[] xs, float[] b, int ldb, int j0, float[] init,
                                       int i0, float[] out, int o) {
        FloatVector s0 = start(init, i0);
        FloatVector s1 = start(init, i0 + L);
        FloatVector s2 = start(init, i0 + 2 * L);
        FloatVector s3 = start(init, i0 + 3 * L);
        for (int i = 0; i < count; i++) {
            FloatVector v = FloatVector.broadcast(S, xs[i]);
            int bi = rows[i] * ldb + j0;
            s0 = v.fma(FloatVector.fromArray(S, b, bi), s0);
            s1 = v.fma(FloatVector.fromArray(S, b, bi + L), s1);
            s2 = v.fma(FloatVector.fromArray(S, b, bi + 2 * L), s2);
            s3 = v.fma(FloatVector.fromArray(S, b, bi + 3 * L), s3);
        }
        s0.intoArray(out, o);
        s1.intoArray(out, o + L);
        s2.intoArray(out, o + 2 * L);
        s3.intoArray(out, o + 3 * L);
    }

    /** {@code y = max(x, 0)} lane-wise, exactly as {@code Math.max}. */
    static void relu(float[] x, int xOff, int n, float[] y, int yOff) {
        FloatVector zero = FloatVector.zero(S);
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).max(zero).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.max(x[xOff + i], 0f);
        }
    }

    /** Whether {@link #poolWindow} and {@link #unpoolWindow} handle windows of {@code channels} channels. */
    static boolean canPoolWindow(int channels) {
        return channels % L == 0;
    }

    /**
     * The 2x2 max-pool of one window whose four positions are all recorded, at offsets {@code k[0..3]} of {@code z}
     * and {@code surrogate}, channels {@code [0, channels)}: {@link MaxPoolRule#winner(float[], int[], int)} per lane
     * (a later element wins only if strictly greater), writing the maximum and the winner's surrogate at {@code o}.
     */
    static void poolWindow(float[] z, float[] surrogate, int[] k, int channels, float[] spikes, float[] sens, int o) {
        for (int c = 0; c < channels; c += L) {
            FloatVector m = FloatVector.fromArray(S, z, k[0] + c);
            FloatVector s = FloatVector.fromArray(S, surrogate, k[0] + c);
            for (int d = 1; d < 4; d++) {
                FloatVector v = FloatVector.fromArray(S, z, k[d] + c);
                VectorMask<Float> gt = v.compare(VectorOperators.GT, m);
                m = m.blend(v, gt);
                s = s.blend(FloatVector.fromArray(S, surrogate, k[d] + c), gt);
            }
            m.intoArray(spikes, o + c);
            s.intoArray(sens, o + c);
        }
    }

    /**
     * The backward of {@link #poolWindow}: finds each lane's winner again from the recorded {@code z} and adds the
     * pooled gradient {@code g[o + c]} onto {@code gz[k[winner] - base + c]} (the other three elements get +0, which
     * leaves their sums unchanged).
     */
    static void unpoolWindow(float[] z, int[] k, int base, int channels, float[] g, int o, float[] gz) {
        FloatVector zero = FloatVector.zero(S);
        for (int c = 0; c < channels; c += L) {
            FloatVector m = FloatVector.fromArray(S, z, k[0] + c);
            FloatVector v1 = FloatVector.fromArray(S, z, k[1] + c);
            VectorMask<Float> gt1 = v1.compare(VectorOperators.GT, m);
            m = m.blend(v1, gt1);
            FloatVector v2 = FloatVector.fromArray(S, z, k[2] + c);
            VectorMask<Float> gt2 = v2.compare(VectorOperators.GT, m);
            m = m.blend(v2, gt2);
            VectorMask<Float> gt3 = FloatVector.fromArray(S, z, k[3] + c).compare(VectorOperators.GT, m);
            // the last element that beat the running maximum wins: peel the gradient off from d = 3 down
            FloatVector rest = FloatVector.fromArray(S, g, o + c);
            addInto(gz, k[3] - base + c, zero.blend(rest, gt3));
            rest = rest.blend(zero, gt3);
            addInto(gz, k[2] - base + c, zero.blend(rest, gt2));
            rest = rest.blend(zero, gt2);
            addInto(gz, k[1] - base + c, zero.blend(rest, gt1));
            addInto(gz, k[0] - base + c, rest.blend(zero, gt1));
        }
    }

    private static void addInto(float[] a, int off, FloatVector v) {
        FloatVector.fromArray(S, a, off).add(v).intoArray(a, off);
    }
}
