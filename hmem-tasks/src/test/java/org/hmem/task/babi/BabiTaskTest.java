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
import java.util.Map;

import com.google.gson.JsonPrimitive;

import org.hmem.engine.golden.GoldenFiles;
import org.hmem.task.train.SupervisedRun;
import org.hmem.task.train.UserError;
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

    private BabiOptions options(Path dir) {
        BabiOptions o = new BabiOptions();
        o.dir = data.toString();
        o.tenK = 0;
        o.task = "1";
        o.sentenceDuration = 40;
        o.common.batchSize = 32;
        o.common.epochs = 2;
        o.common.printFreq = 0;
        o.common.seed = 1L;
        o.common.checkpointDir = dir.resolve("ck").toString();
        o.common.runsDir = dir.resolve("runs").toString();
        return o;
    }

    @Test
    void taskOneLearnsBeyondTheMajorityAnswer(@TempDir Path dir) {
        BabiOptions o = options(dir);
        o.common.epochs = 3;
        SupervisedRun.Result r = BabiTask.run(o, out);
        // the most frequent answer of qa1's test file is 18.7 % of the questions (42 % reached in this setting)
        assertTrue(r.testAccuracy() > 30, "test accuracy " + r.testAccuracy() + "%");
        String printed = log.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("900 train / 100 validation"), printed);
    }

    @Test
    void missingTenKFileOfTaskThreeFailsWithThatMessage(@TempDir Path dir) {
        BabiOptions o = options(dir);
        o.tenK = 1;
        o.task = "3";
        UserError e = assertThrows(UserError.class, () -> BabiTask.run(o, out));
        assertTrue(e.getMessage().contains("missing file en-10k/qa3_three-supporting-facts_train.txt"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--ten_k 0"), e.getMessage());
    }

    @Test
    void resumeRefusesOtherModelFlagsAndEvaluationWorks(@TempDir Path dir) {
        BabiOptions o = options(dir);
        o.common.epochs = 1;
        o.sentenceDuration = 10;
        Path ckpt = BabiTask.run(o, out).lastCheckpoint();
        BabiOptions other = options(dir);
        other.sentenceDuration = 10;
        other.common.resume = ckpt.toString();
        other.common.memorySize = 50;
        UserError e = assertThrows(UserError.class, () -> BabiTask.run(other, out));
        assertTrue(e.getMessage().contains("--memory_size: checkpoint 100, now 50"), e.getMessage());
        BabiOptions eval = options(dir);
        eval.sentenceDuration = 10;
        eval.common.resume = ckpt.toString();
        eval.common.evaluate = true;
        eval.common.batchSize = 100;
        SupervisedRun.Result r = BabiTask.run(eval, out);
        assertNull(r.lastCheckpoint(), "evaluation writes no checkpoint");
    }

    @Test
    void allTasksEvaluationReportsEveryTaskAndTheSummary(@TempDir Path dir) throws Exception {
        BabiOptions o = options(dir);
        o.common.epochs = 1;
        o.sentenceDuration = 5;
        o.common.memorySize = 10;
        o.common.embeddingSize = 8;
        Path ckptDir = Path.of(o.common.checkpointDir);
        BabiTask.run(o, out);
        BabiOptions all = options(dir);
        all.task = "all";
        all.sentenceDuration = 5;
        all.common.memorySize = 10;
        all.common.embeddingSize = 8;
        all.common.evaluate = true;
        all.common.resume = ckptDir.toString();
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
        BabiOptions o = new BabiOptions();
        o.task = "2,5-7, 20";
        assertEquals(List.of(2, 5, 6, 7, 20), o.tasks());
        o.task = "all";
        assertEquals(20, o.tasks().size());
        o.task = "0";
        assertTrue(assertThrows(UserError.class, o::tasks).getMessage().contains("--task must be"));
        o.task = "7-3";
        assertThrows(UserError.class, o::tasks);
        o.task = "3,4";
        assertThrows(UserError.class, o::taskNumber);
    }

    @Test
    void plotWritesTheSixFiguresWithFlagsFromTheCheckpoint(@TempDir Path dir) throws Exception {
        BabiOptions o = options(dir);
        o.common.epochs = 1;
        o.sentenceDuration = 10;
        o.task = "2";
        Path ckpt = BabiTask.run(o, out).lastCheckpoint();
        BabiOptions plot = new BabiOptions();
        plot.dir = data.toString();
        List<Path> files = BabiPlotTask.run(plot, ckpt, true, Map.of(), dir.resolve("plots"), out);
        assertEquals(6, files.size());
        for (Path f : files) {
            assertTrue(Files.size(f) > 1000, f.toString());
        }
        UserError e = assertThrows(UserError.class, () -> BabiPlotTask.run(new BabiOptions(),
                ckpt, true, Map.of("task", new JsonPrimitive(5)), dir, out));
        assertTrue(e.getMessage().contains("--task: checkpoint 2, given 5"), e.getMessage());
    }
}
