package org.hmem.engine.neuron;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import org.hmem.engine.simd.VectorSurrogate;

/**
 * The SIMD form of {@link IntegrateAndFire}'s step and adjoint: per lane exactly the scalar loop's float operations
 * (no fused multiply-add, same association), so spikes, membranes and gradients are bit-identical to it. The kernels
 * cover the neurons of whole vectors and leave the rest (fewer than one vector) to the definition itself, so there is
 * no second copy of the formula and every kernel stays small enough for the JIT to inline the surrogate's SIMD form.
 * Loaded only when SIMD is enabled.
 */
final class IafLanes {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int LENGTH = S.length();

    private IafLanes() {
    }

    /**
     * The step for the neurons of the whole vectors, {@code [0, loopBound(n))}; returns that bound. The caller runs
     * the definition for the rest.
     */
    static int forward(float thr, float leak, float gain, float refr, boolean perfectReset, VectorSurrogate surrogate,
                       float[] current, int cOff, float[] v, float[] r, float[] z, float[] vRec, float[] sRec,
                       int recOff, int n) {
        final int bound = S.loopBound(n);
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
            if (vRec != null) {
                vNew.intoArray(vRec, recOff + i);
            }
            if (sRec != null) {
                surrogate.derivative(vScaled).blend(zero, refractory).intoArray(sRec, recOff + i);
            }
        }
        return bound;
    }

    /**
     * The adjoint with reset by subtraction for the neurons of the whole vectors; returns their bound (perfect reset
     * and the rest run the definition).
     */
    static int backwardSubtract(float thr, float leak, float gain, float[] gz, int gzOff, float[] gv, int gvOff,
                                float[] sRec, int recOff, float[] adj, float[] gCurrent, int gcOff, int n) {
        final FloatVector vThr = FloatVector.broadcast(S, thr), vLeak = FloatVector.broadcast(S, leak);
        final FloatVector vGain = FloatVector.broadcast(S, gain);
        final int bound = S.loopBound(n);
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
        return bound;
    }
}
