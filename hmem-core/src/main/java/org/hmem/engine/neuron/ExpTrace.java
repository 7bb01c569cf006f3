package org.hmem.engine.neuron;

import org.hmem.engine.simd.Simd;

/**
 * Normalised exponential low-pass of a spike train (spec §2.1): {@code x_t = (1-d) z_t + d x_{t-1}},
 * {@code d = exp(-1/tau)}. Constant input 1 drives the trace to 1. The trace itself is state its layer owns and may
 * carry from call to call; {@link #stepScalar} is the definition, {@link TraceLanes} its SIMD form.
 *
 * <p>A trace whose magnitude falls below {@link #FLUSH} is set to zero (docs/DECISIONS.md, "Traces flushed to zero"):
 * a silent neuron's trace otherwise decays through the subnormal floats, and every product with it in the Hebbian
 * update and its adjoint then costs a microcode assist (about 80 times a normal multiply on Intel cores), which made
 * Concentration's long carried sequences 2 to 3 times slower. The adjoint ({@link #backwardStep}) treats the flush
 * as the identity.
 */
public final class ExpTrace {

    /**
     * 2^-60: products of two traces and their products with the plasticity rates (0.1 to 0.3) stay normal floats,
     * while a trace this small changes nothing a float32 sum with a spike-driven trace (at least 1 - d) can hold.
     */
    public static final float FLUSH = 0x1p-60f;

    private final float decay;

    public ExpTrace(float tau) {
        this.decay = IafPscDelta.decay(tau);
    }

    public float decay() {
        return decay;
    }

    /** {@code trace[i] = (1-d) z[zOff+i] + d trace[i]}, also copied to {@code rec[recOff+i]}. */
    public void step(float[] z, int zOff, float[] trace, float[] rec, int recOff, int n) {
        final float d = decay, g = 1f - decay;
        if (Simd.enabled() && n >= TraceLanes.LENGTH) {
            TraceLanes.step(g, d, z, zOff, trace, rec, recOff, n);
            return;
        }
        stepScalar(z, zOff, trace, rec, recOff, n);
    }

    /** The definition of {@link #step}, which {@link TraceLanes#step} reproduces bit for bit. */
    void stepScalar(float[] z, int zOff, float[] trace, float[] rec, int recOff, int n) {
        final float d = decay, g = 1f - decay;
        for (int i = 0; i < n; i++) {
            float x = g * z[zOff + i] + d * trace[i];
            if (Math.abs(x) < FLUSH) {
                x = 0f;
            }
            trace[i] = x;
            rec[recOff + i] = x;
        }
    }

    /**
     * Adjoint of one step: adds {@code (1-d) gTrace} to the spike gradient and leaves {@code d gTrace} as the carry
     * to the previous step's trace.
     *
     * @param gTrace on entry {@code dL/dx_t} (total), on exit {@code dL/dx_{t-1}} from this path. Modified.
     * @param gz accumulates {@code dL/dz_t}. Modified.
     */
    public void backwardStep(float[] gTrace, float[] gz, int gzOff, int n) {
        final float d = decay, g = 1f - decay;
        for (int i = 0; i < n; i++) {
            float gt = gTrace[i];
            gz[gzOff + i] += g * gt;
            gTrace[i] = d * gt;
        }
    }
}
