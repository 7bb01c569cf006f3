package org.hmem.engine.neuron;

import java.util.Arrays;

/**
 * A population of {@code n} neurons of one sample simulated over a whole sequence: its state and the per-step record
 * (membrane, spikes, surrogate derivative) that backpropagation through time needs.
 *
 * <p>Records are laid out {@code [t * n + i]}. Buffers grow to the longest sequence seen and are then reused, so a
 * population owned by one worker thread allocates nothing in steady state.
 */
public final class Population {

    private final NeuronModel model;
    private final int n;
    private final float[] v;
    private final float[] r;
    private final float[] z;
    private final float[] adj;
    private float[] spikes = new float[0];
    private float[] membrane = new float[0];
    private float[] surrogate = new float[0];
    private int steps;

    public Population(NeuronModel model, int n) {
        this.model = model;
        this.n = n;
        this.v = new float[n];
        this.r = new float[n];
        this.z = new float[n];
        this.adj = new float[n];
    }

    public int size() {
        return n;
    }

    public NeuronModel model() {
        return model;
    }

    /** Resets the state to zero and prepares records for {@code steps} steps. */
    public void begin(int steps) {
        this.steps = steps;
        int len = steps * n;
        if (spikes.length < len) {
            spikes = new float[len];
            membrane = new float[len];
            surrogate = new float[len];
        }
        Arrays.fill(v, 0f);
        Arrays.fill(r, 0f);
        Arrays.fill(z, 0f);
    }

    /** Runs step {@code t} with input current at {@code current[cOff..cOff+n)}; spikes land in {@link #spikes()}. */
    public void step(int t, float[] current, int cOff) {
        model.forwardStep(current, cOff, v, r, z, membrane, surrogate, t * n, n);
        System.arraycopy(z, 0, spikes, t * n, n);
    }

    public int steps() {
        return steps;
    }

    /** Spikes {@code [t * n + i]} of the current sequence. Not to be modified by callers. */
    public float[] spikes() {
        return spikes;
    }

    /** Membrane potentials {@code [t * n + i]} after each step. */
    public float[] membrane() {
        return membrane;
    }

    /** Surrogate derivatives {@code dz/dvScaled} per step (zero where refractory). */
    public float[] surrogate() {
        return surrogate;
    }

    /** Current state (after the last step): membrane, refractory counter, last spike. */
    public float[] stateMembrane() {
        return v;
    }

    public float[] stateRefractory() {
        return r;
    }

    public float[] stateSpikes() {
        return z;
    }

    /** Starts the backward sweep: no gradient arrives from after the last step. */
    public void beginBackward() {
        Arrays.fill(adj, 0f);
    }

    /**
     * Adjoint of step {@code t} (call for t = steps-1 down to 0).
     *
     * @param gz {@code dL/dz_t} from downstream at {@code gzOff}. Not modified.
     * @param gCurrent receives {@code dL/dI_t} at {@code gcOff}. Modified.
     */
    public void backwardStep(int t, float[] gz, int gzOff, float[] gCurrent, int gcOff) {
        model.backwardStep(gz, gzOff, null, 0, membrane, spikes, surrogate, t * n, adj, gCurrent, gcOff, n);
    }

    /** True where neuron {@code i}'s surrogate derivative at step {@code t} is non-zero. */
    public boolean sensitive(int t, int i) {
        return surrogate[t * n + i] != 0f;
    }
}
