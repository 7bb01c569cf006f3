package org.hmem.task.concentration;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

import org.hmem.engine.io.AtomicFiles;
import org.hmem.engine.optim.Adam;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.engine.tensor.CarriedState;
import org.hmem.task.concentration.env.ConcentrationConfig;
import org.hmem.task.concentration.env.Deck;
import org.hmem.task.concentration.env.DeckFile;
import org.hmem.task.flags.FlagRole;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.rl.RecurrentPolicy;
import org.hmem.task.train.RunCheckpoint;
import org.hmem.task.train.TrainingFlags;

/**
 * {@code hmem concentration}: resolves the flags against {@code --resume}'s checkpoint, prepares the deck, builds the
 * policy, and trains it with PPO ({@link ConcentrationTraining}) or only evaluates it ({@link Evaluation}).
 */
public final class ConcentrationTask {

    public static final String TASK = "concentration";

    /** What a run ends with: the final evaluation, the update it stopped before, the checkpoints written. */
    public record Result(Evaluation.Result evaluation, int nextUpdate, long envSteps, Path lastCheckpoint,
                         Path bestCheckpoint) {
    }

    private ConcentrationTask() {
    }

    public static Result run(FlagValues given, PrintStream out) {
        Path resume = TrainingFlags.resume(given);
        RunCheckpoint.Loaded ckpt = RunCheckpoint.forTask(resume, TASK);
        FlagValues v = continuing(given, ckpt);
        validate(v, out);
        if (v.get(TrainingFlags.SEED) == null) {
            v = v.with(TrainingFlags.SEED, new SplittableRandom().nextLong());
        }
        ConcentrationConfig config = config(v);
        Deck deck = deck(v, config, out);
        RecurrentPolicy<?> policy = ConcentrationPolicies.build(v, config);
        out.printf(Locale.ROOT, "concentration (%s): %d cells, %s deck, %d environments, rollout %d steps%s%n",
                v.get(ConcentrationFlags.MODEL_VARIANT), config.numCells(), deck == null ? "a new" : "one fixed",
                v.get(ConcentrationFlags.NUM_ENVS), v.get(ConcentrationFlags.NUM_STEPS),
                ConcentrationFlags.relu(v) ? "" : ", T " + v.get(ConcentrationFlags.NUM_TIME_STEPS));
        return run(policy, v, config, deck, ckpt, out);
    }

    private static <S extends CarriedState> Result run(RecurrentPolicy<S> policy, FlagValues v,
                                                       ConcentrationConfig config, Deck deck,
                                                       RunCheckpoint.Loaded ckpt, PrintStream out) {
        Adam adam = new Adam(policy.parameters(), v.get(TrainingFlags.LEARNING_RATE), 0.9, 0.999,
                v.get(ConcentrationFlags.ADAM_EPS));
        int nextUpdate = ckpt == null ? 0 : ckpt.state().nextEpoch();
        if (ckpt != null) {
            RunCheckpoint.loadModel(ckpt, policy);
            out.printf(Locale.ROOT, "=> loaded checkpoint %s (next update %d)%n", ckpt.file(), nextUpdate);
        } else {
            policy.initialize(new SplittableRandom(v.get(TrainingFlags.SEED)));
            out.println("=> initialised a new policy with seed " + v.get(TrainingFlags.SEED));
        }
        int envs = v.get(ConcentrationFlags.NUM_ENVS);
        long envSeed = v.get(ConcentrationFlags.ENV_SEED);
        int games = v.get(ConcentrationFlags.EVAL_GAMES);
        try (BatchParallel parallel = new BatchParallel(v.get(TrainingFlags.THREADS))) {
            if (v.get(TrainingFlags.EVALUATE)) {
                if (ckpt == null) {
                    out.println("warning: --evaluate without --resume evaluates an untrained policy");
                }
                Evaluation.Result result = evaluate(policy, config, deck, envs, envSeed, games, parallel, out);
                return new Result(result, nextUpdate, 0, null, null);
            }
            if (ckpt != null) {
                RunCheckpoint.loadOptimizer(ckpt, adam);
            }
            ConcentrationTraining<S> training = new ConcentrationTraining<>(policy, adam, v, config, deck, parallel,
                    out);
            ConcentrationTraining.Outcome outcome = training.run(ckpt);
            Evaluation.Result result = evaluate(policy, config, deck, envs, envSeed, games, parallel, out);
            return new Result(result, outcome.nextUpdate(), outcome.envSteps(), outcome.last(), outcome.best());
        }
    }

    /**
     * The run's flags against {@code --resume}'s checkpoint, as every task resolves them, except that a resumed run
     * may give another {@code --num_env_steps} to train longer (the linear learning-rate decay then follows it).
     */
    private static FlagValues continuing(FlagValues given, RunCheckpoint.Loaded ckpt) {
        if (ckpt == null) {
            return given;
        }
        Set<String> exempt = new HashSet<>(Set.of(ConcentrationFlags.NUM_ENV_STEPS.name()));
        if (given.get(TrainingFlags.EVALUATE)) {
            exempt.addAll(given.flagSet().exemptOnEvaluate());
        }
        return given.continuing(ckpt.params(), ckpt.file(), Set.of(FlagRole.MODEL, FlagRole.SETTING), exempt, true);
    }

    static <S extends CarriedState> Evaluation.Result evaluate(RecurrentPolicy<S> policy, ConcentrationConfig config,
                                                               Deck deck, int envs, long envSeed, int games,
                                                               BatchParallel parallel, PrintStream out) {
        Evaluation.Result agent = Evaluation.agent(policy, config, deck, envs, envSeed, games, parallel);
        Evaluation.print(agent, Evaluation.randomAgent(config, deck, envSeed, 10_000), config, out);
        return agent;
    }

    static ConcentrationConfig config(FlagValues v) {
        return new ConcentrationConfig(v.get(ConcentrationFlags.NUM_CELLS), v.get(ConcentrationFlags.CARD_SHAPE),
                v.get(ConcentrationFlags.MATCH_REWARD), v.get(ConcentrationFlags.FLIP_PENALTY),
                v.get(ConcentrationFlags.RESAMPLE_CARDS));
    }

    /**
     * The fixed deck, read from (or, the first time, drawn from {@code --env_seed} and written to) the data folder,
     * once, before any environment starts (spec §13.2 item 25); null with {@code --resample_cards}.
     */
    static Deck deck(FlagValues v, ConcentrationConfig config, PrintStream out) {
        if (config.resampleCards()) {
            return null;
        }
        Path dir = v.path(ConcentrationFlags.DIR);
        Path file = DeckFile.path(dir, config.numCells());
        boolean existed = file.toFile().exists();
        try {
            Deck deck = DeckFile.loadOrCreate(dir, config, v.get(ConcentrationFlags.ENV_SEED));
            out.println("=> " + (existed ? "deck read from " : "new deck drawn and written to ") + file);
            return deck;
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError("cannot read or write the deck " + file + ": " + AtomicFiles.reason(e)
                    + " (set --dir to a writable folder)");
        }
    }

    private static void validate(FlagValues v, PrintStream out) {
        v.validate();
        int envs = v.get(ConcentrationFlags.NUM_ENVS), batches = v.get(ConcentrationFlags.PPO_BATCHES);
        if (envs % batches != 0) {
            throw new UserError("--num_envs " + envs + " must be a multiple of --ppo_batches " + batches
                    + " (each PPO minibatch takes num_envs / ppo_batches whole environments)");
        }
        long updates = v.get(ConcentrationFlags.NUM_ENV_STEPS) / v.get(ConcentrationFlags.NUM_STEPS) / envs;
        if (updates < 1 && !v.get(TrainingFlags.EVALUATE)) {
            throw new UserError("--num_env_steps " + v.get(ConcentrationFlags.NUM_ENV_STEPS) + " is less than one "
                    + "update (--num_steps x --num_envs = " + (long) v.get(ConcentrationFlags.NUM_STEPS) * envs + ")");
        }
        if (updates > Integer.MAX_VALUE) {
            throw new UserError("--num_env_steps is too large: " + updates + " updates");
        }
        if (v.get(MemoryFlags.EMBEDDING_SIZE) != 80 || v.get(MemoryFlags.READOUT_DELAY) != 1) {
            out.println("note: the reference hard-codes --embedding_size 80 and --readout_delay 1 in its state "
                    + "shapes; hmem derives the shapes from the flags (docs/DECISIONS.md)");
        }
        if (v.get(ConcentrationFlags.CUDA)) {
            out.println("note: --cuda is accepted for compatibility; hmem computes on the CPU (--threads "
                    + v.get(TrainingFlags.THREADS) + ")");
        }
        if (v.get(ConcentrationFlags.USE_RMS_PROP) || v.get(ConcentrationFlags.USE_SMOOTH_L1_LOSS)) {
            out.println("note: --use_rms_prop and --use_smooth_l1_loss are unused by the reference and have no "
                    + "effect (Adam and the clipped squared value loss are used)");
        }
    }
}
