package org.hmem.task.train;

import java.util.List;

import org.hmem.engine.loss.ActivityRegularizer;

/**
 * One pass over a batch whose samples run in consecutive shards (spec §7.1, §7.3): the task loss is the mean over
 * all samples; the activity regulariser needs the batch-mean firing rate of each population, so when its gradient is
 * wanted a counting pass over every shard comes first and its coefficients go to the gradient pass. The same code
 * serves one process (one shard) and a cluster (many), so both give the same numbers.
 */
public final class BatchPass {

    /** The samples of one batch, split into consecutive shards that run somewhere. */
    public interface Shards {

        /** Forward of every shard's samples: their rate counts, in shard order. */
        List<RateCounts> count();

        /**
         * Forward (and with {@code backward} backward) of every shard's samples, adding the regulariser's spike
         * gradient given by {@code coef} (null: none, and each shard returns its counts instead). With
         * {@code backward} the parameters' {@code grad} holds the shards' gradients added in shard order.
         */
        List<SampleTotals> run(double[][] coef, boolean backward);
    }

    private BatchPass() {
    }

    /**
     * Loss, regulariser and metrics of the batch; with {@code backward} the gradient of {@code loss + regScale * reg}
     * in the parameters' {@code grad}.
     *
     * @param neurons the size of each of the model's {@link ActivityTerm}s (empty for non-spiking models)
     */
    public static StepResult run(Shards shards, int batch, int[] neurons, int metrics, double targetRate,
                                 double regScale, boolean backward) {
        boolean regGradient = backward && regScale != 0 && neurons.length > 0;
        double regLoss = 0;
        double[][] coef = null;
        if (regGradient) {
            RateCounts c = RateCounts.concat(shards.count());
            coef = new double[neurons.length][];
            for (int k = 0; k < neurons.length; k++) {
                int n = neurons[k];
                double[] mean = new double[n];
                regLoss += ActivityRegularizer.loss(c.counts()[k], c.weights()[k], batch, n, targetRate, mean);
                coef[k] = new double[n];
                ActivityRegularizer.coefficients(mean, batch, n, targetRate, regScale, coef[k]);
            }
        }
        List<SampleTotals> parts = shards.run(coef, backward);
        double loss = 0;
        double[] metricSums = new double[metrics];
        for (SampleTotals p : parts) {
            loss += p.lossSum();
            for (int m = 0; m < metrics; m++) {
                metricSums[m] += p.metricSums()[m];
            }
        }
        if (!regGradient && neurons.length > 0) {
            RateCounts c = RateCounts.concat(parts.stream().map(SampleTotals::counts).toList());
            for (int k = 0; k < neurons.length; k++) {
                int n = neurons[k];
                regLoss += ActivityRegularizer.loss(c.counts()[k], c.weights()[k], batch, n, targetRate,
                        new double[n]);
            }
        }
        return new StepResult(loss / batch, regLoss, metricSums, batch);
    }
}
