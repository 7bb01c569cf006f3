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
import org.hmem.task.train.SupervisedRun;
import org.hmem.task.train.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssociationsTaskTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    /** A small spiking configuration that runs in about a second per epoch. */
    private static AssociationsOptions tiny(Path dir) {
        AssociationsOptions o = new AssociationsOptions();
        o.sequenceLength = 2;
        o.numClasses = 3;
        o.featureSize = 4;
        o.common.embeddingSize = 8;
        o.common.memorySize = 10;
        o.numTimeSteps = 20;
        o.common.batchSize = 16;
        o.trainSize = 48;
        o.valSize = 16;
        o.testSize = 16;
        o.common.epochs = 2;
        o.common.printFreq = 0;
        o.common.seed = 3L;
        o.common.threads = 2;
        o.common.checkpointDir = dir.resolve("ck").toString();
        o.common.runsDir = dir.resolve("runs").toString();
        return o;
    }

    @Test
    void reluBaselineLearnsFivePairsAlmostPerfectly(@TempDir Path dir) {
        AssociationsOptions o = new AssociationsOptions();
        o.model = "relu";
        o.sequenceLength = 5;
        o.numClasses = 5;
        o.common.epochs = 6;
        o.common.batchSize = 32;
        o.trainSize = 2048;
        o.valSize = 256;
        o.testSize = 512;
        o.common.printFreq = 0;
        o.common.seed = 1L;
        o.common.checkpointDir = dir.toString();
        SupervisedRun.Result r = AssociationsTask.run(o, out);
        assertTrue(r.testAccuracy() >= 90, "test accuracy " + r.testAccuracy() + "%, chance is 20%");
    }

    @Test
    void spikingModelLearnsASinglePair(@TempDir Path dir) {
        AssociationsOptions o = tiny(dir);
        o.sequenceLength = 1;
        o.numClasses = 2;
        o.common.embeddingSize = 80;
        o.common.memorySize = 100;
        o.featureSize = 10;
        o.common.batchSize = 32;
        o.trainSize = 512;
        o.valSize = 256;
        o.testSize = 256;
        o.common.epochs = 3;
        o.common.seed = 1L;
        SupervisedRun.Result r = AssociationsTask.run(o, out);
        assertTrue(r.testAccuracy() >= 90, "test accuracy " + r.testAccuracy() + "%, chance is 50%");
    }

    @Test
    void resumingAfterOneEpochEqualsTrainingTwoEpochs(@TempDir Path dir) throws Exception {
        AssociationsOptions straight = tiny(dir.resolve("a"));
        SupervisedRun.Result twoEpochs = AssociationsTask.run(straight, out);

        AssociationsOptions first = tiny(dir.resolve("b"));
        first.common.epochs = 1;
        SupervisedRun.Result oneEpoch = AssociationsTask.run(first, out);
        AssociationsOptions resumed = tiny(dir.resolve("b"));
        resumed.common.resume = oneEpoch.lastCheckpoint().toString();
        resumed.common.seed = 999L; // the seed only matters for a fresh initialisation
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
        AssociationsOptions o = tiny(dir);
        o.common.epochs = 1;
        Path ckpt = AssociationsTask.run(o, out).lastCheckpoint();
        AssociationsOptions other = tiny(dir);
        other.common.resume = ckpt.toString();
        other.common.memorySize = 12;
        other.common.thr = 0.2;
        other.common.epochs = 5; // ignored by the check
        UserError e = assertThrows(UserError.class, () -> AssociationsTask.run(other, out));
        assertTrue(e.getMessage().contains("--memory_size: checkpoint 10, now 12"), e.getMessage());
        assertTrue(e.getMessage().contains("--thr: checkpoint 0.1, now 0.2"), e.getMessage());
        assertTrue(!e.getMessage().contains("--epochs"), e.getMessage());
        other.checkParams = 0;
        // with the check off, the stored tensors still have to fit the model
        UserError shape = assertThrows(UserError.class, () -> AssociationsTask.run(other, out));
        assertTrue(shape.getMessage().contains("writing_layer.W"), shape.getMessage());
    }

    @Test
    void evaluationAtOtherSequenceLengthsIsAllowed(@TempDir Path dir) {
        AssociationsOptions o = tiny(dir);
        o.common.epochs = 1;
        Path ckpt = AssociationsTask.run(o, out).lastCheckpoint();
        for (int length : new int[] {1, 3}) {
            AssociationsOptions eval = tiny(dir);
            eval.common.resume = ckpt.toString();
            eval.common.evaluate = true;
            eval.sequenceLength = length;
            eval.common.batchSize = 8;
            SupervisedRun.Result r = AssociationsTask.run(eval, out);
            assertTrue(r.testAccuracy() >= 0 && r.testAccuracy() <= 100);
        }
        AssociationsOptions bad = tiny(dir);
        bad.common.resume = ckpt.toString();
        bad.common.evaluate = true;
        bad.sequenceLength = 4;
        UserError e = assertThrows(UserError.class, () -> AssociationsTask.run(bad, out));
        assertTrue(e.getMessage().contains("must not exceed --num_classes"), e.getMessage());
    }

    @Test
    void checkpointHoldsWeightsOptimizerStateAndRunMetadata(@TempDir Path dir) throws Exception {
        AssociationsOptions o = tiny(dir);
        o.common.epochs = 1;
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
        AssociationsOptions o = tiny(dir);
        o.common.epochs = 1;
        o.common.logging = true;
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
        AssociationsOptions o = tiny(dir);
        o.common.epochs = 1;
        Path ckpt = AssociationsTask.run(o, out).lastCheckpoint();
        List<Path> files = AssociationsPlotTask.run(ckpt, true, Map.of(), 42, null, dir.resolve("plots"), out);
        assertEquals(6, files.size());
        for (Path f : files) {
            assertTrue(Files.size(f) > 1000, f + " is a real PNG");
        }
        UserError e = assertThrows(UserError.class, () -> AssociationsPlotTask.run(ckpt, true,
                Map.of("memory_size", new com.google.gson.JsonPrimitive(50)), 42, null, dir, out));
        assertTrue(e.getMessage().contains("--memory_size: checkpoint 10, given 50"), e.getMessage());
        AssociationsOptions relu = tiny(dir.resolve("relu"));
        relu.model = "relu";
        relu.common.epochs = 1;
        Path reluCkpt = AssociationsTask.run(relu, out).lastCheckpoint();
        assertEquals(6, AssociationsPlotTask.run(reluCkpt, true, Map.of(), 42, null, dir.resolve("rp"), out).size());
    }

    @Test
    void timeBudgetStopsBetweenEpochsWithAResumableCheckpoint(@TempDir Path dir) {
        AssociationsOptions o = tiny(dir);
        o.common.epochs = 5;
        o.common.timeBudget = 1e-6;
        SupervisedRun.Result r = AssociationsTask.run(o, out);
        assertEquals(1, r.nextEpoch(), "the first epoch always runs, then the budget is spent");
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("stopping before epoch 1"));
        AssociationsOptions more = tiny(dir);
        more.common.epochs = 2;
        more.common.resume = r.lastCheckpoint().toString();
        assertEquals(2, AssociationsTask.run(more, out).nextEpoch());
    }

    @Test
    void badFlagsAreUserErrors(@TempDir Path dir) {
        AssociationsOptions o = tiny(dir);
        o.sequenceLength = 5;
        assertTrue(assertThrows(UserError.class, () -> AssociationsTask.run(o, out)).getMessage()
                .contains("--sequence_length (5) must not exceed --num_classes (3)"));
        AssociationsOptions d = tiny(dir);
        d.common.worldSize = 4;
        assertTrue(assertThrows(UserError.class, () -> AssociationsTask.run(d, out)).getMessage()
                .contains("distributed"));
        AssociationsOptions r = tiny(dir);
        r.common.resume = dir.resolve("nope.safetensors").toString();
        assertTrue(assertThrows(UserError.class, () -> AssociationsTask.run(r, out)).getMessage()
                .contains("checkpoint not found"));
    }
}
