package org.hmem.task.train;

/**
 * The firing-rate regulariser as a term of the training loss (spec §7.3): {@code l2 * sum over the model's
 * {@link ActivityTerm}s of mean_n (rbar_n - targetRate)^2}, added from epoch {@code fromEpoch} on (1 for most tasks,
 * 0 for cross-modal).
 */
public record ActivityRegularization(double l2, double targetRate, int fromEpoch) {

    /** No regulariser (non-spiking models). */
    public static final ActivityRegularization NONE = new ActivityRegularization(0, 0, 0);

    /** The weight of the term in {@code epoch}: l2 from {@code fromEpoch} on, 0 before. */
    public double weightAt(int epoch) {
        return epoch >= fromEpoch ? l2 : 0;
    }
}
