package org.hmem.spark;

import java.io.Serializable;

import org.hmem.task.train.shard.ShardStage;

/**
 * Test hook for fault tolerance: the first attempt of one shard of one training stage throws, so Spark must retry
 * it. Set with the Spark setting {@code spark.hmem.test.failOnce=STEP:SHARD}.
 */
record FailOnce(long step, int shard) implements Serializable {

    static final String SETTING = "spark.hmem.test.failOnce";

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

    boolean matches(ShardStage stage, int k) {
        return stage.step() == step && k == shard && stage.phase() == ShardStage.Phase.TRAIN;
    }
}
