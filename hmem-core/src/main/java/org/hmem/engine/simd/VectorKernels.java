package org.hmem.engine.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD versions of the engine's hot loops. Only ever loaded when {@link Simd#enabled()}; every kernel has a scalar
 * twin in the class that dispatches to it.
 *
 * <p>Rules every kernel follows: scalar operands are broadcast once outside the loops (on Java 17, lane-wise
 * operations with a scalar argument inside a loop are not optimised); the tail that does not fill a vector runs
 * the scalar expression. Kernels marked <b>exact</b> perform exactly the scalar code's float operations per element
 * (no fused multiply-add, same association), so their results are bit-identical to the scalar loops; forward passes
 * use only exact kernels, so spikes never depend on whether SIMD is on. Reductions ({@link #dot}, the pre-synaptic
 * sum of {@link #ojaBackward}) accumulate in lanes with fused multiply-adds: same value up to rounding.
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
     * Exact. One step of the integrate-and-fire kernel with the triangular surrogate {@code damp * max(0, 1 - |x|)}
     * (see {@code IntegrateAndFire#forwardStep}).
     */
    public static void iafForward(float thr, float leak, float gain, float refr, boolean perfectReset, float damp,
                                  float[] current, int cOff, float[] v, float[] r, float[] z,
                                  float[] vRec, float[] sRec, int recOff, int n) {
        if (n < L) {
            iafForwardScalar(thr, leak, gain, refr, perfectReset, damp, current, cOff, v, r, z, vRec, sRec, recOff,
                    0, n);
            return;
        }
        final FloatVector vThr = FloatVector.broadcast(S, thr), vLeak = FloatVector.broadcast(S, leak);
        final FloatVector vGain = FloatVector.broadcast(S, gain), vRefr = FloatVector.broadcast(S, refr);
        final FloatVector vDamp = FloatVector.broadcast(S, damp), zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        final int bound = S.loopBound(n);
        // a ragged end is one overlapping vector, computed from the incoming state before the main loop updates the
        // shared lanes (which then receive identical values); its state is stored after the main loop
        final int at = n - L;
        FloatVector tailV = zero, tailZ = zero, tailR = zero;
        if (bound != n) {
            FloatVector rr = FloatVector.fromArray(S, r, at);
            VectorMask<Float> refractory = rr.compare(VectorOperators.GT, zero);
            FloatVector zPrev = FloatVector.fromArray(S, z, at);
            FloatVector vOld = FloatVector.fromArray(S, v, at);
            FloatVector in = FloatVector.fromArray(S, current, cOff + at);
            FloatVector vNew = perfectReset
                    ? vLeak.mul(vOld).mul(one.sub(zPrev)).add(vGain.mul(in))
                    : vLeak.mul(vOld).add(vGain.mul(in)).sub(zPrev.mul(vThr));
            FloatVector vScaled = vNew.sub(vThr).div(vThr);
            FloatVector spike = zero.blend(one, vScaled.compare(VectorOperators.GT, zero)).blend(zero, refractory);
            FloatVector tri = one.sub(vScaled.abs());
            FloatVector sur = zero.blend(vDamp.mul(tri), tri.compare(VectorOperators.GT, zero))
                    .blend(zero, refractory);
            vNew.intoArray(vRec, recOff + at);
            sur.intoArray(sRec, recOff + at);
            tailV = vNew;
            tailZ = spike;
            tailR = vRefr.mul(spike).blend(rr.sub(one).max(zero).min(vRefr), refractory);
        }
        for (int i = 0; i < bound; i += L) {
            FloatVector rr = FloatVector.fromArray(S, r, i);
            VectorMask<Float> refractory = rr.compare(VectorOperators.GT, zero);
            FloatVector zPrev = FloatVector.fromArray(S, z, i);
            FloatVector vOld = FloatVector.fromArray(S, v, i);
            FloatVector in = FloatVector.fromArray(S, current, cOff + i);
            FloatVector vNew = perfectReset
                    ? vLeak.mul(vOld).mul(one.sub(zPrev)).add(vGain.mul(in))
                    : vLeak.mul(vOld).add(vGain.mul(in)).sub(zPrev.mul(vThr));
            FloatVector vScaled = vNew.sub(vThr).div(vThr);
            // no mask logic (not intrinsified on Java 17): refractoriness is a second blend
            FloatVector spike = zero.blend(one, vScaled.compare(VectorOperators.GT, zero)).blend(zero, refractory);
            FloatVector tri = one.sub(vScaled.abs());
            FloatVector sur = zero.blend(vDamp.mul(tri), tri.compare(VectorOperators.GT, zero))
                    .blend(zero, refractory);
            vNew.intoArray(v, i);
            spike.intoArray(z, i);
            vRefr.mul(spike).blend(rr.sub(one).max(zero).min(vRefr), refractory).intoArray(r, i);
            vNew.intoArray(vRec, recOff + i);
            sur.intoArray(sRec, recOff + i);
        }
        if (bound != n) {
            tailV.intoArray(v, at);
            tailZ.intoArray(z, at);
            tailR.intoArray(r, at);
        }
    }

    private static void iafForwardScalar(float thr, float leak, float gain, float refr, boolean perfectReset,
                                         float damp, float[] current, int cOff, float[] v, float[] r, float[] z,
                                         float[] vRec, float[] sRec, int recOff, int from, int n) {
        for (int i = from; i < n; i++) {
            boolean refractory = r[i] > 0f;
            float zPrev = z[i];
            float vNew = perfectReset
                    ? leak * v[i] * (1f - zPrev) + gain * current[cOff + i]
                    : leak * v[i] + gain * current[cOff + i] - zPrev * thr;
            float vScaled = (vNew - thr) / thr;
            float spike = (!refractory && vScaled > 0f) ? 1f : 0f;
            v[i] = vNew;
            z[i] = spike;
            r[i] = refractory ? Math.min(Math.max(r[i] - 1f, 0f), refr) : refr * spike;
            vRec[recOff + i] = vNew;
            float tri = 1f - Math.abs(vScaled);
            sRec[recOff + i] = refractory ? 0f : (tri > 0f ? damp * tri : 0f);
        }
    }

    /** Exact. Adjoint of one integrate-and-fire step with reset by subtraction (see {@code IntegrateAndFire}). */
    public static void iafBackwardSubtract(float thr, float leak, float gain, float[] gz, int gzOff, float[] gv,
                                           int gvOff, float[] sRec, int recOff, float[] adj, float[] gCurrent,
                                           int gcOff, int n) {
        if (n < L) {
            for (int i = 0; i < n; i++) {
                float next = adj[i];
                float gzTotal = gz[gzOff + i] - thr * next;
                float a = gzTotal * sRec[recOff + i] / thr + leak * next;
                if (gv != null) {
                    a += gv[gvOff + i];
                }
                adj[i] = a;
                gCurrent[gcOff + i] = gain * a;
            }
            return;
        }
        final FloatVector vThr = FloatVector.broadcast(S, thr), vLeak = FloatVector.broadcast(S, leak);
        final FloatVector vGain = FloatVector.broadcast(S, gain);
        final int bound = S.loopBound(n);
        final int at = n - L;
        FloatVector tail = null;
        if (bound != n) {
            // overlapping last vector from the incoming adjoint; stored after the main loop (see iafForward)
            FloatVector next = FloatVector.fromArray(S, adj, at);
            FloatVector gzTotal = FloatVector.fromArray(S, gz, gzOff + at).sub(vThr.mul(next));
            tail = gzTotal.mul(FloatVector.fromArray(S, sRec, recOff + at)).div(vThr).add(vLeak.mul(next));
            if (gv != null) {
                tail = tail.add(FloatVector.fromArray(S, gv, gvOff + at));
            }
            vGain.mul(tail).intoArray(gCurrent, gcOff + at);
        }
        for (int i = 0; i < bound; i += L) {
            FloatVector next = FloatVector.fromArray(S, adj, i);
            FloatVector gzTotal = FloatVector.fromArray(S, gz, gzOff + i).sub(vThr.mul(next));
            FloatVector a = gzTotal.mul(FloatVector.fromArray(S, sRec, recOff + i)).div(vThr).add(vLeak.mul(next));
            if (gv != null) {
                a = a.add(FloatVector.fromArray(S, gv, gvOff + i));
            }
            a.intoArray(adj, i);
            vGain.mul(a).intoArray(gCurrent, gcOff + i);
        }
        if (tail != null) {
            tail.intoArray(adj, at);
        }
    }

    /**
     * Exact. {@code M <- M + Delta} of the inverted Oja rule with soft bound for the rows {@code j} with
     * {@code pre[j] != 0} (see {@code InvertedOjaSoftBound#update}).
     */
    public static void ojaUpdate(float gp, float gn, float wm, float[] m, int mOff, float[] pre, int preOff,
                                 float[] post, int postOff, int nPre, int nPost) {
        final FloatVector vGp = FloatVector.broadcast(S, gp), vWm = FloatVector.broadcast(S, wm);
        int bound = S.loopBound(nPost);
        for (int j = 0; j < nPre; j++) {
            float pj = pre[preOff + j];
            if (pj == 0f) {
                continue;
            }
            float decayTerm = gn * (pj * pj);
            FloatVector vPj = FloatVector.broadcast(S, pj), vDecay = FloatVector.broadcast(S, decayTerm);
            int row = mOff + j * nPost;
            int i = 0;
            for (; i < bound; i += L) {
                FloatVector w = FloatVector.fromArray(S, m, row + i);
                FloatVector pi = FloatVector.fromArray(S, post, postOff + i);
                w.add(vGp.mul(vWm.sub(w)).mul(pi.mul(vPj)).sub(vDecay.mul(w))).intoArray(m, row + i);
            }
            for (; i < nPost; i++) {
                float w = m[row + i];
                m[row + i] = w + (gp * (wm - w) * (post[postOff + i] * pj) - decayTerm * w);
            }
        }
    }

    /**
     * Adjoint of {@link #ojaUpdate} (see {@code InvertedOjaSoftBound#backward}). Rows of keys without trace
     * ({@code pre[j] == 0}, skipped by the update) only contribute to {@code gPre}, read-only; the other rows are
     * processed in pairs so that {@code post} and {@code gPost} are loaded once per pair; the ragged end of a row (when its length is not a
     * multiple of the vector length) is one overlapping vector whose already-covered lanes are masked out. The
     * pre-synaptic sums use fused multiply-adds.
     */
    public static void ojaBackward(float gp, float gn, float wm, float[] gm, int gOff, float[] mOld, int mOff,
                                   float[] pre, int preOff, float[] post, int postOff, float[] gPre, int gPreOff,
                                   float[] gPost, int gPostOff, int nPre, int nPost) {
        if (nPost < L) {
            ojaBackwardScalarRows(gp, gn, wm, gm, gOff, mOld, mOff, pre, preOff, post, postOff, gPre, gPreOff,
                    gPost, gPostOff, 0, nPre, nPost);
            return;
        }
        final FloatVector vGp = FloatVector.broadcast(S, gp), vWm = FloatVector.broadcast(S, wm);
        final FloatVector zero = FloatVector.zero(S);
        final int bound = S.loopBound(nPost);
        final boolean ragged = bound != nPost;
        final int tailAt = nPost - L;
        // lanes of the overlapping last vector that the main loop has not covered
        final VectorMask<Float> fresh = IOTA.compare(VectorOperators.GE, (float) (bound - tailAt));
        final VectorMask<Float> covered = IOTA.compare(VectorOperators.LT, (float) (bound - tailAt));
        final FloatVector piTail = FloatVector.fromArray(S, post, postOff + tailAt);
        int pending = -1;
        for (int jb = 0; jb < nPre; jb++) {
            float pb = pre[preOff + jb];
            if (pb == 0f) {
                // a key without trace: dL/dM and dL/dpost pass unchanged; dL/dpre = gp * sum_i g (w_max - w) post_i
                int row = mOff + jb * nPost, grow = gOff + jb * nPost;
                FloatVector acc = zero;
                if (ragged) {
                    FloatVector g = FloatVector.fromArray(S, gm, grow + tailAt).blend(zero, covered);
                    acc = g.mul(vWm.sub(FloatVector.fromArray(S, mOld, row + tailAt)).mul(piTail));
                }
                for (int i = 0; i < bound; i += L) {
                    FloatVector g = FloatVector.fromArray(S, gm, grow + i);
                    FloatVector w = FloatVector.fromArray(S, mOld, row + i);
                    acc = g.fma(vWm.sub(w).mul(FloatVector.fromArray(S, post, postOff + i)), acc);
                }
                gPre[gPreOff + jb] += gp * acc.reduceLanes(VectorOperators.ADD);
                continue;
            }
            if (pending < 0) {
                pending = jb;
                continue;
            }
            // a pair of keys with traces: rows pending and jb
            final int j = pending;
            pending = -1;
            float pa = pre[preOff + j];
            int rowA = mOff + j * nPost, rowB = mOff + jb * nPost;
            int gA = gOff + j * nPost, gB = gOff + jb * nPost;
            FloatVector vPa = FloatVector.broadcast(S, pa), vTwoA = FloatVector.broadcast(S, 2f * gn * pa);
            FloatVector vKeepA = FloatVector.broadcast(S, 1f - gn * (pa * pa));
            FloatVector vGpA = FloatVector.broadcast(S, gp * pa);
            FloatVector vPb = FloatVector.broadcast(S, pb), vTwoB = FloatVector.broadcast(S, 2f * gn * pb);
            FloatVector vKeepB = FloatVector.broadcast(S, 1f - gn * (pb * pb));
            FloatVector vGpB = FloatVector.broadcast(S, gp * pb);
            FloatVector accA = zero, accB = zero, tailGmA = zero, tailGmB = zero, tailGPost = zero;
            if (ragged) {
                // computed from the entries before the main loop overwrites the covered lanes
                FloatVector ga = FloatVector.fromArray(S, gm, gA + tailAt).blend(zero, covered);
                FloatVector wa = FloatVector.fromArray(S, mOld, rowA + tailAt);
                FloatVector gb = FloatVector.fromArray(S, gm, gB + tailAt).blend(zero, covered);
                FloatVector wb = FloatVector.fromArray(S, mOld, rowB + tailAt);
                FloatVector ba = vGp.mul(vWm.sub(wa)), bb = vGp.mul(vWm.sub(wb));
                accA = ga.mul(ba.mul(piTail).sub(vTwoA.mul(wa)));
                accB = gb.mul(bb.mul(piTail).sub(vTwoB.mul(wb)));
                tailGPost = ga.mul(ba).mul(vPa).add(gb.mul(bb).mul(vPb));
                tailGmA = ga.mul(vKeepA.sub(vGpA.mul(piTail)));
                tailGmB = gb.mul(vKeepB.sub(vGpB.mul(piTail)));
            }
            for (int i = 0; i < bound; i += L) {
                FloatVector pi = FloatVector.fromArray(S, post, postOff + i);
                FloatVector ga = FloatVector.fromArray(S, gm, gA + i);
                FloatVector wa = FloatVector.fromArray(S, mOld, rowA + i);
                FloatVector gb = FloatVector.fromArray(S, gm, gB + i);
                FloatVector wb = FloatVector.fromArray(S, mOld, rowB + i);
                FloatVector ba = vGp.mul(vWm.sub(wa)), bb = vGp.mul(vWm.sub(wb));
                accA = ga.fma(ba.mul(pi).sub(vTwoA.mul(wa)), accA);
                accB = gb.fma(bb.mul(pi).sub(vTwoB.mul(wb)), accB);
                FloatVector gPostV = FloatVector.fromArray(S, gPost, gPostOff + i);
                ga.mul(ba).fma(vPa, gb.mul(bb).fma(vPb, gPostV)).intoArray(gPost, gPostOff + i);
                ga.mul(vKeepA.sub(vGpA.mul(pi))).intoArray(gm, gA + i);
                gb.mul(vKeepB.sub(vGpB.mul(pi))).intoArray(gm, gB + i);
            }
            if (ragged) {
                FloatVector.fromArray(S, gm, gA + tailAt).blend(tailGmA, fresh).intoArray(gm, gA + tailAt);
                FloatVector.fromArray(S, gm, gB + tailAt).blend(tailGmB, fresh).intoArray(gm, gB + tailAt);
                FloatVector.fromArray(S, gPost, gPostOff + tailAt).add(tailGPost)
                        .intoArray(gPost, gPostOff + tailAt);
            }
            gPre[gPreOff + j] += accA.reduceLanes(VectorOperators.ADD);
            gPre[gPreOff + jb] += accB.reduceLanes(VectorOperators.ADD);
        }
        if (pending >= 0) {
            ojaBackwardScalarRows(gp, gn, wm, gm, gOff, mOld, mOff, pre, preOff, post, postOff, gPre, gPreOff,
                    gPost, gPostOff, pending, pending + 1, nPost);
        }
    }

    private static void ojaBackwardScalarRows(float gp, float gn, float wm, float[] gm, int gOff, float[] mOld,
                                              int mOff, float[] pre, int preOff, float[] post, int postOff,
                                              float[] gPre, int gPreOff, float[] gPost, int gPostOff, int from,
                                              int to, int nPost) {
        for (int j = from; j < to; j++) {
            float pj = pre[preOff + j];
            int row = mOff + j * nPost;
            int grow = gOff + j * nPost;
            float twoGnPj = 2f * gn * pj;
            float keep = 1f - gn * (pj * pj);
            float gpPj = gp * pj;
            float accPre = 0f;
            for (int i = 0; i < nPost; i++) {
                float g = gm[grow + i];
                float w = mOld[row + i];
                float boundTerm = gp * (wm - w);
                float pi = post[postOff + i];
                accPre += g * (boundTerm * pi - twoGnPj * w);
                gPost[gPostOff + i] += g * boundTerm * pj;
                gm[grow + i] = g * (keep - gpPj * pi);
            }
            gPre[gPreOff + j] += accPre;
        }
    }

    /**
     * {@code out[outOff + r] += scale * (a[aOff + r * aStride .. + cols) . x[xOff .. + cols))} for the rows
     * {@code r < rows} with {@code select == null || select[selOff + r] != 0}. Four selected rows share each load of
     * x; the ragged end of the rows is one overlapping vector with the covered lanes of x zeroed.
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
        int r0 = 0, r1 = 0, r2 = 0;
        int pending = 0;
        for (int r = 0; r < rows; r++) {
            if (select != null && select[selOff + r] == 0f) {
                continue;
            }
            switch (pending) {
                case 0 -> r0 = r;
                case 1 -> r1 = r;
                case 2 -> r2 = r;
                default -> {
                    int o0 = aOff + r0 * aStride, o1 = aOff + r1 * aStride;
                    int o2 = aOff + r2 * aStride, o3 = aOff + r * aStride;
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
                    out[outOff + r] += scale * s3.reduceLanes(VectorOperators.ADD);
                    pending = -1;
                }
            }
            pending++;
        }
        for (int k = 0; k < pending; k++) {
            int r = k == 0 ? r0 : k == 1 ? r1 : r2;
            int o = aOff + r * aStride;
            FloatVector s0 = ragged ? FloatVector.fromArray(S, a, o + tailAt).mul(xTail) : zero;
            for (int i = 0; i < bound; i += L) {
                s0 = FloatVector.fromArray(S, a, o + i).fma(FloatVector.fromArray(S, x, xOff + i), s0);
            }
            out[outOff + r] += scale * s0.reduceLanes(VectorOperators.ADD);
        }
    }

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
        int count = 0;
        for (int k = 0; k < n; k++) {
            if (x[xOff + k] != 0f) {
                active[count++] = k;
            }
        }
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

    /** Exact. {@code trace[i] = (1-d) z[zOff+i] + d trace[i]}, copied to {@code rec[recOff+i]}. */
    public static void traceStep(float g, float d, float[] z, int zOff, float[] trace, float[] rec, int recOff,
                                 int n) {
        if (n < L) {
            for (int i = 0; i < n; i++) {
                float x = g * z[zOff + i] + d * trace[i];
                trace[i] = x;
                rec[recOff + i] = x;
            }
            return;
        }
        final FloatVector vG = FloatVector.broadcast(S, g), vD = FloatVector.broadcast(S, d);
        final int bound = S.loopBound(n);
        final int at = n - L;
        FloatVector tail = null;
        if (bound != n) {
            // overlapping last vector from the incoming trace; stored after the main loop (see iafForward)
            tail = vG.mul(FloatVector.fromArray(S, z, zOff + at)).add(vD.mul(FloatVector.fromArray(S, trace, at)));
            tail.intoArray(rec, recOff + at);
        }
        for (int i = 0; i < bound; i += L) {
            FloatVector x = vG.mul(FloatVector.fromArray(S, z, zOff + i)).add(vD.mul(FloatVector.fromArray(S, trace, i)));
            x.intoArray(trace, i);
            x.intoArray(rec, recOff + i);
        }
        if (tail != null) {
            tail.intoArray(trace, at);
        }
    }
}
