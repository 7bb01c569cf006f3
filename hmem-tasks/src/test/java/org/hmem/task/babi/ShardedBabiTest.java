package org.hmem.task.babi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hmem.engine.nn.Parameter;
import org.hmem.engine.optim.Adam;
import org.hmem.engine.optim.GradientClipping;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.train.BatchRef;
import org.hmem.task.train.StepResult;
import org.hmem.task.train.StepRunner;
import org.hmem.task.train.TrainingFlags;
import org.hmem.task.train.shard.RunRecipe;
import org.hmem.task.train.shard.SerializingTransport;
import org.hmem.task.train.shard.ShardWork;
import org.hmem.task.train.shard.ShardedSteps;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * bAbI task 1 trained in two serialised shards (executors reading the data from --dir) equals two worker threads
 * of one process to the bit: two steps with the activity regulariser's counting pass, clipping and Adam.
 */
class ShardedBabiTest {

    private static Path data() {
        String root = System.getProperty("hmem.repoRoot");
        Assumptions.assumeTrue(root != null, "hmem.repoRoot not set");
        Path dir = Path.of(root).resolve("../shared/data/babi").normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("tasks_1-20_v1-2/en-10k")), "no bAbI data at " + dir);
        return dir;
    }

    private static List<Object> train(StepRunner steps) {
        List<Parameter> params = steps.parameters();
        Adam adam = new Adam(params, 1e-3);
        List<Object> seen = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            StepResult r = steps.train(BatchRef.train(1, i), 1e-5);
            GradientClipping.clip(params, 40);
            adam.step();
            seen.add(r.loss());
            seen.add(r.regLoss());
        }
        for (Parameter p : params) {
            seen.add(p.data().clone());
        }
        return seen;
    }

    @Test
    void twoShardsEqualTwoThreads() {
        FlagValues v = BabiFlags.TRAIN.defaults().with(BabiFlags.DIR, data().toString())
                .with(TrainingFlags.BATCH_SIZE, 6);
        RunRecipe recipe = BabiTask.recipe(v, 1);
        ShardWork<?, ?> local = recipe.build(2);
        local.initialize(4);
        List<Object> expected = train(local.localSteps());
        ShardWork<?, ?> driver = recipe.build(1);
        driver.initialize(4);
        List<Object> actual;
        try (ShardedSteps<?> steps = sharded(driver, recipe)) {
            actual = train(steps);
        }
        assertTrue((double) expected.get(1) > 0, "the regulariser is on");
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i) instanceof float[] e) {
                assertArrayEquals(e, (float[]) actual.get(i), "parameter " + (i - 4));
            } else {
                assertEquals(expected.get(i), actual.get(i), "loss or regulariser " + i);
            }
        }
    }

    private static <D> ShardedSteps<D> sharded(ShardWork<D, ?> driver, RunRecipe recipe) {
        return new ShardedSteps<>(driver.step().model(), driver.step().objective(), driver.step().targetRate(), driver.data(), recipe,
                new SerializingTransport(), 2);
    }
}
