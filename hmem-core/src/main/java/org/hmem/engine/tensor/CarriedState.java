package org.hmem.engine.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * State that one call of a layer hands to the next call over the same sample (neuron variables, traces, a memory
 * matrix, a feedback buffer), and, in the backward pass, the gradient flowing the other way. Implementations are
 * records of flat float arrays; this interface gives the generic operations over all of them.
 */
public interface CarriedState {

    /** Every tensor of the state in a fixed order. The arrays are the state itself, not copies. */
    List<float[]> tensors();

    /** Copies {@code other}'s values into this state (same shapes). */
    default void copyFrom(CarriedState other) {
        List<float[]> mine = tensors(), theirs = other.tensors();
        if (mine.size() != theirs.size()) {
            throw new IllegalArgumentException("states of different layouts: " + mine.size() + " vs "
                    + theirs.size() + " tensors");
        }
        for (int k = 0; k < mine.size(); k++) {
            copyTensor(k, theirs.get(k), mine.get(k));
        }
    }

    /**
     * Copies state tensor {@code k} from {@code src} to {@code dst} of the same length: the step of
     * {@link #copyFrom} that records with a field-by-field {@code copyFrom} (no list per call, for states copied
     * every step) share.
     */
    static void copyTensor(int k, float[] src, float[] dst) {
        if (src.length != dst.length) {
            throw new IllegalArgumentException("state tensor " + k + " has " + src.length + " values, expected "
                    + dst.length);
        }
        System.arraycopy(src, 0, dst, 0, dst.length);
    }

    /** Sets every value to zero (a fresh start). */
    default void zero() {
        for (float[] t : tensors()) {
            Arrays.fill(t, 0f);
        }
    }

    /** True when both states hold the same bits in every tensor. */
    default boolean bitwiseEquals(CarriedState other) {
        List<float[]> mine = tensors(), theirs = other.tensors();
        if (mine.size() != theirs.size()) {
            return false;
        }
        for (int k = 0; k < mine.size(); k++) {
            if (!Arrays.equals(mine.get(k), theirs.get(k))) {
                return false;
            }
        }
        return true;
    }
}
