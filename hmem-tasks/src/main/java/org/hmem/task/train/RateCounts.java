package org.hmem.task.train;

import java.io.Serializable;
import java.util.List;

/**
 * What the activity regulariser needs of a run of consecutive samples: per population k of the model's
 * {@link ActivityTerm}s, the spike counts {@code counts[k][s * n_k + i]} summed over time and the rate normaliser
 * {@code weights[k][s]} of each sample s. Shards send theirs to whoever combines the batch.
 */
public record RateCounts(float[][] counts, double[][] weights) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The counts of consecutive runs of samples as those of one run, in list order. */
    public static RateCounts concat(List<RateCounts> parts) {
        RateCounts first = parts.get(0);
        int terms = first.counts.length;
        float[][] counts = new float[terms][];
        double[][] weights = new double[terms][];
        for (int k = 0; k < terms; k++) {
            int c = 0;
            int w = 0;
            for (RateCounts p : parts) {
                c += p.counts[k].length;
                w += p.weights[k].length;
            }
            counts[k] = new float[c];
            weights[k] = new double[w];
            c = 0;
            w = 0;
            for (RateCounts p : parts) {
                System.arraycopy(p.counts[k], 0, counts[k], c, p.counts[k].length);
                System.arraycopy(p.weights[k], 0, weights[k], w, p.weights[k].length);
                c += p.counts[k].length;
                w += p.weights[k].length;
            }
        }
        return new RateCounts(counts, weights);
    }
}
