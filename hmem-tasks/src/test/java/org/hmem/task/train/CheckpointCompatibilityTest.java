package org.hmem.task.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.hmem.engine.golden.GoldenFiles;
import org.hmem.task.associations.AssociationsFlags;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.associations.AssociationsTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints stay loadable forever: {@code checkpoint-v0.1.0-associations.safetensors} was written by hmem 0.1.0
 * (d1c7a79) with {@code hmem associations --sequence_length 2 --num_classes 3 --feature_size 4 --memory_size 20
 * --num_time_steps 40 --batch_size 8 --train_size 32 --val_size 8 --test_size 64 --epochs 2 --seed 5 --threads 1},
 * which printed {@code * Test: Acc 37.500% Loss 1.1412}. Every later version must read its metadata and evaluate it
 * to the same numbers, taking the model from the checkpoint.
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

        FlagValues o = AssociationsFlags.TRAIN.defaults();
        // no model flag given: the checkpoint defines the model; the test set size is this run's own
        o = o.with(AssociationsFlags.TEST_SIZE, 64);
        o = o.with(TrainingFlags.THREADS, 1);
        o = o.with(TrainingFlags.EVALUATE, true);
        o = o.with(TrainingFlags.RESUME, FIXTURE.toString());
        o = o.with(TrainingFlags.CHECKPOINT_DIR, dir.toString());
        SupervisedRun.Result r = AssociationsTask.run(o,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(37.5, r.testAccuracy());
        assertEquals(1.1412, r.testLoss(), 5e-5);
    }
}
