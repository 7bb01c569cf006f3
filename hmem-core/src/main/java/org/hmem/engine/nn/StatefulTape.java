package org.hmem.engine.nn;

import org.hmem.engine.tensor.CarriedState;

/**
 * The tape of a layer whose state (neurons, traces, memory, feedback buffer) can carry over from one call to the next
 * over the same sample, with gradients flowing back through it (BPTT across calls).
 *
 * <p>Per call: {@link #startFrom} (null, the default, starts from zero); forward; read {@link #finalState()} to start
 * the next call from it. Backward, last call first: add the next call's {@link #initialStateGradient()} (and any
 * other consumer's gradient of the final state, e.g. a reader's {@code dL/dM}) into {@link #finalStateGradient()};
 * backward; hand this call's {@link #initialStateGradient()} to the previous call.
 *
 * <p>A per-sample reset (an episode boundary) is starting from null and not handing the gradient back: it equals a
 * fresh start exactly. The gradients of neuron states are the neuron model's adjoints (see
 * {@code NeuronModel#backwardStep}); they are only meant to be handed from call to call.
 *
 * @param <S> the layer's state record
 */
public interface StatefulTape<S extends CarriedState> {

    /** The state the following forward calls start from: copied at each start; null for zeros. */
    void startFrom(S initial);

    /** The state after the last forward. Live: copy it to keep it beyond the next forward. */
    S finalState();

    /** Accumulator of {@code dL/d(final state)}, zero after each forward until added to. Modified by callers. */
    S finalStateGradient();

    /**
     * After backward: the gradient with respect to the state the forward started from. Backward only reads
     * {@link #finalStateGradient()}, so it may run again with the same result.
     */
    S initialStateGradient();
}
