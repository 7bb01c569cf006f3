package org.hmem.task.babi;

import static org.hmem.task.train.CommonOptions.require;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.hmem.engine.io.AtomicFiles;
import org.hmem.task.babi.data.BabiDataException;
import org.hmem.task.babi.data.BabiTaskData;
import org.hmem.task.babi.data.BabiTaskNames;
import org.hmem.task.babi.data.BabiTrainValidationSplit;
import org.hmem.task.babi.data.BabiVectors;
import org.hmem.task.train.ActivityRegularization;
import org.hmem.task.train.CommonOptions;
import org.hmem.task.train.CrossEntropyObjective;
import org.hmem.task.train.RunNames;
import org.hmem.task.train.RunSettings;
import org.hmem.task.train.SupervisedRun;
import org.hmem.task.train.TrainingOptions;
import org.hmem.task.train.UserError;

/** The bAbI question-answering task (spec §4.7, §6.4, §8.7): one task, or all 20 one after another. */
public final class BabiTask {

    public static final String TASK = "question_answering";

    /** One row of the per-task table; {@code result} is null when the task could not run. */
    public record TaskOutcome(int task, SupervisedRun.Result result, String problem) {
        public double errorPercent() {
            return 100 - result.testAccuracy();
        }
    }

    private BabiTask() {
    }

    /** Trains or evaluates one task. */
    public static SupervisedRun.Result run(BabiOptions o, PrintStream out) {
        validate(o, out);
        return runTask(o, o.taskNumber(), o.common.resume.isEmpty() ? null : Path.of(o.common.resume), out);
    }

    /**
     * {@code --task all} (or a list or range): runs the tasks one after another, prints and writes the per-task
     * table. With
     * {@code --resume DIR} each task starts from the newest checkpoint of that task in DIR (its best one when
     * evaluating). A task whose data or checkpoint is missing is reported in the table; the others still run.
     */
    public static List<TaskOutcome> runAll(BabiOptions o, PrintStream out) {
        validate(o, out);
        Path resumeDir = o.common.resume.isEmpty() ? null : Path.of(o.common.resume);
        if (resumeDir != null && !Files.isDirectory(resumeDir)) {
            throw new UserError("with several tasks, --resume names a folder of per-task checkpoints; " + resumeDir
                    + " is not a folder");
        }
        List<TaskOutcome> outcomes = new ArrayList<>();
        for (int t : o.tasks()) {
            out.printf("%n===== bAbI task %d: %s =====%n", t, BabiTaskNames.name(t));
            try {
                Path ckpt = resumeDir == null ? null : newestCheckpoint(resumeDir, o.suffix(t), o.common.evaluate);
                if (resumeDir != null && ckpt == null && o.common.evaluate) {
                    outcomes.add(new TaskOutcome(t, null, "no checkpoint for " + o.suffix(t) + " in " + resumeDir));
                    out.println("skipped: " + outcomes.get(outcomes.size() - 1).problem());
                    continue;
                }
                outcomes.add(new TaskOutcome(t, runTask(o, t, ckpt, out), null));
            } catch (UserError e) {
                outcomes.add(new TaskOutcome(t, null, e.getMessage()));
                out.println("skipped: " + e.getMessage());
            }
        }
        String table = table(outcomes);
        out.println();
        out.print(table);
        Path file = Path.of(o.common.runsDir).resolveSibling("babi-all-" + RunNames.timeStampNow() + ".md");
        try {
            AtomicFiles.write(file, s -> s.write(table.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            out.println("=> wrote " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return outcomes;
    }

    private static SupervisedRun.Result runTask(BabiOptions o, int task, Path resume, PrintStream out) {
        CommonOptions c = o.common;
        BabiTaskData data;
        try {
            data = BabiTaskData.load(o.dataDir(), o.dataOptions(task));
        } catch (BabiDataException e) {
            throw new UserError(e.getMessage(), e);
        }
        out.println(data.summary().format());
        BabiTrainValidationSplit split = data.split(o.splitSeed);
        BabiEpochData epochs = new BabiEpochData(split.train(), split.validation(), data.test(), c.batchSize,
                o.splitSeed);
        BabiModel model = new BabiModel(o.modelConfig(data), c.checkpointInterval);
        long seed = c.seed != null ? c.seed : new SplittableRandom().nextLong();
        TrainingOptions training = new TrainingOptions(c.epochs, o.learningRateValue(), c.learningRateDecay,
                c.decayLearningRateEvery, c.maxGradNorm, new ActivityRegularization(c.l2, c.targetRate, 1),
                c.printFreq, c.timeBudget);
        RunSettings settings = new RunSettings(TASK, o.suffix(task), Path.of(c.checkpointDir), Path.of(c.runsDir),
                c.logging, c.evaluate, resume, true, BabiOptions.IGNORED_ON_RESUME,
                BabiOptions.IGNORED_ON_EVALUATE, o.toParams(task), training, c.threads, seed,
                c.startEpoch);
        CrossEntropyObjective<BabiVectors> objective = new CrossEntropyObjective<>(model.outputSize(),
                (batch, b) -> batch.answer()[b]);
        return new SupervisedRun<>(model, objective, model::initialize, settings, out).run(epochs);
    }

    /** The newest {@code *-<suffix>[_best].safetensors} in dir (best ones preferred when evaluating), or null. */
    static Path newestCheckpoint(Path dir, String suffix, boolean preferBest) {
        String last = "-" + suffix + ".safetensors";
        String best = "-" + suffix + "_best.safetensors";
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> candidates = files.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(last) || n.endsWith(best);
            }).sorted(Comparator.comparing((Path p) -> p.getFileName().toString().endsWith(best) == preferBest)
                    .thenComparing(p -> p.toFile().lastModified())).toList();
            return candidates.isEmpty() ? null : candidates.get(candidates.size() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Markdown table: per-task accuracy and error, the mean, and the number of tasks with error below 5 %. */
    public static String table(List<TaskOutcome> outcomes) {
        StringBuilder sb = new StringBuilder("| task | name | test accuracy % | error % | epochs |\n"
                + "|---:|---|---:|---:|---:|\n");
        double sum = 0;
        int ran = 0;
        int passed = 0;
        for (TaskOutcome t : outcomes) {
            if (t.result() == null) {
                sb.append(String.format(Locale.ROOT, "| %d | %s | – | – | – (%s) |%n", t.task(),
                        BabiTaskNames.name(t.task()), t.problem().lines().findFirst().orElse("")));
                continue;
            }
            sb.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %d |%n", t.task(),
                    BabiTaskNames.name(t.task()), t.result().testAccuracy(), t.errorPercent(),
                    t.result().nextEpoch()));
            sum += t.result().testAccuracy();
            ran++;
            if (t.errorPercent() < 5) {
                passed++;
            }
        }
        sb.append(String.format(Locale.ROOT, "%nMean accuracy over %d task(s): %.1f %%; tasks with error < 5 %%: %d%n",
                ran, ran == 0 ? Double.NaN : sum / ran, passed));
        return sb.toString();
    }

    static void validate(BabiOptions o, PrintStream out) {
        o.common.validate(out);
        o.tasks();
        require(o.tenK == 0 || o.tenK == 1, "--ten_k must be 0 or 1");
        require(o.addTimeWords == 0 || o.addTimeWords == 1, "--add_time_words must be 0 or 1");
        require(o.maskTimeWords == 0 || o.maskTimeWords == 1, "--mask_time_words must be 0 or 1");
        require(o.learnEncoding == 0 || o.learnEncoding == 1, "--learn_encoding must be 0 or 1");
        require(o.sentenceDuration >= 1, "--sentence_duration must be >= 1");
        require(o.maxNumSentences >= 1, "--max_num_sentences must be >= 1");
        require("pre".equals(o.padding) || "post".equals(o.padding), "--padding must be 'pre' or 'post', got '"
                + o.padding + "'");
        if (o.learnReadoutDelay) {
            out.println("note: --learn_readout_delay has no effect (as in the reference)");
        }
    }
}
