package org.hmem.task.model;

import org.hmem.engine.neuron.IafPscDelta;
import org.hmem.engine.surrogate.TriangleSurrogate;
import org.hmem.task.flags.FlagValues;

/**
 * The leaky integrate-and-fire settings shared by every spiking population of a model (spec §1.2, §1.4).
 *
 * @param dampening the triangular surrogate's dampening factor
 */
public record NeuronParams(float thr, boolean perfectReset, int refractorySteps, float tauMem, float dampening) {

    /** The task scripts' defaults: thr 0.1, reset by subtraction, R 3, tau 20, dampening 1. */
    public static NeuronParams defaults() {
        return new NeuronParams(0.1f, false, 3, 20f, 1f);
    }

    public static NeuronParams from(FlagValues v) {
        return new NeuronParams(v.get(MemoryFlags.THR).floatValue(), v.get(MemoryFlags.PERFECT_RESET),
                v.get(MemoryFlags.REFRACTORY_TIME_STEPS), v.get(MemoryFlags.TAU_MEM).floatValue(),
                v.get(MemoryFlags.DAMPENING_FACTOR).floatValue());
    }

    /** The neuron model these settings describe. */
    public IafPscDelta neuron() {
        return new IafPscDelta(thr, perfectReset, refractorySteps, tauMem, new TriangleSurrogate(dampening));
    }
}
