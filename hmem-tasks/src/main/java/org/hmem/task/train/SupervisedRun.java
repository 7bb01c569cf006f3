package org.hmem.task.train;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import org.hmem.engine.io.AtomicFiles;
import org.hmem.engine.optim.Adam;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.flags.UserError;
import org.hmem.task.train.log.CompositeLogger;
import org.hmem.task.train.log.CsvScalarWriter;
import org.hmem.task.train.log.ScalarLogger;
import org.hmem.task.train.log.TensorBoardWriter;

/**
 * Train / resume / evaluate flow shared by the supervised tasks (spec §7): restore and check a checkpoint, initialise
 * or load the model and optimiser, run the epoch loop with checkpoints and logs, and report test accuracy.
 */
public final class SupervisedRun<D, W> {

    /**
     * What a run ends with. Paths are null when nothing was written.
     *
     * @param testMetrics the objective's metrics on the test set, by tag
     * @param bestMetric tag of the metric that ranked checkpoints, {@code bestValue} its best validation value
     */
    public record Result(double testLoss, Map<String, Double> testMetrics, String bestMetric, double bestValue,
                         int nextEpoch, Path lastCheckpoint, Path bestCheckpoint) {

        /** Test top-1 accuracy in percent (classification tasks). */
        public double testAccuracy() {
            Double acc = testMetrics.get(Metric.ACCURACY.tag());
            if (acc == null) {
                throw new IllegalStateException("this task reports no accuracy");
            }
            return acc;
        }
    }

    private final SupervisedModel<D, W> model;
    private final Objective<D> objective;
    private final Consumer<SplittableRandom> initializer;
    private final RunSettings settings;
    private final PrintStream out;
    private final ClusterSteps<D> cluster;

    public SupervisedRun(SupervisedModel<D, W> model, Objective<D> objective, Consumer<SplittableRandom> initializer,
                         RunSettings settings, PrintStream out) {
        this(model, objective, initializer, settings, out, null);
    }

    /** Opens the passes of a run on the cluster of {@link RunSettings#distribution()}. */
    @FunctionalInterface
    public interface ClusterSteps<D> {
        StepRunner open(EpochData<D> data, RunSettings settings, PrintStream out);
    }

    private SupervisedRun(SupervisedModel<D, W> model, Objective<D> objective,
                          Consumer<SplittableRandom> initializer, RunSettings settings, PrintStream out,
                          ClusterSteps<D> cluster) {
        this.model = model;
        this.objective = objective;
        this.initializer = initializer;
        this.settings = settings;
        this.out = out;
        this.cluster = cluster;
    }

    /**
     * This run, able to train on a cluster when {@link RunSettings#distribution()} asks for one (see
     * {@code ShardedSteps.onCluster}). Without it {@code --spark} is refused.
     */
    public SupervisedRun<D, W> distributable(ClusterSteps<D> cluster) {
        return new SupervisedRun<>(model, objective, initializer, settings, out, cluster);
    }

    /**
     * Trains (or only evaluates) from {@code ckpt}, or from a new model when it is null. The caller has resolved
     * the run's flags against the checkpoint and built the model from them.
     */
    public Result run(EpochData<D> data, RunCheckpoint.Loaded ckpt) {
        Adam adam = new Adam(model.parameters(), settings.training().learningRate());
        RunState state;
        if (ckpt != null) {
            RunCheckpoint.requireTask(ckpt, settings.task());
            RunCheckpoint.loadModel(ckpt, model);
            state = ckpt.state();
            if (!state.bestMetric().equals(objective.best().tag())) {
                throw new UserError("checkpoint " + ckpt.file() + " ranks epochs by '" + state.bestMetric()
                        + "', this task by '" + objective.best().tag() + "'");
            }
            out.printf(Locale.ROOT, "=> loaded checkpoint %s (next epoch %d, best val %s %.4g)%n", ckpt.file(),
                    state.nextEpoch(), objective.best().label(), state.bestValue());
            if (!settings.evaluate() && ckpt.file().getFileName().toString().endsWith(RunNames.BEST_SUFFIX)) {
                // continuing the run's own name would overwrite its later "last" checkpoint: keep it
                String stamp = RunNames.newStamp(settings.checkpointDir(), settings.suffix());
                state = new RunState(state.nextEpoch(), state.bestMetric(), state.bestValue(), stamp, "");
                out.println("=> continuing from a best checkpoint under a new name, " + RunNames.base(stamp,
                        settings.suffix()) + ", so that the run's later checkpoints stay as they are");
            }
        } else {
            initializer.accept(new SplittableRandom(settings.seed()));
            out.println("=> initialised a new model with seed " + settings.seed());
            String stamp = RunNames.newStamp(settings.checkpointDir(), settings.suffix());
            state = new RunState(settings.startEpoch(), objective.best().tag(), objective.best().worst(), stamp, "");
        }
        if (settings.logging() && state.logDir().isEmpty()) {
            state = state.withLogDir(settings.runsDir().resolve(RunNames.base(state.timeStamp(), settings.suffix()))
                    .toString());
        }
        boolean distributed = settings.distribution().enabled() && !settings.evaluate();
        try (BatchParallel parallel = new BatchParallel(distributed ? 1 : settings.threads());
             StepRunner steps = distributed ? sharded(data) : new LocalSteps<>(new SupervisedStep<>(model, objective,
                     parallel, settings.training().regularization().targetRate()), data)) {
            Trainer trainer = new Trainer(steps, adam, settings.training(), out);
            if (settings.evaluate()) {
                if (ckpt == null) {
                    out.println("warning: --evaluate without --resume evaluates an untrained model");
                }
                return test(trainer, data, state, null, null);
            }
            if (ckpt != null) {
                RunCheckpoint.loadOptimizer(ckpt, adam);
            }
            prepareCheckpointDir();
            String base = RunNames.base(state.timeStamp(), settings.suffix());
            Path last = settings.checkpointDir().resolve(base + RunNames.LAST_SUFFIX);
            Path best = settings.checkpointDir().resolve(base + RunNames.BEST_SUFFIX);
            boolean[] wroteBest = {false};
            Trainer.Checkpointer checkpointer = (s, isBest) -> {
                save(last, adam, s, steps.placement());
                if (isBest) {
                    save(best, adam, s, steps.placement());
                    wroteBest[0] = true;
                }
            };
            try (ScalarLogger log = openLogger(state)) {
                if (state.nextEpoch() >= settings.training().epochs()) {
                    out.printf("nothing to train: the run is at epoch %d of %d%n", state.nextEpoch(),
                            settings.training().epochs());
                }
                try {
                    trainer.fit(state, data, checkpointer, log);
                } catch (TrainingFailure e) {
                    throw new TrainingFailure("training stopped: " + e.getMessage() + "; " + (last.toFile().exists()
                            ? "the last good checkpoint is " + last + " (next epoch " + state.nextEpoch() + ")"
                            : "no checkpoint was written"));
                }
            }
            return test(trainer, data, state, last.toFile().exists() ? last : null,
                    wroteBest[0] || best.toFile().exists() ? best : null);
        }
    }

    /** The passes of this run on the cluster of {@code --spark}. */
    private StepRunner sharded(EpochData<D> data) {
        if (cluster == null) {
            throw new UserError("--spark: " + settings.task() + " cannot be trained on a cluster yet (associations "
                    + "and bAbI can)");
        }
        return cluster.open(data, settings, out);
    }

    /**
     * Finds an unusable checkpoint folder before the first epoch, with the reason, and removes the temporary files
     * that saves killed in the middle left there.
     */
    private void prepareCheckpointDir() {
        Path dir = settings.checkpointDir();
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".hmem-write-test", null));
            for (Path stale : AtomicFiles.removeStaleTemporaries(dir, Duration.ofMinutes(10))) {
                out.println("=> removed " + stale + ", left by an interrupted save");
            }
        } catch (IOException e) {
            throw new UserError("cannot write checkpoints to " + dir + ": " + AtomicFiles.reason(e));
        }
    }

    private Result test(Trainer trainer, EpochData<D> data, RunState state, Path last, Path best) {
        Trainer.Meters m = trainer.evaluate(data, BatchRef.Split.TEST);
        StringBuilder line = new StringBuilder(" * Test:");
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Metric metric : objective.metrics()) {
            metrics.put(metric.tag(), m.value(metric));
            line.append(String.format(Locale.ROOT, " %s %.3f%s ", metric.tag(), m.value(metric), metric.unit()));
        }
        out.println(line.append(String.format(Locale.ROOT, " Loss %.4f  (%d samples, %.1f samples/s)", m.loss(),
                m.samples(), m.samplesPerSecond())));
        return new Result(m.loss(), Map.copyOf(metrics), state.bestMetric(), state.bestValue(), state.nextEpoch(),
                last, best);
    }

    private void save(Path file, Adam adam, RunState state, String placement) {
        try {
            RunCheckpoint.save(file, settings.task(), model, adam, state, settings.params(),
                    placement.isEmpty() ? Map.of() : Map.of(RunCheckpoint.PLACEMENT, placement));
            out.println("=> saved checkpoint " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private ScalarLogger openLogger(RunState state) {
        if (!settings.logging()) {
            return ScalarLogger.NONE;
        }
        Path dir = Path.of(state.logDir().isEmpty()
                ? settings.runsDir().resolve(RunNames.base(state.timeStamp(), settings.suffix())).toString()
                : state.logDir());
        ScalarLogger log = runLog(dir, settings.params(), state.nextEpoch());
        out.println("=> logging to " + dir);
        return log;
    }

    /**
     * The TensorBoard and CSV logs of a run in {@code dir}, opened with the run's flags as the text
     * {@code Info/params} at {@code step}, as the reference logs them.
     */
    public static ScalarLogger runLog(Path dir, JsonObject params, long step) {
        ScalarLogger log = new CompositeLogger(new TensorBoardWriter(dir), new CsvScalarWriter(dir));
        String json = new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(params);
        log.text("Info/params", step, "\t" + json.replace("\n", "\n\t"));
        return log;
    }
}
