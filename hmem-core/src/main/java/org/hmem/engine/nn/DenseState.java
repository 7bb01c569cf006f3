package org.hmem.engine.nn;

import java.util.ArrayList;
import java.util.List;

import org.hmem.engine.neuron.NeuronState;
import org.hmem.engine.tensor.CarriedState;

/** What a {@link DenseLayer} carries from call to call: its neurons and the trace of their spikes. */
public record DenseState(NeuronState neurons, float[] trace) implements CarriedState {

    @Override
    public List<float[]> tensors() {
        List<float[]> all = new ArrayList<>(neurons.tensors());
        all.add(trace);
        return all;
    }
}
