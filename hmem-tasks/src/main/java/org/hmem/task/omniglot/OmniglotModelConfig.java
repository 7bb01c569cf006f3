package org.hmem.task.omniglot;

import org.hmem.task.model.HebbianParams;
import org.hmem.task.model.NeuronParams;

/**
 * What defines an Omniglot H-Mem network (spec §4.3, §4.4).
 *
 * @param ways N: support images, labels and outputs per episode
 * @param numTimeSteps T per image (spiking)
 * @param useBias whether the spiking CNN's convolutions have biases (spec §5.4)
 * @param freezeCnn whether the CNN is frozen ({@code --freeze_protonet 1})
 */
public record OmniglotModelConfig(int ways, int numTimeSteps, int memorySize, int readoutDelay,
                                  HebbianParams hebbian, NeuronParams neuron, boolean useBias, boolean freezeCnn) {

    /** Size of the CNN's output and of the label embedding. */
    public static final int EMBEDDING = 64;
    /** Image side. */
    public static final int SIDE = 28;
}
