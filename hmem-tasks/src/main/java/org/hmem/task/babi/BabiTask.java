package org.hmem.task.babi;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.hmem.engine.io.AtomicFiles;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.babi.data.BabiDataException;
import org.hmem.task.babi.data.BabiTaskData;
import org.hmem.task.babi.data.BabiTaskNames;
import org.hmem.task.babi.data.BabiTrainValidationSplit;
import org.hmem.task.babi.data.BabiVectors;
import org.hmem.task.flags.UserError;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.train.CrossEntropyObjective;
import org.hmem.task.train.MemoryBudget;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.train.RunCheckpoint;
import org.hmem.task.train.RunNames;
import org.hmem.task.train.RunSettings;
import org.hmem.task.train.SupervisedRun;
import org.hmem.task.train.SupervisedStep;
import org.hmem.task.train.TrainingFlags;
import org.hmem.task.train.TrainingOptions;
import org.hmem.task.train.shard.RunRecipe;
import org.hmem.task.train.shard.ShardExecutor;
import org.hmem.task.train.shard.ShardWork;
import org.hmem.task.train.shard.ShardedSteps;

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

    /** Trains or evaluates the one task {@code --task} names, with the flags the user gave ({@link BabiFlags#TRAIN}).
     */
    public static SupervisedRun.Result run(FlagValues given, PrintStream out) {
        validate(given, out);
        return runTask(given, BabiFlags.taskNumber(given), TrainingFlags.resume(given), out);
    }

    /**
     * {@code --task all} (or a list or range): runs the tasks one after another, prints and writes the per-task
     * table. With {@code --resume DIR} each task starts from the newest checkpoint of that task in DIR (its best one
     * when evaluating). A task whose data or checkpoint is missing is reported in the table; the others still run.
     */
    public static List<TaskOutcome> runAll(FlagValues given, PrintStream out) {
        validate(given, out);
        Path resumeDir = TrainingFlags.resume(given);
        boolean evaluate = given.get(TrainingFlags.EVALUATE);
        if (resumeDir != null && !Files.isDirectory(resumeDir)) {
            throw new UserError("with several tasks, --resume names a folder of per-task checkpoints; " + resumeDir
                    + " is not a folder");
        }
        List<TaskOutcome> outcomes = new ArrayList<>();
        for (int t : BabiFlags.tasks(given)) {
            out.printf("%n===== bAbI task %d: %s =====%n", t, BabiTaskNames.name(t));
            String suffix = BabiFlags.suffix(given, t);
            try {
                Path ckpt = resumeDir == null ? null : newestCheckpoint(resumeDir, suffix, evaluate);
                if (resumeDir != null && ckpt == null && evaluate) {
                    outcomes.add(new TaskOutcome(t, null, "no checkpoint for " + suffix + " in " + resumeDir));
                    out.println("skipped: " + outcomes.get(outcomes.size() - 1).problem());
                    continue;
                }
                outcomes.add(new TaskOutcome(t, runTask(given, t, ckpt, out), null));
            } catch (UserError e) {
                outcomes.add(new TaskOutcome(t, null, e.getMessage()));
                out.println("skipped: " + e.getMessage());
            }
        }
        String table = table(outcomes);
        out.println();
        out.print(table);
        Path file = given.path(TrainingFlags.RUNS_DIR).resolveSibling("babi-all-" + RunNames.timeStampNow() + ".md");
        try {
            AtomicFiles.write(file, s -> s.write(table.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            out.println("=> wrote " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return outcomes;
    }

    private static SupervisedRun.Result runTask(FlagValues given, int task, Path resume, PrintStream out) {
        FlagValues v = given.with(BabiFlags.TASK, Integer.toString(task));
        RunCheckpoint.Loaded ckpt = resume == null ? null : RunCheckpoint.load(resume);
        if (ckpt != null) {
            RunCheckpoint.requireTask(ckpt, TASK);
            v = TrainingFlags.continuing(v, ckpt, true);
            v.validate();
        }
        BabiTaskData data = load(v, task, UserError::new);
        out.println(data.summary().format());
        BabiEpochData epochs = epochs(v, data, task);
        int sentences = Math.max(data.train().numSentences(), data.test().numSentences());
        MemoryBudget.requireSpikingWorkspace((long) sentences * v.get(BabiFlags.SENTENCE_DURATION),
                v.get(MemoryFlags.EMBEDDING_SIZE), v.get(MemoryFlags.MEMORY_SIZE), v.get(TrainingFlags.THREADS),
                "--sentence_duration, --max_num_sentences, --embedding_size, --memory_size");
        BabiModel model = new BabiModel(BabiFlags.modelConfig(v, data), v.get(TrainingFlags.CHECKPOINT_INTERVAL));
        TrainingOptions training = TrainingFlags.training(v, TrainingFlags.regularization(v, 1));
        RunSettings settings = TrainingFlags.run(v, TASK, BabiFlags.suffix(v, task), training);
        CrossEntropyObjective<BabiVectors> objective = objective(model);
        return new SupervisedRun<>(model, objective, model::initialize, settings, out)
                .distributable(ShardedSteps.onCluster(model, objective, new Recipe(v.toParams().toString(), task)))
                .run(epochs, ckpt);
    }

    private static BabiTaskData load(FlagValues v, int task, BiFunction<String, Throwable, RuntimeException> error) {
        try {
            return BabiTaskData.load(BabiFlags.dataDir(v), BabiFlags.dataOptions(v, task));
        } catch (BabiDataException e) {
            throw error.apply(e.getMessage(), e);
        }
    }

    private static BabiEpochData epochs(FlagValues v, BabiTaskData data, int task) {
        long splitSeed = v.get(BabiFlags.SPLIT_SEED);
        BabiTrainValidationSplit split = data.split(splitSeed);
        if (split.validation().n() == 0) {
            throw new UserError("bAbI task " + task + " has only " + data.train().n() + " training questions; the "
                    + "90/10 train/validation split needs at least 10");
        }
        return new BabiEpochData(split.train(), split.validation(), data.test(), v.get(TrainingFlags.BATCH_SIZE),
                splitSeed);
    }

    private static CrossEntropyObjective<BabiVectors> objective(BabiModel model) {
        return new CrossEntropyObjective<>(model.outputSize(), (batch, b) -> batch.answer()[b]);
    }

    /** The recipe of bAbI task {@code task} with the flags the user gave: benchmarks build from it. */
    public static RunRecipe recipe(FlagValues given, int task) {
        return new Recipe(given.with(BabiFlags.TASK, Integer.toString(task)).toParams().toString(), task);
    }

    /**
     * How a cluster executor builds this run: the driver's resolved flags; the executor reads the data from
     * {@code --dir}, which every node must see (a shared or copied folder: the files are small, and reading them
     * where they are keeps the driver out of the data path).
     */
    record Recipe(String params, int task) implements RunRecipe {

        private static final long serialVersionUID = 1L;

        @Override
        public String key() {
            return TASK + task + params;
        }

        @Override
        public ShardWork<?, ?> build(int threads) {
            FlagValues v = FlagValues.fromParams(BabiFlags.TRAIN, params);
            BabiTaskData data = load(v, task, (message, cause) -> new IllegalStateException("executor "
                    + ShardExecutor.name() + " cannot read the bAbI data (--dir must name a folder every node "
                    + "sees): " + message, cause));
            BabiModel model = new BabiModel(BabiFlags.modelConfig(v, data), v.get(TrainingFlags.CHECKPOINT_INTERVAL));
            return new ShardWork<>(new SupervisedStep<>(model, objective(model), new BatchParallel(threads),
                    TrainingFlags.regularization(v, 1).targetRate()), epochs(v, data, task), model::initialize);
        }
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

    static void validate(FlagValues v, PrintStream out) {
        v.validate();
        TrainingFlags.checkRun(v, out);
        BabiFlags.tasks(v);
        if (v.get(BabiFlags.LEARN_READOUT_DELAY)) {
            out.println("note: --learn_readout_delay has no effect (as in the reference)");
        }
    }
}
