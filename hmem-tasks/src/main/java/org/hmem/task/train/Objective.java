package org.hmem.task.train;

import java.util.List;

/**
 * What a supervised task optimises and reports: the loss of one sample's output against its target (the batch loss
 * is the mean over samples), the task's metrics, and which of them decides the best checkpoint. The activity
 * regulariser is not part of it (see {@link ActivityRegularization}). Implementations are stateless and shared by
 * all workers.
 *
 * @param <D> the batch type, which holds the targets
 */
public interface Objective<D> {

    /** The metrics besides the loss, in the order {@link #sample} adds them. */
    List<Metric> metrics();

    /** The metric ranking checkpoints: {@link Metric#LOSS} or one of {@link #metrics()}. */
    Metric best();

    /**
     * Loss of sample {@code b} and its metric values.
     *
     * @param output the model's output for the sample. Not modified.
     * @param gradScale factor of {@code dLoss/doutput} (the batch mean's {@code 1 / batch}, times any loss scale)
     * @param gOutput receives {@code gradScale * dLoss/doutput}; null in evaluation (forward-only) passes. Modified.
     * @param metricSums adds the sample's value of each metric; {@link Metric#evaluationOnly} ones only in
     *     evaluation passes. Modified.
     */
    double sample(D data, int b, float[] output, float gradScale, float[] gOutput, double[] metricSums);
}
