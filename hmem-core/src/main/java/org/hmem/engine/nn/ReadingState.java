package org.hmem.engine.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hmem.engine.neuron.NeuronState;
import org.hmem.engine.tensor.CarriedState;

/**
 * What a {@link ReadingLayer} carries from call to call: key and value neurons and the feedback ring buffer of D
 * slots of value spikes ({@code feedback[s * N + i]}), as the reference's {@code buf (B, D, N)}.
 */
public record ReadingState(NeuronState keys, NeuronState values, float[] feedback) implements CarriedState {

    @Override
    public List<float[]> tensors() {
        List<float[]> all = new ArrayList<>(keys.tensors());
        all.addAll(values.tensors());
        all.add(feedback);
        return all;
    }

    @Override
    public void zero() {
        keys.zero();
        values.zero();
        Arrays.fill(feedback, 0f);
    }

    /** As the interface's, without building the tensor lists (it runs at every carried call). */
    @Override
    public void copyFrom(CarriedState other) {
        if (!(other instanceof ReadingState o)) {
            CarriedState.super.copyFrom(other);
            return;
        }
        keys.copyFrom(o.keys);
        values.copyFrom(o.values);
        CarriedState.copyTensor(6, o.feedback, feedback);
    }
}
