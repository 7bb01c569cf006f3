package org.hmem.engine.plasticity;

/**
 * A synaptic plasticity rule {@code M <- M + Delta(pre, post, M)} for one sample, with the vector-Jacobian products
 * that backpropagation through the memory needs.
 *
 * <p>Memory layout is <b>key-major</b>: {@code m[mOff + j * nPost + i]} holds the reference's {@code M[i, j]}
 * (i = postsynaptic/value neuron, j = presynaptic/key neuron). Keys are sparse binary spikes, so both the memory
 * current {@code M k} and the update iterate over rows of active keys, which are contiguous in this layout.
 */
public interface PlasticityRule {

    /** In place: {@code M <- M + Delta(pre, post, M)}. {@code pre} has nPre entries, {@code post} nPost. */
    void update(float[] m, int mOff, float[] pre, int preOff, float[] post, int postOff, int nPre, int nPost);

    /**
     * Adjoint of {@link #update} given the memory before it.
     *
     * @param gm on entry {@code dL/dM_new}, on exit {@code dL/dM_old}. Modified.
     * @param mOld memory before the update. Not modified.
     * @param gPre accumulates {@code dL/dpre}. Modified.
     * @param gPost accumulates {@code dL/dpost}. Modified.
     */
    void backward(float[] gm, int gOff, float[] mOld, int mOff, float[] pre, int preOff, float[] post, int postOff,
                  float[] gPre, int gPreOff, float[] gPost, int gPostOff, int nPre, int nPost);
}
