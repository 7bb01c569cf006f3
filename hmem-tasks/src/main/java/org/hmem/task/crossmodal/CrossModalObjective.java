package org.hmem.task.crossmodal;

import java.util.List;

import org.hmem.task.train.MeanSquaredErrorObjective;
import org.hmem.task.train.Metric;
import org.hmem.task.train.Objective;

/**
 * What the cross-modal task optimises (spec §8.5): the mean squared error between the reconstruction and the target
 * image; the best checkpoint has the lowest validation loss.
 */
public final class CrossModalObjective implements Objective<CrossModalBatch> {

    private static final int PIXELS = CrossModalModelConfig.IMAGE_PIXELS;

    private final MeanSquaredErrorObjective<CrossModalBatch> mse = new MeanSquaredErrorObjective<>(PIXELS,
            new MeanSquaredErrorObjective.Target<>() {
                @Override
                public float[] values(CrossModalBatch d) {
                    return d.target();
                }

                @Override
                public int offset(CrossModalBatch d, int b) {
                    return b * PIXELS;
                }
            });

    @Override
    public List<Metric> metrics() {
        return mse.metrics();
    }

    @Override
    public Metric best() {
        return mse.best();
    }

    @Override
    public double sample(CrossModalBatch data, int b, float[] output, float gradScale, float[] gOutput,
                         double[] metricSums) {
        return mse.sample(data, b, output, gradScale, gOutput, metricSums);
    }
}
