package org.hmem.task.crossmodal;

import java.util.List;

import org.hmem.task.train.MeanSquaredErrorObjective;
import org.hmem.task.train.Metric;
import org.hmem.task.train.Objective;

/**
 * What the cross-modal task optimises (spec §8.5): the mean squared error between the reconstruction and the target
 * image; the best checkpoint has the lowest validation loss. With a {@link Recognisability}, validation and test also
 * report the share of reconstructions a pretrained classifier recognises as the target's digit.
 */
public final class CrossModalObjective implements Objective<CrossModalBatch> {

    /** Reconstructions recognised as the target's digit, in percent (validation and test only: it is costly). */
    public static final Metric RECOGNISED = new Metric("Recognised", "recognised", "%", true, true);

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

    private final Recognisability recognisability;

    /** The MSE alone. */
    public CrossModalObjective() {
        this(null);
    }

    /** The MSE and, when {@code recognisability} is not null, the share of recognised reconstructions. */
    public CrossModalObjective(Recognisability recognisability) {
        this.recognisability = recognisability;
    }

    @Override
    public List<Metric> metrics() {
        return recognisability == null ? mse.metrics() : List.of(RECOGNISED);
    }

    @Override
    public Metric best() {
        return mse.best();
    }

    @Override
    public double sample(CrossModalBatch data, int b, float[] output, float gradScale, float[] gOutput,
                         double[] metricSums) {
        double loss = mse.sample(data, b, output, gradScale, gOutput, metricSums);
        if (recognisability != null && gOutput == null && data.episodes() != null) {
            int digit = data.episodes().imageClasses()[b * data.pairs() + data.episodes().targetPosition()[b]];
            if (recognisability.classify(output) == digit) {
                metricSums[0] += 100.0;
            }
        }
        return loss;
    }
}
