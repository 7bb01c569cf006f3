package org.hmem.task.concentration;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.hmem.engine.io.AtomicFiles;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.optim.Adam;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.engine.tensor.CarriedState;
import org.hmem.task.concentration.env.ConcentrationConfig;
import org.hmem.task.concentration.env.Deck;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.rl.PpoTrainer;
import org.hmem.task.rl.RecurrentPolicy;
import org.hmem.task.train.EpochBudget;
import org.hmem.task.train.RunCheckpoint;
import org.hmem.task.train.RunNames;
import org.hmem.task.train.RunState;
import org.hmem.task.train.SupervisedRun;
import org.hmem.task.train.TrainingFailure;
import org.hmem.task.train.TrainingFlags;
import org.hmem.task.train.log.ScalarLogger;

/**
 * The PPO training loop of spec §9.6: per update the learning rate (linear decay or steps), a rollout, the PPO epochs,
 * the last 30 games' lengths, logs and a progress line; checkpoints every {@code --checkpoint_every} updates, at the
 * end and when {@code --time_budget} stops the run, and a "best" one whenever the mean game length improves.
 *
 * <p>Checkpoints hold the policy, Adam's state, the next update's index ({@code epoch} in the metadata), the games
 * in progress, every environment's carried core state, the next rollout's first observations and masks, and the last
 * games' lengths; the random streams are functions of the seeds and the update. So a resumed run continues exactly as
 * the uninterrupted run would have (the reference restarts its environments and repeats the stored update).
 */
final class ConcentrationTraining<S extends CarriedState> {

    /** Where the loop ended and what it wrote (null paths when nothing). */
    record Outcome(int nextUpdate, long envSteps, Path last, Path best) {
    }

    static final String BEST_METRIC = "steps";

    private final RecurrentPolicy<S> policy;
    private final Adam adam;
    private final FlagValues v;
    private final PrintStream out;
    private final PpoTrainer<S> trainer;
    private final ConcentrationEnvironments envs;
    private final GameLengths lengths = new GameLengths();
    private final String suffix;
    private final Path checkpointDir;

    ConcentrationTraining(RecurrentPolicy<S> policy, Adam adam, FlagValues v, ConcentrationConfig config, Deck deck,
                          BatchParallel parallel, PrintStream out) {
        this.policy = policy;
        this.adam = adam;
        this.v = v;
        this.out = out;
        this.envs = new ConcentrationEnvironments(config, deck,
                v.get(ConcentrationFlags.NUM_ENVS), v.get(ConcentrationFlags.ENV_SEED));
        this.trainer = new PpoTrainer<>(policy, envs, ConcentrationFlags.ppo(v), parallel,
                v.get(TrainingFlags.SEED) ^ 0x5DEECE66DL);
        this.suffix = ConcentrationFlags.suffix(v);
        this.checkpointDir = v.path(TrainingFlags.CHECKPOINT_DIR);
    }

    /** Trains from {@code ckpt} (null: a new run) until the last update or the time budget. */
    Outcome run(RunCheckpoint.Loaded ckpt) {
        int envs = v.get(ConcentrationFlags.NUM_ENVS), steps = v.get(ConcentrationFlags.NUM_STEPS);
        int updates = (int) (v.get(ConcentrationFlags.NUM_ENV_STEPS) / steps / envs);
        RunState resumed = ckpt == null ? null : ckpt.state();
        if (ckpt != null) {
            restore(ckpt, (long) resumed.nextEpoch() * steps * envs);
        }
        RunState state = resumed != null ? resumed : new RunState(v.get(ConcentrationFlags.START_UPDATE),
                BEST_METRIC, Double.POSITIVE_INFINITY, RunNames.newStamp(checkpointDir, suffix), "");
        if (ckpt != null && ckpt.file().getFileName().toString().endsWith(RunNames.BEST_SUFFIX)) {
            // continuing the run's own name would overwrite its later "last" checkpoint: keep it
            state = new RunState(state.nextEpoch(), BEST_METRIC, state.bestValue(),
                    RunNames.newStamp(checkpointDir, suffix), "");
            out.println("=> continuing from a best checkpoint under a new name, " + RunNames.base(state.timeStamp(),
                    suffix) + ", so that the run's later checkpoints stay as they are");
        }
        if (v.get(TrainingFlags.LOGGING) && state.logDir().isEmpty()) {
            state = state.withLogDir(v.path(TrainingFlags.RUNS_DIR).resolve(RunNames.base(state.timeStamp(),
                    suffix)).toString());
        }
        prepareCheckpointDir();
        String base = RunNames.base(state.timeStamp(), suffix);
        Path last = checkpointDir.resolve(base + RunNames.LAST_SUFFIX);
        Path best = checkpointDir.resolve(base + RunNames.BEST_SUFFIX);
        boolean wroteBest = false;
        int savedAt = -1;
        int every = v.get(ConcentrationFlags.CHECKPOINT_EVERY);
        double bestMean = state.bestValue();
        EpochBudget budget = new EpochBudget(v.get(ConcentrationFlags.TIME_BUDGET), "update");
        double lr0 = v.get(TrainingFlags.LEARNING_RATE);
        int first = state.nextEpoch(), u = first;
        if (u >= updates) {
            out.printf("nothing to train: the run is at update %d of %d%n", u, updates);
        }
        long start = System.nanoTime(), stepsBefore = trainer.envSteps();
        try (ScalarLogger log = openLogger(state)) {
            for (; u < updates; u++) {
                if (budget.stopsBefore(u, ", resume with --resume " + last, out)) {
                    break;
                }
                double lr = v.get(ConcentrationFlags.DECAY_LR_LINEARLY) ? lr0 * (1.0 - (double) u / updates)
                        : lr0 * Math.pow(v.get(ConcentrationFlags.LEARNING_RATE_DECAY),
                        u / v.get(ConcentrationFlags.DECAY_LEARNING_RATE_EVERY));
                adam.setLearningRate(lr);
                trainer.collect(u, lengths::add);
                PpoTrainer.UpdateStats stats = trainer.update(u, adam);
                double seconds = budget.epochEnds();
                requireFinite(u, stats);
                boolean isBest = !lengths.isEmpty() && lengths.mean() < bestMean;
                if (isBest) {
                    bestMean = lengths.mean();
                }
                state = new RunState(u + 1, BEST_METRIC, bestMean, state.timeStamp(), state.logDir());
                long envSteps = (long) (u + 1) * steps * envs;
                log(log, u, envSteps, stats, lengths, lr);
                progress(u, updates, envSteps, stats, lengths, seconds,
                        (trainer.envSteps() - stepsBefore) / ((System.nanoTime() - start) / 1e9));
                if (isBest) {
                    save(best, state);
                    wroteBest = true;
                }
                if ((u + 1) % every == 0 || u + 1 == updates) {
                    save(last, state);
                    savedAt = u + 1;
                }
            }
            if (u > first && savedAt != u) {
                // stopped by the budget between regular checkpoints
                save(last, state);
                savedAt = u;
            }
        }
        return new Outcome(u, trainer.envSteps(), savedAt >= 0 || Files.exists(last) ? last : null,
                wroteBest || Files.exists(best) ? best : null);
    }

    private void requireFinite(int u, PpoTrainer.UpdateStats stats) {
        String where = "update " + u;
        if (!Double.isFinite(stats.loss())) {
            throw new TrainingFailure(where + ": the PPO loss is " + stats.loss() + "; the last good checkpoint "
                    + "is the last one saved");
        }
        for (Parameter p : policy.parameters()) {
            for (float x : p.data()) {
                if (!Float.isFinite(x)) {
                    throw new TrainingFailure(where + ": parameter " + p.name() + " is " + x + " after the "
                            + "optimiser step; the last good checkpoint is the last one saved");
                }
            }
        }
    }

    private void log(ScalarLogger log, int u, long envSteps, PpoTrainer.UpdateStats s, GameLengths lengths,
                     double lr) {
        log.scalar("Loss/a2c", u, s.loss());
        log.scalar("Loss/value", u, v.get(ConcentrationFlags.VALUE_COEFFICIENT) * s.valueLoss());
        log.scalar("Loss/policy", u, s.policyLoss());
        log.scalar("Loss/entropy", u, v.get(ConcentrationFlags.ENTROPY_COEFFICIENT) * s.entropy());
        if (!lengths.isEmpty()) {
            log.scalar("Info/steps", u, lengths.mean());
        }
        log.scalar("Info/games", u, lengths.games());
        for (int flips : new int[] {4, 6, 8, 10}) {
            log.scalar("Info/steps" + flips, u, lengths.count(flips));
        }
        log.scalar("Info/mean_returns", u, trainer.rollout().meanReturn());
        log.scalar("Info/variance_explained", u, s.explainedVariance());
        log.scalar("Info/learning_rate", u, lr);
        log.scalar("Info/env_steps", u, envSteps);
        log.flush();
    }

    /** @param rate env steps per second of this session's training so far */
    private void progress(int u, int updates, long envSteps, PpoTrainer.UpdateStats s, GameLengths lengths,
                          double seconds, double rate) {
        out.printf(Locale.ROOT, "update %d/%d | env steps %d | loss %.4f (value %.4f, policy %.4f, entropy %.3f, "
                        + "EV %.2f) | flips of the last %d games %s | %.2f s, %.0f env steps/s%n", u + 1, updates,
                envSteps, s.loss(), s.valueLoss(), s.policyLoss(), s.entropy(), s.explainedVariance(),
                GameLengths.WINDOW, lengths.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f (%d, %d)",
                        lengths.mean(), lengths.min(), lengths.max()), seconds, rate);
    }

    /** The games, carried states and game lengths of the checkpoint's run, so that training continues exactly. */
    private void restore(RunCheckpoint.Loaded ckpt, long envSteps) {
        String json = ckpt.metadata().get(RunCheckpoint.RUN_STATE);
        if (json == null || ckpt.run().isEmpty()) {
            out.println("note: " + ckpt.file() + " holds no environments; training continues with new games");
            return;
        }
        try {
            JsonObject run = JsonParser.parseString(json).getAsJsonObject();
            envs.restore(run.getAsJsonArray("environments"));
            lengths.restore(run.getAsJsonObject("games"));
            trainer.restore(ckpt.run(), envSteps);
        } catch (RuntimeException e) {
            throw new UserError("damaged checkpoint " + ckpt.file() + ": its run state cannot be restored ("
                    + e.getMessage() + ")");
        }
        out.println("=> restored the " + envs.count() + " games in progress and the agent's memories");
    }

    private void save(Path file, RunState state) {
        JsonObject run = new JsonObject();
        run.add("environments", envs.snapshot());
        run.add("games", lengths.toJson());
        try {
            RunCheckpoint.save(file, ConcentrationTask.TASK, policy, adam, state, v.toParams(), trainer.runState(),
                    run.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private void prepareCheckpointDir() {
        try {
            Files.createDirectories(checkpointDir);
            Files.delete(Files.createTempFile(checkpointDir, ".hmem-write-test", null));
        } catch (IOException e) {
            throw new UserError("cannot write checkpoints to " + checkpointDir + ": " + AtomicFiles.reason(e));
        }
    }

    private ScalarLogger openLogger(RunState state) {
        if (!v.get(TrainingFlags.LOGGING)) {
            return ScalarLogger.NONE;
        }
        Path dir = Path.of(state.logDir());
        out.println("=> logging to " + dir);
        return SupervisedRun.runLog(dir, v.toParams(), state.nextEpoch());
    }
}
