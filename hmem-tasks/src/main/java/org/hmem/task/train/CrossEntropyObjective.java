package org.hmem.task.train;

import java.util.List;

import org.hmem.engine.loss.CrossEntropy;

/**
 * Classification (spec §7.2): softmax cross-entropy of the logits against the target class, top-1 accuracy in
 * percent; the best checkpoint has the highest validation accuracy.
 */
public final class CrossEntropyObjective<D> implements Objective<D> {

    /** The target class of a sample. */
    @FunctionalInterface
    public interface Target<D> {
        int of(D data, int b);
    }

    private final int classes;
    private final Target<D> target;

    public CrossEntropyObjective(int classes, Target<D> target) {
        this.classes = classes;
        this.target = target;
    }

    @Override
    public List<Metric> metrics() {
        return List.of(Metric.ACCURACY);
    }

    @Override
    public Metric best() {
        return Metric.ACCURACY;
    }

    @Override
    public double sample(D data, int b, float[] output, float gradScale, float[] gOutput, double[] metricSums) {
        int t = target.of(data, b);
        double loss = CrossEntropy.lossAndGradient(output, 0, classes, t, gradScale, gOutput, 0);
        if (CrossEntropy.argmax(output, 0, classes) == t) {
            metricSums[0] += 100.0;
        }
        return loss;
    }
}
