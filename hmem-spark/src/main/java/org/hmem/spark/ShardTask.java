package org.hmem.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.hmem.task.train.shard.ShardExecutor;
import org.hmem.task.train.shard.ShardResult;
import org.hmem.task.train.shard.ShardStage;

/**
 * The Spark task of one shard: computes it on the executor's cached copy of the run. The stage comes either in the
 * closure (serialised once per Spark stage as its task binary) or as a broadcast variable.
 */
final class ShardTask implements Function<Integer, ShardResult> {

    private static final long serialVersionUID = 1L;

    private final ShardStage stage;
    private final Broadcast<ShardStage> broadcast;
    private final FailOnce failOnce;

    ShardTask(ShardStage stage, Broadcast<ShardStage> broadcast, FailOnce failOnce) {
        this.stage = stage;
        this.broadcast = broadcast;
        this.failOnce = failOnce;
    }

    @Override
    public ShardResult call(Integer shard) {
        ShardStage s = broadcast != null ? broadcast.value() : stage;
        if (failOnce != null) {
            failOnce.maybeFail(s, shard, TaskContext.get().attemptNumber());
        }
        return ShardExecutor.compute(s, shard);
    }
}
