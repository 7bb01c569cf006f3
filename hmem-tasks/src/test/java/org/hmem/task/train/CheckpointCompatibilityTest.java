package org.hmem.task.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.hmem.engine.golden.GoldenFiles;
import org.hmem.task.associations.AssociationsOptions;
import org.hmem.task.associations.AssociationsTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints stay loadable forever: {@code checkpoint-v0.1.0-associations.safetensors} was written by hmem 0.1.0
 * (d1c7a79) with {@code hmem associations --sequence_length 2 --num_classes 3 --feature_size 4 --memory_size 20
 * --num_time_steps 40 --batch_size 8 --train_size 32 --val_size 8 --test_size 64 --epochs 2 --seed 5 --threads 1},
 * which printed {@code * Test: Acc 37.500% Loss 1.1412}. Every later version must read its metadata and evaluate it
 * to the same numbers.
 */
class CheckpointCompatibilityTest {

    static final Path FIXTURE = GoldenFiles.repoRoot().resolve(
            "hmem-tasks/src/test/resources/org/hmem/task/train/checkpoint-v0.1.0-associations.safetensors");

    @Test
    void checkpointOfVersion010StillLoadsAndEvaluatesToItsNumbers(@TempDir Path dir) {
        RunCheckpoint.Loaded ckpt = RunCheckpoint.load(FIXTURE);
        assertEquals("memorizing_associations", ckpt.task());
        assertEquals(2, ckpt.state().nextEpoch());
        assertEquals("Acc", ckpt.state().bestMetric());
        assertEquals(62.5, ckpt.state().bestValue());

        AssociationsOptions o = new AssociationsOptions();
        o.sequenceLength = 2;
        o.numClasses = 3;
        o.featureSize = 4;
        o.common.memorySize = 20;
        o.numTimeSteps = 40;
        o.trainSize = 32;
        o.valSize = 8;
        o.testSize = 64;
        o.common.threads = 1;
        o.common.evaluate = true;
        o.common.resume = FIXTURE.toString();
        o.common.checkpointDir = dir.toString();
        SupervisedRun.Result r = AssociationsTask.run(o,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(37.5, r.testAccuracy());
        assertEquals(1.1412, r.testLoss(), 5e-5);
    }
}
