package org.hmem.engine.neuron;

/**
 * The spikes {@code [t * size + i]} a layer emitted over the steps of one sample, with the accumulator of their
 * gradient: consumers (the next layer, a read-out, the activity regulariser) add {@code dL/dspikes} into
 * {@link #gradient()}, then the producer's backward pass reads it.
 */
public interface SpikeTrain {

    int size();

    int steps();

    /** Spikes {@code [t * size + i]}. Not to be modified by callers. */
    float[] spikes();

    /**
     * Non-zero where {@code dL/dspike} can change the producer's gradients, laid out like the spikes (for a spiking
     * population: its surrogate derivative), or null when every entry can. Consumers may skip computing the gradient
     * of the other entries.
     */
    float[] sensitivity();

    /** {@code dL/dspikes}, zero after each forward pass until consumers add to it. Modified by consumers. */
    float[] gradient();
}
