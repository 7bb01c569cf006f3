package org.hmem.task.train.shard;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The executor side: computes a shard of a stage on a {@link ShardWork} of this JVM. Works are built once per
 * recipe and JVM and kept for later stages (building a model and loading data per task would dwarf the step); each
 * concurrent task of the JVM takes its own copy, so an executor with several cores builds one per core.
 */
public final class ShardExecutor {

    private static final Map<String, ConcurrentLinkedDeque<ShardWork<?, ?>>> POOLS = new ConcurrentHashMap<>();
    private static final String NAME = ManagementFactory.getRuntimeMXBean().getName().replace('@', '/');

    private ShardExecutor() {
    }

    /** Shard {@code k} of {@code stage}, computed in this JVM. */
    public static ShardResult compute(ShardStage stage, int k) {
        ConcurrentLinkedDeque<ShardWork<?, ?>> pool = POOLS.computeIfAbsent(stage.recipe().key(),
                key -> new ConcurrentLinkedDeque<>());
        ShardWork<?, ?> work = pool.pollFirst();
        if (work == null) {
            work = stage.recipe().build(1);
        }
        try {
            return work.compute(stage, k, NAME);
        } finally {
            pool.addFirst(work);
        }
    }

    /** Drops the works of every run (tests and drivers that finished a run). */
    public static void clear() {
        POOLS.clear();
    }

    /** "pid/host" of this JVM, as results name their executor. */
    public static String name() {
        return NAME;
    }
}
