package org.hmem.task.train;

import java.util.List;

import org.hmem.engine.nn.Parameter;

/**
 * Runs the passes of a run's batches, in this process ({@link LocalSteps}) or spread over a cluster: what the
 * {@link Trainer} needs of the model besides its parameters.
 */
public interface StepRunner extends AutoCloseable {

    /**
     * Sets the parameters' {@code grad} to the gradient of the batch's mean loss plus {@code regScale} times the
     * activity regulariser (0: off, one pass suffices).
     */
    StepResult train(BatchRef batch, double regScale);

    /** Forward only: loss, metrics and the (unscaled) regulariser. */
    StepResult evaluate(BatchRef batch);

    /** The model's parameters, which the optimiser updates. */
    List<Parameter> parameters();

    Objective<?> objective();

    /** False for models without spiking populations (no activity regulariser). */
    boolean spiking();

    /** Where the samples ran, for progress lines and checkpoints: empty in this process. */
    default String placement() {
        return "";
    }

    @Override
    default void close() {
    }
}
