package org.hmem.engine.neuron;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import org.hmem.engine.simd.VectorSurrogate;

/**
 * The SIMD form of {@link IntegrateAndFire}'s step and adjoint: per lane exactly the scalar loop's float operations
 * (no fused multiply-add, same association), so spikes, membranes and gradients are bit-identical to it. Needs at
 * least one full vector of neurons; a ragged end is one overlapping vector. Loaded only when SIMD is enabled.
 */
final class IafLanes {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector: the smallest population this kernel takes. */
    static final int LENGTH = S.length();

    private IafLanes() {
    }

    static void forward(float thr, float leak, float gain, float refr, boolean perfectReset, VectorSurrogate surrogate,
                        float[] current, int cOff, float[] v, float[] r, float[] z, float[] vRec, float[] sRec,
                        int recOff, int n) {
        final int bound = S.loopBound(n);
        if (bound != n) {
            raggedEnd(thr, leak, gain, refr, perfectReset, surrogate, current, cOff, v, r, z, vRec, sRec, recOff, n,
                    bound);
        }
        final FloatVector vThr = FloatVector.broadcast(S, thr), vLeak = FloatVector.broadcast(S, leak);
        final FloatVector vGain = FloatVector.broadcast(S, gain), vRefr = FloatVector.broadcast(S, refr);
        final FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < bound; i += LENGTH) {
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
            vNew.intoArray(v, i);
            spike.intoArray(z, i);
            vRefr.mul(spike).blend(rr.sub(one).max(zero).min(vRefr), refractory).intoArray(r, i);
            vNew.intoArray(vRec, recOff + i);
            surrogate.derivative(vScaled).blend(zero, refractory).intoArray(sRec, recOff + i);
        }
    }

    /**
     * The neurons past the last full vector, as one overlapping vector computed from the incoming state before the
     * main loop runs: its records are stored whole (the main loop stores identical values into the shared lanes), its
     * state only into the lanes the main loop does not cover. Kept out of {@link #forward} so that the main loop's
     * method stays small enough for the JIT to inline the surrogate.
     */
    private static void raggedEnd(float thr, float leak, float gain, float refr, boolean perfectReset,
                                  VectorSurrogate surrogate, float[] current, int cOff, float[] v, float[] r, float[] z,
                                  float[] vRec, float[] sRec, int recOff, int n, int bound) {
        final FloatVector vThr = FloatVector.broadcast(S, thr), vRefr = FloatVector.broadcast(S, refr);
        final FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        final int at = n - LENGTH;
        VectorMask<Float> fresh = VectorMask.fromLong(S, -1L << (bound - at));
        FloatVector rr = FloatVector.fromArray(S, r, at);
        VectorMask<Float> refractory = rr.compare(VectorOperators.GT, zero);
        FloatVector zPrev = FloatVector.fromArray(S, z, at);
        FloatVector vOld = FloatVector.fromArray(S, v, at);
        FloatVector in = FloatVector.fromArray(S, current, cOff + at);
        FloatVector vLeak = FloatVector.broadcast(S, leak), vGain = FloatVector.broadcast(S, gain);
        FloatVector vNew = perfectReset
                ? vLeak.mul(vOld).mul(one.sub(zPrev)).add(vGain.mul(in))
                : vLeak.mul(vOld).add(vGain.mul(in)).sub(zPrev.mul(vThr));
        FloatVector vScaled = vNew.sub(vThr).div(vThr);
        FloatVector spike = zero.blend(one, vScaled.compare(VectorOperators.GT, zero)).blend(zero, refractory);
        vNew.intoArray(vRec, recOff + at);
        surrogate.derivative(vScaled).blend(zero, refractory).intoArray(sRec, recOff + at);
        vNew.intoArray(v, at, fresh);
        spike.intoArray(z, at, fresh);
        vRefr.mul(spike).blend(rr.sub(one).max(zero).min(vRefr), refractory).intoArray(r, at, fresh);
    }

    /** The adjoint with reset by subtraction (perfect reset runs the scalar loop). */
    static void backwardSubtract(float thr, float leak, float gain, float[] gz, int gzOff, float[] gv, int gvOff,
                                 float[] sRec, int recOff, float[] adj, float[] gCurrent, int gcOff, int n) {
        final FloatVector vThr = FloatVector.broadcast(S, thr), vLeak = FloatVector.broadcast(S, leak);
        final FloatVector vGain = FloatVector.broadcast(S, gain);
        final int bound = S.loopBound(n);
        final int at = n - LENGTH;
        FloatVector tail = null;
        if (bound != n) {
            FloatVector next = FloatVector.fromArray(S, adj, at);
            FloatVector gzTotal = FloatVector.fromArray(S, gz, gzOff + at).sub(vThr.mul(next));
            tail = gzTotal.mul(FloatVector.fromArray(S, sRec, recOff + at)).div(vThr).add(vLeak.mul(next));
            if (gv != null) {
                tail = tail.add(FloatVector.fromArray(S, gv, gvOff + at));
            }
            vGain.mul(tail).intoArray(gCurrent, gcOff + at);
        }
        for (int i = 0; i < bound; i += LENGTH) {
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
}
