package org.hmem.task.train;

import java.util.List;

import org.hmem.engine.loss.MeanSquaredError;

/**
 * Regression (spec §7.2, cross-modal task): mean squared error over the output's elements against a target vector;
 * no further metric, the best checkpoint has the lowest validation loss.
 */
public final class MeanSquaredErrorObjective<D> implements Objective<D> {

    /** Where the target vector of a sample is: {@code values(data)[offset(data, b) ..]}. */
    public interface Target<D> {
        float[] values(D data);

        int offset(D data, int b);
    }

    private final int size;
    private final Target<D> target;

    public MeanSquaredErrorObjective(int size, Target<D> target) {
        this.size = size;
        this.target = target;
    }

    @Override
    public List<Metric> metrics() {
        return List.of();
    }

    @Override
    public Metric best() {
        return Metric.LOSS;
    }

    @Override
    public double sample(D data, int b, float[] output, float gradScale, float[] gOutput, double[] metricSums) {
        double loss = MeanSquaredError.lossAndGradient(output, 0, target.values(data), target.offset(data, b), size,
                size, gOutput, 0);
        if (gOutput != null) {
            for (int i = 0; i < size; i++) {
                gOutput[i] *= gradScale;
            }
        }
        return loss;
    }
}
