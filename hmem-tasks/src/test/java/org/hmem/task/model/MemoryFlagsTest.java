package org.hmem.task.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hmem.engine.neuron.IafPscDelta;
import org.hmem.engine.plasticity.InvertedOjaSoftBound;
import org.hmem.engine.surrogate.TriangleSurrogate;
import org.hmem.task.flags.FlagSet;
import org.hmem.task.flags.FlagValues;
import org.junit.jupiter.api.Test;

class MemoryFlagsTest {

    private static final FlagSet SET = FlagSet.of(MemoryFlags.ALL);

    @Test
    void defaultsAreTheReferenceScriptsDefaults() {
        FlagValues v = SET.defaults();
        assertEquals(NeuronParams.defaults(), NeuronParams.from(v));
        assertEquals(new HebbianParams(1f, 0.3f, 0.3f, 20f), HebbianParams.from(v));
        assertEquals(80, v.get(MemoryFlags.EMBEDDING_SIZE));
        assertEquals(100, v.get(MemoryFlags.MEMORY_SIZE));
        assertEquals(1, v.get(MemoryFlags.READOUT_DELAY));
    }

    @Test
    void theRecordsBuildTheEngineObjectsTheFlagsDescribe() {
        FlagValues v = SET.defaults().with(MemoryFlags.THR, 0.05).with(MemoryFlags.PERFECT_RESET, true)
                .with(MemoryFlags.REFRACTORY_TIME_STEPS, 2).with(MemoryFlags.TAU_MEM, 10.0)
                .with(MemoryFlags.DAMPENING_FACTOR, 0.3).with(MemoryFlags.W_MAX, 2.0)
                .with(MemoryFlags.GAMMA_POS, 0.1).with(MemoryFlags.GAMMA_NEG, 0.2).with(MemoryFlags.TAU_TRACE, 5.0);
        IafPscDelta neuron = NeuronParams.from(v).neuron();
        assertEquals(0.05f, neuron.threshold());
        assertTrue(neuron.perfectReset());
        assertEquals(2, neuron.refractorySteps());
        assertEquals(10f, neuron.tauMem());
        assertEquals(0.3f, ((TriangleSurrogate) neuron.surrogate()).dampening());
        HebbianParams hebbian = HebbianParams.from(v);
        InvertedOjaSoftBound rule = hebbian.rule();
        assertEquals(2f, rule.wMax());
        assertEquals(0.1f, rule.gammaPos());
        assertEquals(0.2f, rule.gammaNeg());
        assertEquals(5f, hebbian.tauTrace());
    }
}
