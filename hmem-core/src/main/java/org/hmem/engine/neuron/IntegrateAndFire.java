package org.hmem.engine.neuron;

import org.hmem.engine.simd.Simd;
import org.hmem.engine.simd.VectorSurrogate;
import org.hmem.engine.surrogate.SurrogateGradient;

/**
 * Integrate-and-fire neuron with delta synapses, refractoriness and reset by subtraction or to zero (spec §1.2,
 * §1.3). The leaky and non-leaky variants differ only in the leak factor and the input gain, which is why both are
 * thin subclasses of this one kernel.
 *
 * <p>One step: {@code rho = r > 0}; {@code v = leak*v + gain*I - thr*z} (or {@code leak*v*(1-z) + gain*I} with perfect
 * reset); {@code z = H((v-thr)/thr)} masked by {@code rho}; {@code r = rho ? clamp(r-1, 0, R) : R*z}. Gradients flow
 * through the reset term; {@code r} carries none. State {@link IafState}; record planes: membrane, surrogate.
 *
 * <p>{@link #forwardScalar} and {@link #backwardScalar} are the definition. When SIMD is enabled and the surrogate
 * offers a {@link VectorSurrogate}, {@link IafLanes} runs the same float operations on vectors (tested bit for bit
 * against the definition); otherwise the definition runs.
 */
public abstract class IntegrateAndFire implements NeuronModel {

    static final int MEMBRANE = 0;
    static final int SURROGATE = 1;

    private final float thr;
    private final float leak;
    private final float gain;
    private final float refractorySteps;
    private final boolean perfectReset;
    private final SurrogateGradient surrogate;
    /** The surrogate's SIMD form, or null: then this neuron runs its scalar definition, forward and backward. */
    private final VectorSurrogate lanes;

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
        this.lanes = Simd.enabled() ? surrogate.vectorForm() : null;
    }

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
    public IafState newState(int n) {
        return IafState.zeros(n);
    }

    @Override
    public int recordPlanes() {
        return 2;
    }

    /** The membrane record is read only by the perfect-reset adjoint. */
    @Override
    public boolean needsPlane(int p) {
        return p != MEMBRANE || perfectReset;
    }

    @Override
    public int surrogatePlane() {
        return SURROGATE;
    }

    @Override
    public int membranePlane() {
        return MEMBRANE;
    }

    @Override
    public void forwardStep(float[] current, int cOff, NeuronState state, float[][] rec, int recOff, int n) {
        IafState s = (IafState) state;
        int done = lanes == null ? 0 : IafLanes.forward(thr, leak, gain, refractorySteps, perfectReset, lanes,
                current, cOff, s.v(), s.r(), s.z(), rec[MEMBRANE], rec[SURROGATE], recOff, n);
        if (done < n) {
            forwardScalar(current, cOff, s, rec, recOff, done, n);
        }
    }

    /** The definition of one step for neurons {@code [from, n)}, which {@link IafLanes#forward} reproduces. */
    void forwardScalar(float[] current, int cOff, IafState s, float[][] rec, int recOff, int from, int n) {
        final float[] v = s.v(), r = s.r(), z = s.z(), vRec = rec[MEMBRANE], sRec = rec[SURROGATE];
        final float thr = this.thr, leak = this.leak, gain = this.gain, refr = this.refractorySteps;
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
            if (vRec != null) {
                vRec[recOff + i] = vNew;
            }
            if (sRec != null) {
                sRec[recOff + i] = refractory ? 0f : surrogate.derivative(vScaled);
            }
        }
    }

    @Override
    public void backwardStep(float[] gz, int gzOff, float[] gv, int gvOff, float[] spikes, float[][] rec, int recOff,
                             NeuronState adjoint, float[] gCurrent, int gcOff, int n) {
        float[] adj = ((IafState) adjoint).v();
        int done = lanes == null || perfectReset ? 0 : IafLanes.backwardSubtract(thr, leak, gain, gz, gzOff, gv,
                gvOff, rec[SURROGATE], recOff, adj, gCurrent, gcOff, n);
        if (done < n) {
            backwardScalar(gz, gzOff, gv, gvOff, spikes, rec, recOff, adj, gCurrent, gcOff, done, n);
        }
    }

    /** The definition of the adjoint for neurons {@code [from, n)}; {@link IafLanes#backwardSubtract} reproduces it. */
    void backwardScalar(float[] gz, int gzOff, float[] gv, int gvOff, float[] spikes, float[][] rec, int recOff,
                        float[] adj, float[] gCurrent, int gcOff, int from, int n) {
        final float thr = this.thr, leak = this.leak, gain = this.gain;
        final float[] vRec = rec[MEMBRANE], sRec = rec[SURROGATE];
        for (int i = from; i < n; i++) {
            float next = adj[i];
            float gzTotal;
            float carry;
            if (perfectReset) {
                float zt = spikes[recOff + i];
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
