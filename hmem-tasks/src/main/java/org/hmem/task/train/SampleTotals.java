package org.hmem.task.train;

import java.io.Serializable;

/**
 * What a pass over a run of consecutive samples adds up: the sum of their losses, the sums of each metric, and,
 * when the pass did not already use the regulariser's gradient, their {@link RateCounts} (null otherwise).
 */
public record SampleTotals(double lossSum, double[] metricSums, RateCounts counts) implements Serializable {

    private static final long serialVersionUID = 1L;
}
