package org.hmem.task.train;

/**
 * Outcome of one pass over a batch.
 *
 * @param loss mean task loss over the batch
 * @param regLoss unscaled activity regulariser (sum over terms; 0 for non-spiking models)
 * @param metricSums per metric of the objective, the sum of its sample values
 * @param batch number of samples
 */
public record StepResult(double loss, double regLoss, double[] metricSums, int batch) {

    /** Mean of metric k over the batch. */
    public double metric(int k) {
        return batch == 0 ? 0 : metricSums[k] / batch;
    }
}
