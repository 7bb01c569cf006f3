package org.hmem.task.associations;

import org.hmem.task.model.HebbianParams;
import org.hmem.task.model.NeuronParams;

/**
 * Hyper-parameters that define a memorizing-associations model (spec §4.1, §8.1). The neuron settings, the trace
 * time constant, the steps per item and the readout delay are ignored by the ReLU model.
 */
public record AssociationsModelConfig(int featureSize, int numClasses, int embeddingSize, int memorySize,
                                      int numTimeSteps, int readoutDelay, HebbianParams hebbian,
                                      NeuronParams neuron) {

    /** The reference script's defaults (spiking). */
    public static AssociationsModelConfig spikingDefaults() {
        return new AssociationsModelConfig(10, 10, 80, 100, 100, 1, new HebbianParams(1f, 0.3f, 0.3f, 20f),
                NeuronParams.defaults());
    }
}
