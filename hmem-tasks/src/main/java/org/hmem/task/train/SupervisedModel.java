package org.hmem.task.train;

import java.util.List;

import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Module;
import org.hmem.engine.parallel.BatchParallel;

/**
 * A model whose samples are independent, run one sample at a time by a worker that owns a workspace {@code W} (the
 * sample's tapes and scratch, reused from sample to sample). Its output is whatever the task's {@link Objective}
 * scores: logits, an image.
 *
 * <p>Order of calls per sample: {@link #forward}; the training step adds the activity regulariser's gradient to the
 * spike trains of {@link #activityTerms()}; {@link #backward} with the objective's gradient of the output. Models
 * whose samples share a batch-level computation (a batch-norm CNN over all samples' images) do it in
 * {@link #forwardBatch} before the samples and {@link #backwardBatch} after them.
 *
 * @param <D> the batch type
 * @param <W> the per-worker workspace type
 */
public interface SupervisedModel<D, W> extends Module {

    W newWorkspace();

    int batchSize(D data);

    /** Floats of one sample's output. */
    int outputSize();

    /**
     * Batch-level forward before the samples' forward passes; {@code training} is false for validation and test.
     * By default there is none.
     */
    default void forwardBatch(D data, boolean training, BatchParallel parallel) {
    }

    /**
     * Batch-level backward after every sample's {@link #backward}, adding its gradients into {@code grads}. By
     * default there is none.
     */
    default void backwardBatch(D data, Gradients grads, BatchParallel parallel) {
    }

    /** Runs sample {@code b} forward, leaving its output and what backward needs in {@code ws}. */
    void forward(D data, int b, W ws);

    /** Output of the last forward in {@code ws}, at offset 0. */
    float[] output(W ws);

    /** Populations entering the activity regulariser; empty for non-spiking models. */
    default List<ActivityTerm<D, W>> activityTerms() {
        return List.of();
    }

    /**
     * Backward of sample b after its forward.
     *
     * @param gOutput {@code dL/doutput} of this sample. Not modified.
     */
    void backward(D data, int b, W ws, float[] gOutput, Gradients grads);
}
