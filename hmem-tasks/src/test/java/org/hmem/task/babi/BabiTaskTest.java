package org.hmem.task.babi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;


import org.hmem.engine.golden.GoldenFiles;
import org.hmem.task.flags.UserError;
import org.hmem.task.train.SupervisedRun;
import org.hmem.task.train.TrainingFlags;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.flags.FlagValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BabiTaskTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    private Path data;

    @BeforeEach
    void findData() {
        data = GoldenFiles.shared().resolve("data/babi");
        assumeTrue(Files.isDirectory(data), "bAbI data not available at " + data);
    }

    private FlagValues options(Path dir) {
        FlagValues o = BabiFlags.TRAIN.defaults()
                .with(BabiFlags.DIR, data.toString())
                .with(BabiFlags.TEN_K, 0)
                .with(BabiFlags.TASK, "1")
                .with(BabiFlags.SENTENCE_DURATION, 40)
                .with(TrainingFlags.BATCH_SIZE, 32)
                .with(TrainingFlags.EPOCHS, 2)
                .with(TrainingFlags.PRINT_FREQ, 0)
                .with(TrainingFlags.SEED, 1L)
                .with(TrainingFlags.CHECKPOINT_DIR, dir.resolve("ck").toString())
                .with(TrainingFlags.RUNS_DIR, dir.resolve("runs").toString());
        return o;
    }

    @Test
    void taskOneLearnsBeyondTheMajorityAnswer(@TempDir Path dir) {
        FlagValues o = options(dir)
                .with(TrainingFlags.EPOCHS, 3);
        SupervisedRun.Result r = BabiTask.run(o, out);
        // the most frequent answer of qa1's test file is 18.7 % of the questions (42 % reached in this setting)
        assertTrue(r.testAccuracy() > 30, "test accuracy " + r.testAccuracy() + "%");
        String printed = log.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("900 train / 100 validation"), printed);
    }

    @Test
    void missingTenKFileOfTaskThreeFailsWithThatMessage(@TempDir Path dir) {
        FlagValues o = options(dir)
                .with(BabiFlags.TEN_K, 1)
                .with(BabiFlags.TASK, "3");
        UserError e = assertThrows(UserError.class, () -> BabiTask.run(o, out));
        assertTrue(e.getMessage().contains("missing file en-10k/qa3_three-supporting-facts_train.txt"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--ten_k 0"), e.getMessage());
    }

    @Test
    void resumeRefusesOtherModelFlagsAndEvaluationWorks(@TempDir Path dir) {
        FlagValues o = options(dir)
                .with(TrainingFlags.EPOCHS, 1)
                .with(BabiFlags.SENTENCE_DURATION, 10);
        Path ckpt = BabiTask.run(o, out).lastCheckpoint();
        FlagValues other = options(dir)
                .with(BabiFlags.SENTENCE_DURATION, 10)
                .with(TrainingFlags.RESUME, ckpt.toString())
                .with(MemoryFlags.MEMORY_SIZE, 50);
        UserError e = assertThrows(UserError.class, () -> BabiTask.run(other, out));
        assertTrue(e.getMessage().contains("--memory_size: checkpoint 100, now 50"), e.getMessage());
        FlagValues eval = options(dir)
                .with(BabiFlags.SENTENCE_DURATION, 10)
                .with(TrainingFlags.RESUME, ckpt.toString())
                .with(TrainingFlags.EVALUATE, true)
                .with(TrainingFlags.BATCH_SIZE, 100);
        SupervisedRun.Result r = BabiTask.run(eval, out);
        assertNull(r.lastCheckpoint(), "evaluation writes no checkpoint");
    }

    @Test
    void allTasksEvaluationReportsEveryTaskAndTheSummary(@TempDir Path dir) throws Exception {
        FlagValues o = options(dir)
                .with(TrainingFlags.EPOCHS, 1)
                .with(BabiFlags.SENTENCE_DURATION, 5)
                .with(MemoryFlags.MEMORY_SIZE, 10)
                .with(MemoryFlags.EMBEDDING_SIZE, 8);
        Path ckptDir = o.path(TrainingFlags.CHECKPOINT_DIR);
        BabiTask.run(o, out);
        FlagValues all = options(dir)
                .with(BabiFlags.TASK, "all")
                .with(BabiFlags.SENTENCE_DURATION, 5)
                .with(MemoryFlags.MEMORY_SIZE, 10)
                .with(MemoryFlags.EMBEDDING_SIZE, 8)
                .with(TrainingFlags.EVALUATE, true)
                .with(TrainingFlags.RESUME, ckptDir.toString());
        List<BabiTask.TaskOutcome> outcomes = BabiTask.runAll(all, out);
        assertEquals(20, outcomes.size());
        assertTrue(outcomes.get(0).result() != null, "task 1 has a checkpoint");
        assertTrue(outcomes.get(1).problem().contains("no checkpoint for le_babi_task2"), outcomes.get(1).problem());
        String table = BabiTask.table(outcomes);
        assertTrue(table.contains("| 1 | single-supporting-fact |"), table);
        assertTrue(table.contains("Mean accuracy over 1 task(s)"), table);
        try (var files = Files.list(dir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("babi-all-")), "table file");
        }
    }

    @Test
    void taskListsAndRangesAreParsedAndBadOnesRefused() {
        FlagValues o = BabiFlags.TRAIN.defaults()
                .with(BabiFlags.TASK, "2,5-7, 20");
        assertEquals(List.of(2, 5, 6, 7, 20), BabiFlags.tasks(o));
        o = o.with(BabiFlags.TASK, "all");
        assertEquals(20, BabiFlags.tasks(o).size());
        o = o.with(BabiFlags.TASK, "0");
        FlagValues zero = o;
        assertTrue(assertThrows(UserError.class, () -> BabiFlags.tasks(zero)).getMessage().contains("--task must be"));
        FlagValues backwards = o.with(BabiFlags.TASK, "7-3");
        assertThrows(UserError.class, () -> BabiFlags.tasks(backwards));
        FlagValues two = o.with(BabiFlags.TASK, "3,4");
        assertThrows(UserError.class, () -> BabiFlags.taskNumber(two));
    }

    @Test
    void plotWritesTheSixFiguresWithFlagsFromTheCheckpoint(@TempDir Path dir) throws Exception {
        FlagValues o = options(dir)
                .with(TrainingFlags.EPOCHS, 1)
                .with(BabiFlags.SENTENCE_DURATION, 10)
                .with(BabiFlags.TASK, "2");
        Path ckpt = BabiTask.run(o, out).lastCheckpoint();
        FlagValues plot = BabiFlags.PLOT.defaults().with(BabiFlags.DIR, data.toString())
                .with(BabiFlags.CHECKPOINT, ckpt.toString());
        List<Path> files = BabiPlotTask.run(plot.with(BabiFlags.OUT, dir.resolve("plots").toString()), out);
        assertEquals(6, files.size());
        for (Path f : files) {
            assertTrue(Files.size(f) > 1000, f.toString());
        }
        UserError e = assertThrows(UserError.class, () -> BabiPlotTask.run(plot.with(BabiFlags.TASK, "5"), out));
        assertTrue(e.getMessage().contains("--task: checkpoint 2, now 5"), e.getMessage());
    }
}
