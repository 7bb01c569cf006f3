package org.hmem.task.associations;

/**
 * Hyper-parameters that define a memorizing-associations model (spec §4.1, §8.1). The neuron and trace fields are
 * ignored by the ReLU model.
 */
public record AssociationsModelConfig(int featureSize, int numClasses, int embeddingSize, int memorySize,
                                      int numTimeSteps, int readoutDelay, float wMax, float gammaPos, float gammaNeg,
                                      float tauTrace, float thr, boolean perfectReset, int refractorySteps,
                                      float tauMem, float dampening) {

    /** The reference script's defaults (spiking). */
    public static AssociationsModelConfig spikingDefaults() {
        return new AssociationsModelConfig(10, 10, 80, 100, 100, 1, 1f, 0.3f, 0.3f, 20f, 0.1f, false, 3, 20f, 1f);
    }
}
