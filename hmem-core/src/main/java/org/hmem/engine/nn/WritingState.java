package org.hmem.engine.nn;

import java.util.ArrayList;
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
}
