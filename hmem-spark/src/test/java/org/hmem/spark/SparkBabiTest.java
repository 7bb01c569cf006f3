package org.hmem.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hmem.engine.nn.Parameter;
import org.hmem.engine.optim.Adam;
import org.hmem.engine.optim.GradientClipping;
import org.hmem.task.babi.BabiFlags;
import org.hmem.task.babi.BabiTask;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.train.BatchRef;
import org.hmem.task.train.StepResult;
import org.hmem.task.train.StepRunner;
import org.hmem.task.train.TrainingFlags;
import org.hmem.task.train.shard.RunRecipe;
import org.hmem.task.train.shard.ShardWork;
import org.hmem.task.train.shard.ShardedSteps;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * bAbI task 1 on Spark {@code local[2]}: the executors build the run from its recipe and read the data from
 * {@code --dir} themselves; three training steps (regulariser on) and a validation pass equal two threads of one
 * process to the bit.
 */
class SparkBabiTest {

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
        for (int i = 0; i < 3; i++) {
            StepResult r = steps.train(BatchRef.train(1, i), 1e-5);
            GradientClipping.clip(params, 40);
            adam.step();
            seen.add(r.loss());
            seen.add(r.regLoss());
        }
        seen.add(steps.evaluate(BatchRef.of(BatchRef.Split.VALIDATION, 0)).loss());
        for (Parameter p : params) {
            seen.add(p.data().clone());
        }
        return seen;
    }

    @Test
    void twoShardsOnSparkEqualTwoThreads() {
        FlagValues v = BabiFlags.TRAIN.defaults().with(BabiFlags.DIR, data().toString())
                .with(TrainingFlags.BATCH_SIZE, 8);
        RunRecipe recipe = BabiTask.recipe(v, 1);
        ShardWork<?, ?> local = recipe.build(2);
        local.initialize(4);
        List<Object> expected = train(local.localSteps());
        ShardWork<?, ?> driver = recipe.build(1);
        driver.initialize(4);
        List<Object> actual;
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (ShardedSteps<?> steps = driver.driverOf(recipe, SparkTransport.connect("local[2]", quiet), 2)) {
            actual = train(steps);
            assertTrue(steps.placement().startsWith("2 shards on 1 executor"), steps.placement());
        }
        assertTrue((double) expected.get(1) > 0, "the regulariser is on");
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i) instanceof float[] e) {
                assertArrayEquals(e, (float[]) actual.get(i), "parameter " + (i - 7));
            } else {
                assertEquals(expected.get(i), actual.get(i), "loss, regulariser or validation loss " + i);
            }
        }
    }
}
