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

    /**
     * Drops this JVM's copies of a finished run. A cluster's executors end with the application; in local mode the
     * driver's JVM is the executor, and a process that trains several runs (bAbI's 20 tasks) would keep them all.
     */
    public static void release(String recipeKey) {
        POOLS.remove(recipeKey);
    }

    /** How many copies of the run this JVM holds (idle ones; a copy at work is out of its pool). */
    public static int copies(String recipeKey) {
        ConcurrentLinkedDeque<ShardWork<?, ?>> pool = POOLS.get(recipeKey);
        return pool == null ? 0 : pool.size();
    }

    /** "pid/host" of this JVM, as results name their executor. */
    public static String name() {
        return NAME;
    }
}
