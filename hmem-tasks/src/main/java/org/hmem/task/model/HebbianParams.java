package org.hmem.task.model;

import org.hmem.engine.plasticity.InvertedOjaSoftBound;
import org.hmem.task.flags.FlagValues;

/**
 * The settings of the Hebbian memory (spec §2.1, §2.2): the plasticity rule's bound and rates, and the time constant
 * of the key and value traces it learns from (unused by the ReLU models, which have no traces).
 */
public record HebbianParams(float wMax, float gammaPos, float gammaNeg, float tauTrace) {

    public static HebbianParams from(FlagValues v) {
        return new HebbianParams(v.get(MemoryFlags.W_MAX).floatValue(), v.get(MemoryFlags.GAMMA_POS).floatValue(),
                v.get(MemoryFlags.GAMMA_NEG).floatValue(), v.get(MemoryFlags.TAU_TRACE).floatValue());
    }

    /** The plasticity rule these settings describe. */
    public InvertedOjaSoftBound rule() {
        return new InvertedOjaSoftBound(wMax, gammaPos, gammaNeg);
    }
}
