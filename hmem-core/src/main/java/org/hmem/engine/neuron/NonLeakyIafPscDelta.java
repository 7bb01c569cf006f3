package org.hmem.engine.neuron;

import org.hmem.engine.surrogate.SurrogateGradient;

/**
 * Non-leaky integrate-and-fire neuron of the spiking CNN (spec §1.3): {@code v = v + I - thr*z}. Its threshold is
 * the value assigned by threshold balancing; a zero threshold is rejected because the normalised potential
 * would divide by zero.
 */
public final class NonLeakyIafPscDelta extends IntegrateAndFire {

    public NonLeakyIafPscDelta(float thr, boolean perfectReset, int refractorySteps, SurrogateGradient surrogate) {
        super(requirePositive(thr), 1f, 1f, refractorySteps, perfectReset, surrogate);
    }

    private static float requirePositive(float thr) {
        if (!(thr > 0f)) {
            throw new IllegalArgumentException("threshold of a non-leaky IF neuron must be > 0, got " + thr);
        }
        return thr;
    }
}
