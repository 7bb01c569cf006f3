package org.hmem.engine.nn;

import org.hmem.engine.neuron.SpikeTrain;

/**
 * The contract of the layers a spiking model chains: per sample, the rows of an input (time steps, or the items an
 * encoder expands into steps) go in, a spike train comes out, and the backward pass turns the gradient that consumers
 * accumulated on that spike train into parameter gradients and the input's gradient. {@link SpikingStack} chains
 * such layers; a model is a composition of them.
 *
 * <p>Execution is one sample at a time (docs/DESIGN.md): a worker owns one {@link Tape} per layer call, which
 * records what backward needs and is reused from sample to sample. A layer object holds only parameters and
 * hyper-parameters and is shared by all workers.
 *
 * <p>Order of calls per sample: {@link #forward}; consumers add {@code dL/dspikes} into
 * {@code tape.output().gradient()}; {@link #backward}.
 *
 * @param <T> the layer's tape
 */
public interface SpikingLayer<T extends SpikingLayer.Tape> extends Module {

    /** Floats per input row. */
    int inputSize();

    /** Neurons per output step. */
    int outputSize();

    /** Output steps produced by {@code rows} input rows (encoders expand each item into several steps). */
    default int outputSteps(int rows) {
        return rows;
    }

    T newTape();

    /**
     * Runs one sample.
     *
     * @param x input (rows, {@link #inputSize()}) at {@code xOff}. Not modified; kept by reference for backward.
     */
    void forward(float[] x, int xOff, int rows, T tape);

    /**
     * Runs one sample on another layer's output (how {@link SpikingStack} chains layers). A layer may read more of
     * its input than the spikes, e.g. the producer's sensitivity; by default it reads the spikes.
     */
    default void forward(SpikeTrain in, T tape) {
        forward(in.spikes(), 0, in.steps(), tape);
    }

    /**
     * Backpropagates the gradient accumulated on {@code tape.output()} (and on the final state, for layers that carry
     * state) through the last forward of {@code tape}.
     *
     * @param grads receives (adds) the parameter gradients. Modified.
     * @param gx adds {@code dL/dx} (laid out like x) if non-null. Modified.
     * @param gxMask null, or laid out like x: {@code dL/dx} is needed only where it is non-zero (the producer's
     *               {@link SpikeTrain#sensitivity()}), so a layer may skip the rest. Not modified.
     */
    void backward(T tape, Gradients grads, float[] gx, int gxOff, float[] gxMask, int maskOff);

    /** One sample's record of a forward pass. */
    interface Tape {

        /** The spikes the last forward produced, and their gradient accumulator. */
        SpikeTrain output();
    }
}
