package org.hmem.spark;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

import org.hmem.task.train.shard.ShardStage;

/**
 * Test hook for fault tolerance: the first attempt of one shard of one training stage throws, so Spark must retry
 * it. Set with the Spark setting {@code spark.hmem.test.failOnce=STEP:SHARD}.
 */
record FailOnce(long step, int shard) implements Serializable {

    static final String SETTING = "spark.hmem.test.failOnce";
    private static final AtomicInteger INJECTED = new AtomicInteger();

    /** Failures thrown in this JVM so far. */
    static int injected() {
        return INJECTED.get();
    }

    /** Throws when {@code attempt} is the first of the chosen shard's training stage. */
    void maybeFail(ShardStage stage, int k, int attempt) {
        if (stage.step() == step && k == shard && stage.phase() == ShardStage.Phase.TRAIN && attempt == 0) {
            INJECTED.incrementAndGet();
            throw new IllegalStateException("injected failure of shard " + k + " in step " + step
                    + " (first attempt)");
        }
    }

    static FailOnce parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String[] parts = text.split(":");
        try {
            return new FailOnce(Long.parseLong(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(SETTING + " is STEP:SHARD, got '" + text + "'");
        }
    }
}
