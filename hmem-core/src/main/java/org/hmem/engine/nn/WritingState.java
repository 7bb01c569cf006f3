package org.hmem.engine.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hmem.engine.neuron.NeuronState;
import org.hmem.engine.tensor.CarriedState;

/**
 * What a {@link WritingLayer} carries from call to call: key and value neurons, their traces and the Hebbian memory
 * (key-major, {@code memory[j * N + i] = M[i, j]}).
 */
public record WritingState(NeuronState keys, NeuronState values, float[] keyTrace, float[] valueTrace,
                           float[] memory) implements CarriedState {

    @Override
    public List<float[]> tensors() {
        List<float[]> all = new ArrayList<>(keys.tensors());
        all.addAll(values.tensors());
        all.add(keyTrace);
        all.add(valueTrace);
        all.add(memory);
        return all;
    }

    @Override
    public void zero() {
        keys.zero();
        values.zero();
        Arrays.fill(keyTrace, 0f);
        Arrays.fill(valueTrace, 0f);
        Arrays.fill(memory, 0f);
    }

    /** As the interface's, without building the tensor lists (it runs at every carried call). */
    @Override
    public void copyFrom(CarriedState other) {
        if (!(other instanceof WritingState o)) {
            CarriedState.super.copyFrom(other);
            return;
        }
        keys.copyFrom(o.keys);
        values.copyFrom(o.values);
        CarriedState.copyTensor(6, o.keyTrace, keyTrace);
        CarriedState.copyTensor(7, o.valueTrace, valueTrace);
        CarriedState.copyTensor(8, o.memory, memory);
    }
}
