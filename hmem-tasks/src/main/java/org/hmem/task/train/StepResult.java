package org.hmem.task.train;

/**
 * Outcome of one pass over a batch.
 *
 * @param loss mean cross-entropy over the batch
 * @param regLoss unscaled activity regulariser (sum over terms; 0 for non-spiking models)
 * @param correct number of samples whose top-1 prediction equals the target
 * @param batch number of samples
 */
public record StepResult(double loss, double regLoss, int correct, int batch) {

    /** Top-1 accuracy in percent. */
    public double accuracy() {
        return batch == 0 ? 0 : 100.0 * correct / batch;
    }
}
