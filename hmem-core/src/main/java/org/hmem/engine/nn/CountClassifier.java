package org.hmem.engine.nn;

import java.util.Arrays;
import java.util.List;

import org.hmem.engine.neuron.SpikeTrain;

/**
 * The read-out of the spiking classification models (spec §4.1, §4.3, §4.7): the spike counts of the last
 * {@code window} steps of a spike train (the read values), mapped to class logits by a {@link Linear} layer without
 * bias named by the model ({@code output_layer}). Initialising the linear layer is the model's job.
 */
public final class CountClassifier implements Module {

    private final SpikeCountReadout counts;
    private final Linear linear;

    public CountClassifier(String prefix, int neurons, int classes, int window) {
        this.counts = SpikeCountReadout.lastSteps(window);
        this.linear = new Linear(prefix, neurons, classes, false);
    }

    public Linear linear() {
        return linear;
    }

    @Override
    public List<Parameter> parameters() {
        return linear.parameters();
    }

    public Tape newTape() {
        return new Tape(linear.in(), linear.out());
    }

    /** One sample's counts and logits. */
    public static final class Tape {
        private final float[] counts;
        private final float[] gCounts;
        private final float[] logits;

        private Tape(int neurons, int classes) {
            counts = new float[neurons];
            gCounts = new float[neurons];
            logits = new float[classes];
        }

        public float[] logits() {
            return logits;
        }
    }

    /** Counts the window of {@code in} and leaves the logits in the tape. */
    public void forward(SpikeTrain in, Tape tape) {
        counts.forward(in, tape.counts, 0);
        linear.forward(tape.counts, 0, 1, tape.logits, 0);
    }

    /** Adds the linear layer's gradients and {@code dL/dspikes} of the window into {@code in.gradient()}. */
    public void backward(float[] gLogits, SpikeTrain in, Tape tape, Gradients grads) {
        Arrays.fill(tape.gCounts, 0f);
        linear.backward(gLogits, 0, tape.counts, 0, 1, grads, tape.gCounts, 0);
        counts.backward(tape.gCounts, 0, in, null);
    }
}
