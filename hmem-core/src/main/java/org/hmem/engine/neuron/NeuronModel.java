package org.hmem.engine.neuron;

/**
 * Stateless dynamics of a population of spiking neurons: one forward step and its adjoint.
 *
 * <p>State per neuron is the triple (z, v, r): previous spike, membrane potential, remaining refractory steps
 * (spec §1.1). A model instance holds only hyper-parameters and may be shared by any number of populations.
 *
 * <p>The forward step records, per neuron, the values its backward step needs: the membrane {@code v_t}, the
 * spike {@code z_t} and the surrogate derivative {@code dz_t/dvScaled_t} (already zero where refractory).
 */
public interface NeuronModel {

    /** Firing threshold {@code thr}. */
    float threshold();

    /**
     * Advances {@code n} neurons by one step.
     *
     * @param current input current {@code I_t} at {@code current[cOff + i]}. Not modified.
     * @param v membrane, {@code v[i]}, updated in place. Modified.
     * @param r refractory counters, updated in place. Modified.
     * @param z previous spikes on entry, this step's spikes on exit. Modified.
     * @param vRec receives {@code v_t} at {@code recOff + i}. Modified.
     * @param sRec receives {@code dz_t/dvScaled_t} at {@code recOff + i}. Modified.
     */
    void forwardStep(float[] current, int cOff, float[] v, float[] r, float[] z,
                     float[] vRec, float[] sRec, int recOff, int n);

    /**
     * Adjoint of one forward step, run backwards in time.
     *
     * @param gz external gradient {@code dL/dz_t} (from downstream consumers) at {@code gzOff + i}. Only its
     *           entries where the recorded surrogate derivative is non-zero matter, so callers may skip computing
     *           the others. Not modified.
     * @param gv external gradient {@code dL/dv_t} on the membrane itself at {@code gvOff + i}, or null. Not modified.
     * @param vRec recorded {@code v_t}. Not modified.
     * @param zRec recorded {@code z_t}. Not modified.
     * @param sRec recorded surrogate derivative of step t. Not modified.
     * @param adj on entry {@code dL/dv_{t+1}} (zero after the last step), on exit {@code dL/dv_t}. Modified.
     * @param gCurrent receives {@code dL/dI_t} at {@code gcOff + i} (overwritten). Modified.
     */
    void backwardStep(float[] gz, int gzOff, float[] gv, int gvOff,
                      float[] vRec, float[] zRec, float[] sRec, int recOff,
                      float[] adj, float[] gCurrent, int gcOff, int n);
}
