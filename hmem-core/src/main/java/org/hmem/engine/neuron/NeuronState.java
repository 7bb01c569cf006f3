package org.hmem.engine.neuron;

import org.hmem.engine.tensor.CarriedState;

/**
 * The state of a population of n neurons of one sample (norse's {@code LIFState}): whatever variables its
 * {@link NeuronModel} integrates, one float per neuron each. The same record type holds the backward pass's adjoint,
 * whose meaning is the model's (see {@link NeuronModel#backwardStep}).
 */
public interface NeuronState extends CarriedState {

    /** The spikes emitted at the last step: the population's output. */
    float[] spikes();
}
