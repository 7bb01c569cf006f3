/**
 * Synchronous data-parallel training over shards of each batch (spec §11): the driver's {@link
 * org.hmem.task.train.shard.ShardedSteps} splits every batch into consecutive shards, a {@link
 * org.hmem.task.train.shard.ShardTransport} runs them on executors (Apache Spark in the hmem-spark module), each
 * executor computes its shard with the engine on a model it built once from the run's {@link
 * org.hmem.task.train.shard.RunRecipe}, and the driver adds the shards' gradients in shard order. Nothing here knows
 * a cluster framework.
 */
package org.hmem.task.train.shard;
