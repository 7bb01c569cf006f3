package org.hmem.task.concentration;

import org.hmem.task.concentration.env.ConcentrationConfig;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.model.HebbianParams;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.model.NeuronParams;
import org.hmem.task.rl.RecurrentPolicy;
import org.hmem.task.rl.ReluMemoryCore;
import org.hmem.task.rl.SpikingMemoryCore;
import org.hmem.task.train.TrainingFlags;

/** The policies of {@code hmem concentration}: the spiking core (spec §4.8) or the ReLU core (§4.9) with the heads. */
final class ConcentrationPolicies {

    /** State-dict prefix of the cores' layers, as the reference's {@code Policy.net.net}. */
    static final String PREFIX = "net.net";
    /**
     * Environment steps whose BPTT tapes one worker keeps; longer rollouts (6 cards: 100 steps) recompute segment by
     * segment. 10 keeps the 4-card rollouts (10 steps) free of recomputation.
     */
    static final int SEGMENT = 10;

    private ConcentrationPolicies() {
    }

    static RecurrentPolicy<?> build(FlagValues v, ConcentrationConfig config) {
        HebbianParams hebbian = HebbianParams.from(v);
        int obs = config.observationSize(), e = v.get(MemoryFlags.EMBEDDING_SIZE), m = v.get(MemoryFlags.MEMORY_SIZE);
        if (ConcentrationFlags.relu(v)) {
            return new RecurrentPolicy<>(new ReluMemoryCore(PREFIX, obs, e, m, hebbian.rule(),
                    v.get(ConcentrationFlags.RELU_READ_EACH_STEP) == 1), config.numActions());
        }
        return new RecurrentPolicy<>(new SpikingMemoryCore(PREFIX, obs, e, m, v.get(ConcentrationFlags.NUM_TIME_STEPS),
                v.get(MemoryFlags.READOUT_DELAY), hebbian.rule(), hebbian.tauTrace(), NeuronParams.from(v).neuron(),
                v.get(TrainingFlags.CHECKPOINT_INTERVAL), SEGMENT), config.numActions());
    }
}
