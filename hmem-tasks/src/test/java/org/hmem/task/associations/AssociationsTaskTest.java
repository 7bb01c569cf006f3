package org.hmem.task.associations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hmem.engine.io.Safetensors;
import org.hmem.engine.io.SafetensorsFile;
import org.hmem.engine.tensor.Tensor;
import org.hmem.task.flags.UserError;
import org.hmem.task.train.SupervisedRun;
import org.hmem.task.train.TrainingFlags;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.flags.FlagValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssociationsTaskTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    /** A small spiking configuration that runs in about a second per epoch. */
    private static FlagValues tiny(Path dir) {
        FlagValues o = AssociationsFlags.TRAIN.defaults()
                .with(AssociationsFlags.SEQUENCE_LENGTH, 2)
                .with(AssociationsFlags.NUM_CLASSES, 3)
                .with(AssociationsFlags.FEATURE_SIZE, 4)
                .with(MemoryFlags.EMBEDDING_SIZE, 8)
                .with(MemoryFlags.MEMORY_SIZE, 10)
                .with(AssociationsFlags.NUM_TIME_STEPS, 20)
                .with(TrainingFlags.BATCH_SIZE, 16)
                .with(AssociationsFlags.TRAIN_SIZE, 48)
                .with(AssociationsFlags.VAL_SIZE, 16)
                .with(AssociationsFlags.TEST_SIZE, 16)
                .with(TrainingFlags.EPOCHS, 2)
                .with(TrainingFlags.PRINT_FREQ, 0)
                .with(TrainingFlags.SEED, 3L)
                .with(TrainingFlags.THREADS, 2)
                .with(TrainingFlags.CHECKPOINT_DIR, dir.resolve("ck").toString())
                .with(TrainingFlags.RUNS_DIR, dir.resolve("runs").toString());
        return o;
    }

    @Test
    void reluBaselineLearnsFivePairsAlmostPerfectly(@TempDir Path dir) {
        FlagValues o = AssociationsFlags.TRAIN.defaults()
                .with(AssociationsFlags.MODEL_VARIANT, "relu")
                .with(AssociationsFlags.SEQUENCE_LENGTH, 5)
                .with(AssociationsFlags.NUM_CLASSES, 5)
                .with(TrainingFlags.EPOCHS, 6)
                .with(TrainingFlags.BATCH_SIZE, 32)
                .with(AssociationsFlags.TRAIN_SIZE, 2048)
                .with(AssociationsFlags.VAL_SIZE, 256)
                .with(AssociationsFlags.TEST_SIZE, 512)
                .with(TrainingFlags.PRINT_FREQ, 0)
                .with(TrainingFlags.SEED, 1L)
                .with(TrainingFlags.CHECKPOINT_DIR, dir.toString());
        SupervisedRun.Result r = AssociationsTask.run(o, out);
        assertTrue(r.testAccuracy() >= 90, "test accuracy " + r.testAccuracy() + "%, chance is 20%");
    }

    @Test
    void spikingModelLearnsASinglePair(@TempDir Path dir) {
        FlagValues o = tiny(dir)
                .with(AssociationsFlags.SEQUENCE_LENGTH, 1)
                .with(AssociationsFlags.NUM_CLASSES, 2)
                .with(MemoryFlags.EMBEDDING_SIZE, 80)
                .with(MemoryFlags.MEMORY_SIZE, 100)
                .with(AssociationsFlags.FEATURE_SIZE, 10)
                .with(TrainingFlags.BATCH_SIZE, 32)
                .with(AssociationsFlags.TRAIN_SIZE, 512)
                .with(AssociationsFlags.VAL_SIZE, 256)
                .with(AssociationsFlags.TEST_SIZE, 256)
                .with(TrainingFlags.EPOCHS, 3)
                .with(TrainingFlags.SEED, 1L);
        SupervisedRun.Result r = AssociationsTask.run(o, out);
        assertTrue(r.testAccuracy() >= 90, "test accuracy " + r.testAccuracy() + "%, chance is 50%");
    }

    @Test
    void resumingAfterOneEpochEqualsTrainingTwoEpochs(@TempDir Path dir) throws Exception {
        FlagValues straight = tiny(dir.resolve("a"));
        SupervisedRun.Result twoEpochs = AssociationsTask.run(straight, out);

        FlagValues first = tiny(dir.resolve("b"))
                .with(TrainingFlags.EPOCHS, 1);
        SupervisedRun.Result oneEpoch = AssociationsTask.run(first, out);
        FlagValues resumed = tiny(dir.resolve("b"))
                .with(TrainingFlags.RESUME, oneEpoch.lastCheckpoint().toString())
                .with(TrainingFlags.SEED, 999L);
        SupervisedRun.Result continued = AssociationsTask.run(resumed, out);

        assertEquals(2, continued.nextEpoch());
        SafetensorsFile a = Safetensors.read(twoEpochs.lastCheckpoint());
        SafetensorsFile b = Safetensors.read(continued.lastCheckpoint());
        assertEquals(a.tensors().keySet(), b.tensors().keySet());
        for (Map.Entry<String, Tensor> e : a.tensors().entrySet()) {
            assertArrayEquals(e.getValue().data(), b.tensor(e.getKey()).data(), 0f, e.getKey());
        }
        assertEquals(a.metadata().get("best_acc"), b.metadata().get("best_acc"));
        assertEquals(twoEpochs.testAccuracy(), continued.testAccuracy());
    }

    @Test
    void resumeWithOtherModelFlagsIsRefusedNamingEachFlag(@TempDir Path dir) {
        FlagValues o = tiny(dir)
                .with(TrainingFlags.EPOCHS, 1);
        Path ckpt = AssociationsTask.run(o, out).lastCheckpoint();
        FlagValues other = tiny(dir).with(TrainingFlags.RESUME, ckpt.toString()).with(MemoryFlags.MEMORY_SIZE, 12)
                .with(MemoryFlags.THR, 0.2).with(TrainingFlags.EPOCHS, 5); // epochs: ignored by the check
        UserError e = assertThrows(UserError.class, () -> AssociationsTask.run(other, out));
        assertTrue(e.getMessage().contains("--memory_size: checkpoint 10, now 12"), e.getMessage());
        assertTrue(e.getMessage().contains("--thr: checkpoint 0.1, now 0.2"), e.getMessage());
        assertTrue(!e.getMessage().contains("--epochs"), e.getMessage());
        // with the check off the given values win, and the stored tensors still have to fit the model
        FlagValues unchecked = other.with(AssociationsFlags.CHECK_PARAMS, 0);
        UserError shape = assertThrows(UserError.class, () -> AssociationsTask.run(unchecked, out));
        assertTrue(shape.getMessage().contains("writing_layer.W"), shape.getMessage());
    }

    @Test
    void evaluationAtOtherSequenceLengthsIsAllowed(@TempDir Path dir) {
        FlagValues o = tiny(dir)
                .with(TrainingFlags.EPOCHS, 1);
        Path ckpt = AssociationsTask.run(o, out).lastCheckpoint();
        for (int length : new int[] {1, 3}) {
            FlagValues eval = tiny(dir)
                    .with(TrainingFlags.RESUME, ckpt.toString())
                    .with(TrainingFlags.EVALUATE, true)
                    .with(AssociationsFlags.SEQUENCE_LENGTH, length)
                    .with(TrainingFlags.BATCH_SIZE, 8);
            SupervisedRun.Result r = AssociationsTask.run(eval, out);
            assertTrue(r.testAccuracy() >= 0 && r.testAccuracy() <= 100);
        }
        FlagValues bad = tiny(dir)
                .with(TrainingFlags.RESUME, ckpt.toString())
                .with(TrainingFlags.EVALUATE, true)
                .with(AssociationsFlags.SEQUENCE_LENGTH, 4);
        UserError e = assertThrows(UserError.class, () -> AssociationsTask.run(bad, out));
        assertTrue(e.getMessage().contains("must not exceed --num_classes"), e.getMessage());
    }

    @Test
    void checkpointHoldsWeightsOptimizerStateAndRunMetadata(@TempDir Path dir) throws Exception {
        FlagValues o = tiny(dir)
                .with(TrainingFlags.EPOCHS, 1);
        SupervisedRun.Result r = AssociationsTask.run(o, out);
        assertNotNull(r.bestCheckpoint());
        SafetensorsFile f = Safetensors.read(r.lastCheckpoint());
        assertTrue(f.tensors().containsKey("writing_layer.W"));
        assertTrue(f.tensors().containsKey("encoding_layer.encoding"));
        assertTrue(f.tensors().containsKey("optimizer.writing_layer.W.exp_avg_sq"));
        assertEquals("1", f.metadata().get("epoch"));
        assertEquals("memorizing_associations", f.metadata().get("task"));
        assertTrue(f.metadata().get("params").contains("\"memory_size\":10"));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("=> saved checkpoint " + r.lastCheckpoint()));
        assertTrue(r.lastCheckpoint().getFileName().toString().endsWith("memorizing_associations_task-2-3"
                + ".safetensors"));
    }

    @Test
    void loggingWritesTensorBoardEventsAndCsv(@TempDir Path dir) throws Exception {
        FlagValues o = tiny(dir)
                .with(TrainingFlags.EPOCHS, 1)
                .with(TrainingFlags.LOGGING, true);
        AssociationsTask.run(o, out);
        try (var runs = Files.list(dir.resolve("runs"))) {
            Path run = runs.findFirst().orElseThrow();
            List<String> csv = Files.readAllLines(run.resolve("scalars.csv"));
            assertTrue(csv.stream().anyMatch(l -> l.contains(",Acc/val,")), csv.toString());
            assertTrue(csv.stream().anyMatch(l -> l.contains(",Misc/reg_loss,")), csv.toString());
            try (var files = Files.list(run)) {
                assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("events.out.tfevents.")));
            }
        }
    }

    @Test
    void plotWritesAllFiguresForBothModels(@TempDir Path dir) throws Exception {
        FlagValues o = tiny(dir)
                .with(TrainingFlags.EPOCHS, 1);
        Path ckpt = AssociationsTask.run(o, out).lastCheckpoint();
        // no model flag given although the model is not the default one: the checkpoint defines it
        FlagValues plot = AssociationsFlags.PLOT.defaults().with(AssociationsFlags.CHECKPOINT, ckpt.toString());
        List<Path> files = AssociationsPlotTask.run(plot.with(AssociationsFlags.OUT, dir.resolve("plots").toString()),
                out);
        assertEquals(6, files.size());
        for (Path f : files) {
            assertTrue(Files.size(f) > 1000, f + " is a real PNG");
        }
        UserError e = assertThrows(UserError.class, () -> AssociationsPlotTask.run(plot.with(MemoryFlags.MEMORY_SIZE,
                50), out));
        assertTrue(e.getMessage().contains("--memory_size: checkpoint 10, now 50"), e.getMessage());
        FlagValues relu = tiny(dir.resolve("relu"))
                .with(AssociationsFlags.MODEL_VARIANT, "relu")
                .with(TrainingFlags.EPOCHS, 1);
        Path reluCkpt = AssociationsTask.run(relu, out).lastCheckpoint();
        assertEquals(6, AssociationsPlotTask.run(AssociationsFlags.PLOT.defaults().with(AssociationsFlags.CHECKPOINT,
                reluCkpt.toString()).with(AssociationsFlags.OUT, dir.resolve("rp").toString()), out).size());
    }

    @Test
    void timeBudgetStopsBetweenEpochsWithAResumableCheckpoint(@TempDir Path dir) {
        FlagValues o = tiny(dir)
                .with(TrainingFlags.EPOCHS, 5)
                .with(TrainingFlags.TIME_BUDGET, 1e-6);
        SupervisedRun.Result r = AssociationsTask.run(o, out);
        assertEquals(1, r.nextEpoch(), "the first epoch always runs, then the budget is spent");
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("stopping before epoch 1"));
        FlagValues more = tiny(dir)
                .with(TrainingFlags.EPOCHS, 2)
                .with(TrainingFlags.RESUME, r.lastCheckpoint().toString());
        assertEquals(2, AssociationsTask.run(more, out).nextEpoch());
    }

    @Test
    void badFlagsAreUserErrors(@TempDir Path dir) {
        FlagValues o = tiny(dir)
                .with(AssociationsFlags.SEQUENCE_LENGTH, 5);
        assertTrue(assertThrows(UserError.class, () -> AssociationsTask.run(o, out)).getMessage()
                .contains("--sequence_length (5) must not exceed --num_classes (3)"));
        FlagValues d = tiny(dir)
                .with(TrainingFlags.WORLD_SIZE, 4);
        assertTrue(assertThrows(UserError.class, () -> AssociationsTask.run(d, out)).getMessage()
                .contains("distributed"));
        FlagValues r = tiny(dir)
                .with(TrainingFlags.RESUME, dir.resolve("nope.safetensors").toString());
        assertTrue(assertThrows(UserError.class, () -> AssociationsTask.run(r, out)).getMessage()
                .contains("checkpoint not found"));
    }
}
