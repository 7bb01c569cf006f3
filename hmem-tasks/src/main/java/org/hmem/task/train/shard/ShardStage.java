package org.hmem.task.train.shard;

import java.io.Serializable;

import org.hmem.task.train.BatchRef;

/**
 * One round of work for every shard of a batch: what the driver sends (once per stage; all shards share it).
 *
 * @param step the driver's pass counter, which names the stage in logs and failure injection
 * @param parameters every parameter's values, in the model's parameter order
 * @param phase counting pass, training pass or evaluation pass
 * @param batchSize samples in the whole batch (losses are means over it)
 * @param coef the regulariser's coefficients for the training pass (null: none)
 */
public record ShardStage(RunRecipe recipe, long step, float[][] parameters, Phase phase, BatchRef batch,
                         int batchSize, int shards, double[][] coef) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What a shard computes. */
    public enum Phase {
        /** Forward only, spike counts (the regulariser's first pass). */
        COUNT,
        /** Forward and backward: gradients, loss, metrics. */
        TRAIN,
        /** Forward only: loss, metrics, counts. */
        EVALUATE
    }

    /** First sample of shard {@code k}: shards are consecutive and as equal as the batch allows. */
    public int from(int k) {
        return (int) ((long) batchSize * k / shards);
    }

    /** One past the last sample of shard {@code k}. */
    public int to(int k) {
        return from(k + 1);
    }
}
