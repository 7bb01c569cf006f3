package org.hmem.engine.neuron;

import org.hmem.engine.simd.Simd;
import org.hmem.engine.simd.VectorKernels;
import org.hmem.engine.surrogate.SurrogateGradient;
import org.hmem.engine.surrogate.TriangleSurrogate;

/**
 * Integrate-and-fire neuron with delta synapses, refractoriness and reset by subtraction or to zero (spec §1.2,
 * §1.3). The leaky and non-leaky variants differ only in the leak factor and the input gain, which is why both are
 * thin subclasses of this one kernel.
 *
 * <p>One step: {@code rho = r > 0}; {@code v = leak*v + gain*I - thr*z} (or {@code leak*v*(1-z) + gain*I} with perfect
 * reset); {@code z = H((v-thr)/thr)} masked by {@code rho}; {@code r = rho ? clamp(r-1, 0, R) : R*z}. Gradients flow
 * through the reset term; {@code r} carries none.
 */
public abstract class IntegrateAndFire implements NeuronModel {

    private final float thr;
    private final float leak;
    private final float gain;
    private final float refractorySteps;
    private final boolean perfectReset;
    private final SurrogateGradient surrogate;
    /** Dampening of the triangular surrogate, or NaN for any other surrogate (which has no SIMD kernel). */
    private final float triangleDampening;

    protected IntegrateAndFire(float thr, float leak, float gain, int refractorySteps, boolean perfectReset,
                               SurrogateGradient surrogate) {
        if (refractorySteps < 0) {
            throw new IllegalArgumentException("refractory steps must be >= 0, got " + refractorySteps);
        }
        this.thr = thr;
        this.leak = leak;
        this.gain = gain;
        this.refractorySteps = refractorySteps;
        this.perfectReset = perfectReset;
        this.surrogate = surrogate;
        this.triangleDampening = surrogate instanceof TriangleSurrogate t ? t.dampening() : Float.NaN;
    }

    @Override
    public float threshold() {
        return thr;
    }

    public float leak() {
        return leak;
    }

    public float gain() {
        return gain;
    }

    public int refractorySteps() {
        return (int) refractorySteps;
    }

    public boolean perfectReset() {
        return perfectReset;
    }

    public SurrogateGradient surrogate() {
        return surrogate;
    }

    @Override
    public void forwardStep(float[] current, int cOff, float[] v, float[] r, float[] z,
                            float[] vRec, float[] sRec, int recOff, int n) {
        final float thr = this.thr, leak = this.leak, gain = this.gain, refr = this.refractorySteps;
        if (Simd.enabled() && !Float.isNaN(triangleDampening)) {
            VectorKernels.iafForward(thr, leak, gain, refr, perfectReset, triangleDampening, current, cOff, v, r, z,
                    vRec, sRec, recOff, n);
            return;
        }
        for (int i = 0; i < n; i++) {
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
            sRec[recOff + i] = refractory ? 0f : surrogate.derivative(vScaled);
        }
    }

    @Override
    public void backwardStep(float[] gz, int gzOff, float[] gv, int gvOff,
                             float[] vRec, float[] zRec, float[] sRec, int recOff,
                             float[] adj, float[] gCurrent, int gcOff, int n) {
        final float thr = this.thr, leak = this.leak, gain = this.gain;
        if (Simd.enabled() && !perfectReset) {
            VectorKernels.iafBackwardSubtract(thr, leak, gain, gz, gzOff, gv, gvOff, sRec, recOff, adj, gCurrent, gcOff,
                    n);
            return;
        }
        for (int i = 0; i < n; i++) {
            float next = adj[i];
            float gzTotal;
            float carry;
            if (perfectReset) {
                float zt = zRec[recOff + i];
                gzTotal = gz[gzOff + i] - leak * vRec[recOff + i] * next;
                carry = leak * (1f - zt) * next;
            } else {
                gzTotal = gz[gzOff + i] - thr * next;
                carry = leak * next;
            }
            // dz/dv = (dz/dvScaled) / thr, in the order autograd applies it
            float a = gzTotal * sRec[recOff + i] / thr + carry;
            if (gv != null) {
                a += gv[gvOff + i];
            }
            adj[i] = a;
            gCurrent[gcOff + i] = gain * a;
        }
    }
}
