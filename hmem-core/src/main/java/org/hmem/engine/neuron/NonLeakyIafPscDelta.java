package org.hmem.engine.neuron;

import org.hmem.engine.surrogate.SurrogateGradient;

/**
 * Non-leaky integrate-and-fire neuron of the spiking CNN (spec §1.3): {@code v = v + I - thr*z}. Its threshold is
 * the value assigned by threshold balancing. Before balancing the threshold is 0 (spec §5.3): the float arithmetic of
 * the step then gives the reference's behaviour exactly ({@code (v - 0)/0} is +inf, NaN or -inf, so a neuron spikes
 * iff v > 0, the reset removes nothing and the surrogate is 0), but such a neuron must not be differentiated through.
 */
public final class NonLeakyIafPscDelta extends IntegrateAndFire {

    public NonLeakyIafPscDelta(float thr, boolean perfectReset, int refractorySteps, SurrogateGradient surrogate) {
        super(requireNonNegative(thr), 1f, 1f, refractorySteps, perfectReset, surrogate);
    }

    private static float requireNonNegative(float thr) {
        if (!(thr >= 0f)) {
            throw new IllegalArgumentException("threshold of a non-leaky IF neuron must be >= 0, got " + thr);
        }
        return thr;
    }
}
