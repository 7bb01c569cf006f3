package org.hmem.engine.neuron;

import java.util.Arrays;
import java.util.List;

import org.hmem.engine.tensor.CarriedState;

/**
 * State of integrate-and-fire neurons (spec §1.1): {@code z} spike of the previous step (already masked by
 * refractoriness), {@code v} membrane potential, {@code r} remaining refractory steps. Zero is the initial state.
 *
 * <p>As an adjoint, only {@code v} is used: it holds {@code dL/dv} of the step after the last one processed, from
 * which each backward step derives the gradients of both {@code z} and {@code v} (spec §1.4).
 */
public record IafState(float[] z, float[] v, float[] r) implements NeuronState {

    public static IafState zeros(int n) {
        return new IafState(new float[n], new float[n], new float[n]);
    }

    @Override
    public float[] spikes() {
        return z;
    }

    @Override
    public List<float[]> tensors() {
        return List.of(z, v, r);
    }

    @Override
    public void zero() {
        Arrays.fill(z, 0f);
        Arrays.fill(v, 0f);
        Arrays.fill(r, 0f);
    }

    /** As the interface's, without building the tensor lists (it runs at every carried call). */
    @Override
    public void copyFrom(CarriedState other) {
        if (!(other instanceof IafState o)) {
            NeuronState.super.copyFrom(other);
            return;
        }
        CarriedState.copyTensor(0, o.z, z);
        CarriedState.copyTensor(1, o.v, v);
        CarriedState.copyTensor(2, o.r, r);
    }
}
