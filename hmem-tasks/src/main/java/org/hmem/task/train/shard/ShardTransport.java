package org.hmem.task.train.shard;

import java.io.PrintStream;
import java.util.List;

/**
 * Carries a stage to the executors and their results back: the only part of distributed training that knows the
 * cluster framework. Implementations return the results in shard order, whatever order they finish in, and
 * retry or fail a stage as a whole.
 */
public interface ShardTransport extends AutoCloseable {

    /** Runs shards 0 … {@code stage.shards() - 1} of {@code stage}; their results in shard order. */
    List<ShardResult> run(ShardStage stage);

    /** Shards per batch when the user does not say: the cluster's cores for tasks. */
    int defaultShards();

    /** The cluster in a few words, e.g. "Spark local[2]". */
    String describe();

    @Override
    void close();

    /** Opens a transport to a cluster; found with {@link java.util.ServiceLoader} (hmem-spark provides one). */
    interface Provider {

        /** Connects to {@code master} (e.g. {@code local[4]} or {@code spark://host:7077}). */
        ShardTransport open(String master, PrintStream out);
    }
}
