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
        final FloatVector vThr = FloatVector.broadcast(S, thr), vLeak = FloatVector.broadcast(S, leak);
        final FloatVector vGain = FloatVector.broadcast(S, gain), vRefr = FloatVector.broadcast(S, refr);
        final FloatVector vDamp = FloatVector.broadcast(S, damp), zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector rr = FloatVector.fromArray(S, r, i);
            VectorMask<Float> refractory = rr.compare(VectorOperators.GT, zero);
            FloatVector zPrev = FloatVector.fromArray(S, z, i);
            FloatVector vOld = FloatVector.fromArray(S, v, i);
            FloatVector in = FloatVector.fromArray(S, current, cOff + i);
            FloatVector vNew = perfectReset
                    ? vLeak.mul(vOld).mul(one.sub(zPrev)).add(vGain.mul(in))
                    : vLeak.mul(vOld).add(vGain.mul(in)).sub(zPrev.mul(vThr));
            FloatVector vScaled = vNew.sub(vThr).div(vThr);
            VectorMask<Float> fire = vScaled.compare(VectorOperators.GT, zero).andNot(refractory);
            FloatVector spike = zero.blend(one, fire);
            FloatVector rNew = vRefr.mul(spike).blend(rr.sub(one).max(zero).min(vRefr), refractory);
            FloatVector tri = one.sub(vScaled.abs());
            FloatVector sur = zero.blend(vDamp.mul(tri), tri.compare(VectorOperators.GT, zero).andNot(refractory));
            vNew.intoArray(v, i);
            spike.intoArray(z, i);
            rNew.intoArray(r, i);
            vNew.intoArray(vRec, recOff + i);
            sur.intoArray(sRec, recOff + i);
        }
        for (; i < n; i++) {
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
        final FloatVector vThr = FloatVector.broadcast(S, thr), vLeak = FloatVector.broadcast(S, leak);
        final FloatVector vGain = FloatVector.broadcast(S, gain);
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector next = FloatVector.fromArray(S, adj, i);
            FloatVector gzTotal = FloatVector.fromArray(S, gz, gzOff + i).sub(vThr.mul(next));
            FloatVector a = gzTotal.mul(FloatVector.fromArray(S, sRec, recOff + i)).div(vThr).add(vLeak.mul(next));
            if (gv != null) {
                a = a.add(FloatVector.fromArray(S, gv, gvOff + i));
            }
            a.intoArray(adj, i);
            vGain.mul(a).intoArray(gCurrent, gcOff + i);
        }
        for (; i < n; i++) {
            float next = adj[i];
            float gzTotal = gz[gzOff + i] - thr * next;
            float a = gzTotal * sRec[recOff + i] / thr + leak * next;
            if (gv != null) {
                a += gv[gvOff + i];
            }
            adj[i] = a;
            gCurrent[gcOff + i] = gain * a;
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

    /** Adjoint of {@link #ojaUpdate} (see {@code InvertedOjaSoftBound#backward}); the pre-synaptic sums use FMA. */
    public static void ojaBackward(float gp, float gn, float wm, float[] gm, int gOff, float[] mOld, int mOff,
                                   float[] pre, int preOff, float[] post, int postOff, float[] gPre, int gPreOff,
                                   float[] gPost, int gPostOff, int nPre, int nPost) {
        final FloatVector vGp = FloatVector.broadcast(S, gp), vWm = FloatVector.broadcast(S, wm);
        int bound = S.loopBound(nPost);
        for (int j = 0; j < nPre; j++) {
            float pj = pre[preOff + j];
            int row = mOff + j * nPost;
            int grow = gOff + j * nPost;
            float twoGnPj = 2f * gn * pj;
            float keep = 1f - gn * (pj * pj);
            float gpPj = gp * pj;
            FloatVector vPj = FloatVector.broadcast(S, pj), vTwoGnPj = FloatVector.broadcast(S, twoGnPj);
            FloatVector vKeep = FloatVector.broadcast(S, keep), vGpPj = FloatVector.broadcast(S, gpPj);
            FloatVector acc = FloatVector.zero(S);
            int i = 0;
            for (; i < bound; i += L) {
                FloatVector g = FloatVector.fromArray(S, gm, grow + i);
                FloatVector w = FloatVector.fromArray(S, mOld, row + i);
                FloatVector pi = FloatVector.fromArray(S, post, postOff + i);
                FloatVector boundTerm = vGp.mul(vWm.sub(w));
                acc = g.fma(boundTerm.mul(pi).sub(vTwoGnPj.mul(w)), acc);
                FloatVector gPostV = FloatVector.fromArray(S, gPost, gPostOff + i);
                g.mul(boundTerm).fma(vPj, gPostV).intoArray(gPost, gPostOff + i);
                g.mul(vKeep.sub(vGpPj.mul(pi))).intoArray(gm, grow + i);
            }
            float accPre = acc.reduceLanes(VectorOperators.ADD);
            for (; i < nPost; i++) {
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

    /** Exact. {@code trace[i] = (1-d) z[zOff+i] + d trace[i]}, copied to {@code rec[recOff+i]}. */
    public static void traceStep(float g, float d, float[] z, int zOff, float[] trace, float[] rec, int recOff,
                                 int n) {
        final FloatVector vG = FloatVector.broadcast(S, g), vD = FloatVector.broadcast(S, d);
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector x = vG.mul(FloatVector.fromArray(S, z, zOff + i)).add(vD.mul(FloatVector.fromArray(S, trace, i)));
            x.intoArray(trace, i);
            x.intoArray(rec, recOff + i);
        }
        for (; i < n; i++) {
            float x = g * z[zOff + i] + d * trace[i];
            trace[i] = x;
            rec[recOff + i] = x;
        }
    }
}
