package org.hmem.task.train.shard;

import java.io.Serializable;

/**
 * How an executor builds a run's model, objective and data: a small serialisable description (the task and its
 * resolved flags) sent to every executor, which builds its {@link ShardWork} once and keeps it for the run.
 */
public interface RunRecipe extends Serializable {

    /** Identifies the built work: executors reuse what they built for an equal key. */
    String key();

    /**
     * Builds the model (parameters are overwritten by every stage), the objective and the run's data, with
     * {@code threads} worker threads per shard (executors use one: Spark gives each task one core).
     */
    ShardWork<?, ?> build(int threads);
}
