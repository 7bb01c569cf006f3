package org.hmem.engine.neuron;

import org.hmem.engine.surrogate.SurrogateGradient;
import org.hmem.engine.surrogate.TriangleSurrogate;

/**
 * Leaky integrate-and-fire neuron with delta synapses (spec §1.2): leak {@code alpha = exp(-1/tau_mem)}, input gain
 * {@code 1 - alpha}. Used by every spiking population except the CNN.
 */
public final class IafPscDelta extends IntegrateAndFire {

    private final float tauMem;

    public IafPscDelta(float thr, boolean perfectReset, int refractorySteps, float tauMem,
                       SurrogateGradient surrogate) {
        super(thr, decay(tauMem), 1f - decay(tauMem), refractorySteps, perfectReset, surrogate);
        this.tauMem = tauMem;
    }

    /** The reference defaults of the task scripts: thr 0.1, reset by subtraction, R 3, tau 20, dampening 1. */
    public static IafPscDelta defaults() {
        return new IafPscDelta(0.1f, false, 3, 20f, new TriangleSurrogate(1f));
    }

    public float tauMem() {
        return tauMem;
    }

    /** {@code exp(-1/tau)} computed in double, then rounded once, as the reference's float32 constant. */
    static float decay(float tau) {
        if (!(tau > 0f)) {
            throw new IllegalArgumentException("time constant must be > 0, got " + tau);
        }
        return (float) Math.exp(-1.0 / tau);
    }
}
