package org.hmem.engine.neuron;

import java.util.Arrays;

import org.hmem.engine.tensor.FloatOps;

/**
 * A population of {@code n} neurons of one sample simulated over a sequence: its state, the per-step record that
 * backpropagation through time needs, and the gradient of its spikes.
 *
 * <p>A sequence starts from a zero state or from a given one (the final state of an earlier call over the same
 * sample), and its backward pass hands back the adjoint to pass to that earlier call's backward, so gradients flow
 * through the carried state exactly as through one long call.
 *
 * <p>Records are laid out {@code [t * n + i]}. Buffers grow to the longest sequence seen and are then reused, so a
 * population owned by one worker thread allocates nothing in steady state.
 */
public final class Population implements SpikeTrain {

    private final NeuronModel model;
    private final int capacity;
    private int n;
    private final NeuronState state;
    private final NeuronState adjoint;
    private final float[][] rec;
    /** The record planes without the surrogate plane, for steps that need no backward. */
    private final float[][] recForward;
    private boolean recordSurrogate = true;
    private boolean surrogateRecorded = true;
    private float[] spikes = new float[0];
    private float[] grad = new float[0];
    private boolean gradReady;
    private int steps;

    public Population(NeuronModel model, int n) {
        this.model = model;
        this.capacity = n;
        this.n = n;
        this.state = model.newState(n);
        this.adjoint = model.newState(n);
        this.rec = new float[model.recordPlanes()][0];
        this.recForward = new float[rec.length][];
    }

    /**
     * With {@code false} the following sequences skip the surrogate-derivative record, which only the backward pass
     * reads (acting in reinforcement learning); a backward after such a sequence is refused. On by default.
     */
    public void recordSurrogate(boolean record) {
        this.recordSurrogate = record;
    }

    @Override
    public int size() {
        return n;
    }

    public NeuronModel model() {
        return model;
    }

    /**
     * Simulates only the first {@code n} neurons (at most the size the population was made with) from the next
     * {@link #begin} on, with records laid out for {@code n}: for a layer whose set of neurons that can ever fire
     * changes from sample to sample (the spiking CNN's positions that receive input), without reallocating.
     */
    public void resize(int n) {
        if (n < 0 || n > capacity) {
            throw new IllegalArgumentException("size " + n + " outside 0.." + capacity);
        }
        this.n = n;
    }

    /** Prepares records for {@code steps} steps, starting from {@code initial} (copied), or from zero if null. */
    public void begin(int steps, NeuronState initial) {
        this.steps = steps;
        int len = steps * n;
        if (spikes.length < len) {
            spikes = new float[len];
            for (int p = 0; p < rec.length; p++) {
                rec[p] = model.needsPlane(p) ? new float[len] : null;
                recForward[p] = p == model.surrogatePlane() ? null : rec[p];
            }
        }
        surrogateRecorded = recordSurrogate;
        if (initial == null) {
            state.zero();
        } else {
            state.copyFrom(initial);
        }
        gradReady = false;
    }

    /** Runs step {@code t} with input current at {@code current[cOff..cOff+n)}; spikes land in {@link #spikes()}. */
    public void step(int t, float[] current, int cOff) {
        model.forwardStep(current, cOff, state, surrogateRecorded ? rec : recForward, t * n, n);
        System.arraycopy(state.spikes(), 0, spikes, t * n, n);
    }

    /**
     * Records steps {@code [from, to)} as silent without running them: exact for steps with zero input from a zero
     * state, which stays zero.
     */
    public void skipSilent(int from, int to) {
        Arrays.fill(spikes, from * n, to * n, 0f);
        for (float[] plane : rec) {
            if (plane != null) {
                Arrays.fill(plane, from * n, to * n, 0f);
            }
        }
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public float[] spikes() {
        return spikes;
    }

    /** The surrogate derivatives {@code dz/dvScaled} per step (zero where a neuron passes no gradient). */
    public float[] surrogate() {
        return rec[model.surrogatePlane()];
    }

    /** Membrane potentials {@code [t * n + i]} after each step, or null when the model does not record them. */
    public float[] membrane() {
        return rec[model.membranePlane()];
    }

    @Override
    public float[] sensitivity() {
        return surrogate();
    }

    @Override
    public float[] gradient() {
        if (!gradReady) {
            grad = FloatOps.ensureZeroed(grad, steps * n);
            gradReady = true;
        }
        return grad;
    }

    /** The state after the last step run: the initial state of a following call. Live; copy it to keep it. */
    public NeuronState state() {
        return state;
    }

    /**
     * Starts the backward sweep from the adjoint a later call handed back (copied), or from zero when nothing follows.
     */
    public void beginBackward(NeuronState fromLater) {
        if (!surrogateRecorded) {
            throw new IllegalStateException("backward after a forward pass without surrogate records "
                    + "(recordSurrogate)");
        }
        if (fromLater == null) {
            adjoint.zero();
        } else {
            adjoint.copyFrom(fromLater);
        }
    }

    /**
     * Adjoint of step {@code t} (call for t = steps-1 down to 0).
     *
     * @param gz {@code dL/dz_t} from downstream at {@code gzOff}. Not modified.
     * @param gCurrent receives {@code dL/dI_t} at {@code gcOff}. Modified.
     */
    public void backwardStep(int t, float[] gz, int gzOff, float[] gCurrent, int gcOff) {
        model.backwardStep(gz, gzOff, null, 0, spikes, rec, t * n, adjoint, gCurrent, gcOff, n);
    }

    /** After the backward sweep reached step 0: what to hand to the backward of the call this one continued. */
    public NeuronState adjoint() {
        return adjoint;
    }
}
