package org.hmem.engine.neuron;

/**
 * Stateless dynamics of a population of spiking neurons: one forward step and its adjoint (norse's
 * {@code lif_step} split into state, parameters and a pure step).
 *
 * <p>The state ({@link NeuronState}, created by {@link #newState}) and the per-step record that backpropagation needs
 * are the model's own, so a neuron with more state fits without changing this interface or the layers. A model
 * instance holds only hyper-parameters and may be shared by any number of populations.
 *
 * <p>The record of step t is {@link #recordPlanes()} planes of n floats each, at {@code rec[p][recOff + i]}; plane
 * {@link #surrogatePlane()} holds the surrogate derivative {@code dz_t/dvScaled_t} (zero where a neuron cannot pass
 * gradient, e.g. while refractory) and plane {@link #membranePlane()} the membrane potential after the step, each
 * when the caller passes that plane (see {@link #needsPlane}).
 */
public interface NeuronModel {

    /** A zero state (the initial state of every population that is not given one) for n neurons. */
    NeuronState newState(int n);

    /** Number of planes recorded per step. */
    int recordPlanes();

    /**
     * Whether backward reads plane {@code p}. A population allocates only those; a plane it passes as null is not
     * written (e.g. the membrane, which only the perfect-reset adjoint needs: at a CNN's size its record would be the
     * largest part of the tape).
     */
    default boolean needsPlane(int p) {
        return true;
    }

    /** The plane holding the surrogate derivative. */
    int surrogatePlane();

    /** The plane holding the membrane potential. */
    int membranePlane();

    /**
     * Advances {@code n} neurons by one step.
     *
     * @param current input current {@code I_t} at {@code current[cOff + i]}. Not modified.
     * @param state the state before the step on entry, after it on exit; its spikes are this step's output.
     *              Modified.
     * @param rec receives the step's record at {@code rec[p][recOff + i]}. Modified.
     */
    void forwardStep(float[] current, int cOff, NeuronState state, float[][] rec, int recOff, int n);

    /**
     * Adjoint of one forward step, run backwards in time.
     *
     * @param gz external gradient {@code dL/dz_t} (from downstream consumers) at {@code gzOff + i}. Only its
     *           entries where the recorded surrogate derivative is non-zero matter, so callers may skip computing
     *           the others. Not modified.
     * @param gv external gradient {@code dL/dv_t} on the membrane itself at {@code gvOff + i}, or null. Not modified.
     * @param spikes recorded spikes, step t at {@code recOff + i}. Not modified.
     * @param rec the forward pass's record. Not modified.
     * @param adjoint on entry the adjoint of the following step (zero after the last step of a sequence, or what the
     *                next call's backward handed back), on exit this step's. Modified.
     * @param gCurrent receives {@code dL/dI_t} at {@code gcOff + i} (overwritten). Modified.
     */
    void backwardStep(float[] gz, int gzOff, float[] gv, int gvOff, float[] spikes, float[][] rec, int recOff,
                      NeuronState adjoint, float[] gCurrent, int gcOff, int n);
}
