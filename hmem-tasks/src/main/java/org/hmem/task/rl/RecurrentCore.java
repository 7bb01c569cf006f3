package org.hmem.task.rl;

import java.util.SplittableRandom;

import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Module;
import org.hmem.engine.tensor.CarriedState;

/**
 * A network whose state carries over from one environment step to the next (spec §4.8, §4.9): one observation per
 * step in, one feature vector per step out. Masks reset the state at episode starts, so the memory is episodic.
 *
 * @param <S> the state of one environment (for the spiking core the reference's 19 tensors)
 */
public interface RecurrentCore<S extends CarriedState> extends Module {

    int observationSize();

    int outputSize();

    /** Draws the trainable parameters (the reference's initialisation). */
    void initialize(SplittableRandom rng);

    /** A zero state of one environment. */
    S newState();

    /** A workspace of one worker thread: runs and differentiates one environment's sequences. */
    Sequence<S> newSequence();

    /** One environment's steps through the core, with what backpropagation needs; reused call after call. */
    interface Sequence<S> {

        /**
         * Runs {@code steps} environment steps from {@code start} (not modified; kept by reference, as the
         * observations, until backward, which may recompute from it). Before step k the state is reset to
         * zero where {@code masks[maskOff + k] == 0} (an episode start), as the reference multiplies it by the mask.
         *
         * @param obs observations (steps, observationSize) at {@code obsOff}; kept by reference for backward
         * @param out features (steps, outputSize) at {@code outOff}. Modified.
         */
        void forward(float[] obs, int obsOff, float[] masks, int maskOff, int steps, S start, float[] out,
                     int outOff);

        /**
         * With {@code true}, the following forward calls may reuse what the previous call derived from the
         * parameters (transposed weights): the caller guarantees the parameters have not changed since. Off by
         * default; every forward call derives afresh.
         */
        default void reuseWeights(boolean reuse) {
        }

        /**
         * With {@code true} the following forward calls keep only what the next forward call needs, not what
         * backward needs (acting); backward then refuses to run. Off by default.
         */
        default void forwardOnly(boolean forwardOnly) {
        }

        /** Copies the state after the last forward step into {@code into}. */
        void copyFinalState(S into);

        /**
         * Backpropagation through all steps of the last forward, from {@code dL/dout} (steps, outputSize) to the
         * parameters (added into {@code grads}). The start state is a constant (a stored rollout state).
         */
        void backward(float[] gOut, int gOutOff, Gradients grads);
    }
}
