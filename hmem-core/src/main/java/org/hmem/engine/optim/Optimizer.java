package org.hmem.engine.optim;

import java.util.List;
import java.util.Map;

import org.hmem.engine.tensor.Tensor;

/**
 * Updates parameters from their gradients. Lifecycle per iteration: gradients are accumulated into
 * {@code Parameter.grad()}, optionally clipped, then {@link #step()} applies them; zeroing is the caller's job.
 */
public interface Optimizer {

    void step();

    double learningRate();

    void setLearningRate(double lr);

    /** Optimiser state as named tensors (for checkpoints). */
    Map<String, Tensor> stateDict();

    /** Restores {@link #stateDict()} output; rejects missing or unexpected entries. */
    void loadStateDict(Map<String, Tensor> state);

    /** Names of the parameters this optimiser updates. */
    List<String> parameterNames();
}
