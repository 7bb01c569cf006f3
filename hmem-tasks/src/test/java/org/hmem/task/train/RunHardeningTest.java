package org.hmem.task.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.hmem.engine.io.Safetensors;
import org.hmem.engine.io.SafetensorsFile;
import org.hmem.engine.tensor.Tensor;
import org.hmem.task.associations.AssociationsBatch;
import org.hmem.task.associations.AssociationsData;
import org.hmem.task.associations.AssociationsEpochData;
import org.hmem.task.associations.AssociationsFlags;
import org.hmem.task.associations.AssociationsModel;
import org.hmem.task.associations.AssociationsTask;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.model.MemoryFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run does when things go wrong: diverging numbers, damaged checkpoints, crowded or unusable folders. */
class RunHardeningTest {

    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private static FlagValues tiny(Path dir) {
        return AssociationsFlags.TRAIN.defaults().with(AssociationsFlags.SEQUENCE_LENGTH, 2)
                .with(AssociationsFlags.NUM_CLASSES, 3).with(AssociationsFlags.FEATURE_SIZE, 4)
                .with(MemoryFlags.EMBEDDING_SIZE, 8).with(MemoryFlags.MEMORY_SIZE, 10)
                .with(AssociationsFlags.NUM_TIME_STEPS, 20).with(TrainingFlags.BATCH_SIZE, 16)
                .with(AssociationsFlags.TRAIN_SIZE, 32).with(AssociationsFlags.VAL_SIZE, 16)
                .with(AssociationsFlags.TEST_SIZE, 16).with(TrainingFlags.EPOCHS, 1).with(TrainingFlags.PRINT_FREQ, 0)
                .with(TrainingFlags.SEED, 3L).with(TrainingFlags.THREADS, 1)
                .with(TrainingFlags.CHECKPOINT_DIR, dir.toString());
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aParameterTurningNaNStopsTheRunAtThatStepAndKeepsTheLastGoodCheckpoint(@TempDir Path dir)
            throws IOException {
        FlagValues v = tiny(dir).with(TrainingFlags.EPOCHS, 3);
        AssociationsModel model = new AssociationsModel(AssociationsFlags.modelConfig(v), 0);
        AssociationsEpochData real = new AssociationsEpochData(new AssociationsData(2, 4, 3), 16, 32, 16, 16, true, 4,
                42);
        EpochData<AssociationsBatch> poisoned = new EpochData<>() {
            @Override
            public int trainBatches(int epoch) {
                return real.trainBatches(epoch);
            }

            @Override
            public AssociationsBatch trainBatch(int epoch, int index) {
                if (epoch == 1 && index == 1) {
                    model.parameters().get(0).data()[3] = Float.NaN; // input_layer.weight
                }
                return real.trainBatch(epoch, index);
            }

            @Override
            public List<AssociationsBatch> validation() {
                return real.validation();
            }

            @Override
            public List<AssociationsBatch> test() {
                return real.test();
            }
        };
        RunSettings settings = TrainingFlags.run(v, AssociationsTask.TASK, AssociationsFlags.suffix(v),
                TrainingFlags.training(v, TrainingFlags.regularization(v, 1)));
        SupervisedRun<AssociationsBatch, AssociationsModel.Workspace> run = new SupervisedRun<>(model,
                new CrossEntropyObjective<>(3, (d, b) -> d.answer()[b]), model::initialize, settings, out);
        TrainingFailure e = assertThrows(TrainingFailure.class, () -> run.run(poisoned, null));
        assertTrue(e.getMessage().contains("epoch 1, batch 2"), e.getMessage());
        assertTrue(e.getMessage().contains("input_layer.weight") || e.getMessage().contains("loss is NaN"),
                e.getMessage());
        assertTrue(e.getMessage().contains("the last good checkpoint is"), e.getMessage());
        Path last = dir.resolve(files(dir).stream().filter(n -> !n.contains("_best")).findFirst().orElseThrow());
        RunCheckpoint.Loaded good = RunCheckpoint.load(last);
        assertEquals(1, good.state().nextEpoch(), "the checkpoint of epoch 0 is kept");
        RunCheckpoint.loadModel(good, new AssociationsModel(AssociationsFlags.modelConfig(v), 0));
    }

    @Test
    void aCheckpointHoldingNonFiniteParametersIsRefused(@TempDir Path dir) throws IOException {
        Path ckpt = AssociationsTask.run(tiny(dir), out).lastCheckpoint();
        SafetensorsFile f = Safetensors.read(ckpt);
        Map<String, Tensor> tensors = new LinkedHashMap<>(f.tensors());
        float[] w = tensors.get("writing_layer.W").data().clone();
        w[5] = Float.POSITIVE_INFINITY;
        tensors.put("writing_layer.W", new Tensor(tensors.get("writing_layer.W").shape(), w));
        Path bad = dir.resolve("diverged.safetensors");
        Safetensors.write(bad, tensors, f.metadata());
        UserError e = assertThrows(UserError.class, () -> AssociationsTask.run(tiny(dir)
                .with(TrainingFlags.EVALUATE, true).with(TrainingFlags.RESUME, bad.toString()), out));
        assertTrue(e.getMessage().contains("writing_layer.W holds a non-finite value"), e.getMessage());
    }

    @Test
    void damagedMetadataNamesTheFileAndTheField(@TempDir Path dir) throws IOException {
        Path ckpt = AssociationsTask.run(tiny(dir), out).lastCheckpoint();
        SafetensorsFile f = Safetensors.read(ckpt);
        Object[][] cases = {{"params", "{not json"}, {"params", "[1, 2]"}, {"params", null}, {"epoch", "two"},
            {"epoch", null}, {"best_value", "high"}, {"task", null}};
        for (Object[] c : cases) {
            Map<String, String> meta = new LinkedHashMap<>(f.metadata());
            if (c[1] == null) {
                meta.remove((String) c[0]);
            } else {
                meta.put((String) c[0], (String) c[1]);
            }
            Path damaged = dir.resolve("damaged.safetensors");
            Safetensors.write(damaged, f.tensors(), meta);
            UserError e = assertThrows(UserError.class, () -> RunCheckpoint.load(damaged), c[0] + " = " + c[1]);
            assertTrue(e.getMessage().contains(damaged.toString()) && e.getMessage().contains("'" + c[0] + "'"),
                    e.getMessage());
        }
    }

    @Test
    void twoRunsStartedTogetherInOneFolderKeepAllFourFiles(@TempDir Path dir) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<SupervisedRun.Result>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> AssociationsTask.run(tiny(dir), out)));
            }
            Path a = runs.get(0).get().lastCheckpoint(), b = runs.get(1).get().lastCheckpoint();
            assertNotEquals(a, b);
            assertEquals(4, files(dir).size(), files(dir).toString());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void resumingFromABestCheckpointKeepsTheRunsLaterCheckpoint(@TempDir Path dir) throws IOException {
        SupervisedRun.Result first = AssociationsTask.run(tiny(dir).with(TrainingFlags.EPOCHS, 2), out);
        byte[] lastBefore = Files.readAllBytes(first.lastCheckpoint());
        SupervisedRun.Result continued = AssociationsTask.run(tiny(dir).with(TrainingFlags.EPOCHS, 3)
                .with(TrainingFlags.RESUME, first.bestCheckpoint().toString()), out);
        assertTrue(java.util.Arrays.equals(lastBefore, Files.readAllBytes(first.lastCheckpoint())),
                "the run's own last checkpoint is untouched");
        assertNotEquals(first.lastCheckpoint(), continued.lastCheckpoint());
        assertEquals(3, continued.nextEpoch());
    }

    @Test
    void temporaryFilesOfAnInterruptedSaveAreRemovedByTheNextRun(@TempDir Path dir) throws IOException {
        Path stale = dir.resolve(".old.safetensors.tmp-abc123");
        Files.write(stale, new byte[10]);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(3600)));
        Path fresh = dir.resolve(".running.safetensors.tmp-def456");
        Files.write(fresh, new byte[10]);
        AssociationsTask.run(tiny(dir), out);
        assertFalse(Files.exists(stale), "a temporary file an hour old is an interrupted save's");
        assertTrue(Files.exists(fresh), "a fresh one may belong to a run saving right now");
    }

    @Test
    void anUnusableCheckpointFolderIsReportedBeforeTrainingWithTheReason(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("not-a-folder");
        Files.writeString(file, "x");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        UserError e = assertThrows(UserError.class, () -> AssociationsTask.run(tiny(file.resolve("ck")),
                new PrintStream(log, true, StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("cannot write checkpoints to " + file.resolve("ck")), e.getMessage());
        assertTrue(e.getMessage().contains("in the way") || e.getMessage().contains("Not a directory"),
                e.getMessage());
        assertFalse(log.toString(StandardCharsets.UTF_8).contains("Epoch 0"), "no epoch ran");
    }
}
