package org.hmem.task.train;

import java.util.List;

import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Module;

/**
 * A classification model whose samples are independent, run one sample at a time by a worker that owns a
 * workspace {@code W} (the sample's activations and scratch buffers, reused from sample to sample).
 *
 * <p>The only coupling across a batch is the activity regulariser, whose gradient needs the batch-mean firing rate
 * of each term; {@link SupervisedStep} handles that. Non-spiking models return no terms.
 *
 * @param <D> the batch type
 * @param <W> the per-worker workspace type
 */
public interface SupervisedModel<D, W> extends Module {

    W newWorkspace();

    int batchSize(D data);

    int numClasses();

    /** Runs sample {@code b} forward, leaving its logits and what backward needs in {@code ws}. */
    void forward(D data, int b, W ws);

    /** Logits of the last forward in {@code ws}, at offset 0. */
    float[] logits(W ws);

    /** Target class of sample b. */
    int target(D data, int b);

    /** Populations entering the activity regulariser; empty for non-spiking models. */
    List<ActivityTerm> activityTerms();

    /** Spike counts (summed over time) per neuron of term {@code term} of the sample in ws, into out[off..). */
    void spikeCounts(W ws, int term, float[] out, int off);

    /** The rate normaliser {@code w_b} of term {@code term} for sample b: 1e-3 x the steps of its period. */
    double activityWeight(D data, int b, int term);

    /**
     * Backward of sample b after its forward.
     *
     * @param gLogits {@code dL/dlogits} of this sample. Not modified.
     * @param activityGrad per term, the gradient every spike of that term receives (the same at every step), or
     *                     null when the regulariser is off. Not modified.
     */
    void backward(D data, int b, W ws, float[] gLogits, float[][] activityGrad, Gradients grads);
}
