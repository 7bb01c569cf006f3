package org.hmem.task.concentration;

import static org.hmem.task.flags.FlagGroup.DATA;
import static org.hmem.task.flags.FlagGroup.MODEL;
import static org.hmem.task.flags.FlagGroup.OUTPUT;
import static org.hmem.task.flags.FlagGroup.RUN;
import static org.hmem.task.flags.FlagGroup.TRAINING;

import java.util.List;

import org.hmem.task.flags.Allowed;
import org.hmem.task.flags.Flag;
import org.hmem.task.flags.FlagRole;
import org.hmem.task.flags.FlagSet;
import org.hmem.task.flags.FlagType;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.rl.PpoConfig;
import org.hmem.task.rl.PpoLoss;
import org.hmem.task.train.TrainingFlags;

/**
 * The flags of {@code hmem concentration} (spec §8.8): the reference's spiking and ReLU scripts in one command
 * ({@code --model}), with their defaults, the reference's dead flags accepted with a note, and hmem's own run
 * settings; and of its {@code plot} and {@code play} subcommands.
 */
public final class ConcentrationFlags {

    private ConcentrationFlags() {
    }

    static boolean relu(FlagValues v) {
        return "relu".equals(v.get(MODEL_VARIANT));
    }

    private static Flag<Double> setting(String name, double value, String help) {
        return Flag.of(name, FlagType.DOUBLE, TRAINING, help).withDefault(value).role(FlagRole.SETTING);
    }

    private static Flag<Integer> count(String name, int value, String help) {
        return Allowed.atLeast(Flag.of(name, FlagType.INT, TRAINING, help), 1).withDefault(value)
                .role(FlagRole.SETTING);
    }

    private static Flag<Boolean> dead(String name, String help) {
        return Flag.of(name, FlagType.SWITCH, TRAINING, help + " Unused by the reference; accepted, no effect.")
                .withDefault(false);
    }

    public static final Flag<String> MODEL_VARIANT = Allowed.oneOf(Flag.of("model", FlagType.STRING, MODEL,
            "Spiking H-Mem core or its non-spiking ReLU baseline.").withDefault("spiking").role(FlagRole.MODEL),
            "spiking", "relu");
    public static final Flag<Integer> NUM_CELLS = Allowed.between(Flag.of("num_cells", FlagType.INT, MODEL,
            "Cells of the grid (paper: 4 or 6); an odd number leaves one cell permanently empty."), 2, 64)
            .withDefault(4).role(FlagRole.MODEL);
    public static final Flag<Integer> CARD_SHAPE = Allowed.atLeast(Flag.of("card_shape", FlagType.INT, MODEL,
            "Length of each card's random image vector."), 1).withDefault(10).role(FlagRole.MODEL);
    public static final Flag<Integer> NUM_TIME_STEPS = Allowed.atLeast(Flag.of("num_time_steps", FlagType.INT,
            MODEL, "Simulation steps T per observation (spiking)."), 31).withDefault(100).role(FlagRole.MODEL);
    public static final Flag<Integer> RELU_READ_EACH_STEP = Allowed.zeroOrOne(Flag.of("relu_read_each_step",
            FlagType.BINARY, MODEL, "ReLU model: 1 writes and reads step by step (acting and training see the "
                    + "same); 0 reproduces the reference, which in training reads every step with the memory after "
                    + "all steps of the rollout (docs/DECISIONS.md)."))
            .withDefault(1).role(FlagRole.MODEL);

    public static final Flag<Boolean> RESAMPLE_CARDS = Flag.of("resample_cards", FlagType.SWITCH, DATA,
            "A new random deck every game (default: one fixed deck, read from or created in --dir).")
            .withDefault(false).role(FlagRole.SETTING);
    public static final Flag<Double> MATCH_REWARD = Flag.of("match_reward", FlagType.DOUBLE, DATA,
            "Reward for turning up a matching pair.").withDefault(25.0).role(FlagRole.SETTING);
    public static final Flag<Double> FLIP_PENALTY = Flag.of("flip_penalty", FlagType.DOUBLE, DATA,
            "Reward of every flip.").withDefault(-0.5).role(FlagRole.SETTING);
    public static final Flag<Long> ENV_SEED = Flag.of("env_seed", FlagType.LONG, DATA,
            "Base seed of the environments (environment i gets env_seed + i; evaluation env_seed + 1 + i).")
            .withDefault(42L).role(FlagRole.SETTING);
    public static final Flag<String> DIR = Flag.of("dir", FlagType.STRING, DATA,
            "Data folder of the fixed deck (ConcentrationDataset/images-<n>.npy, created on first use); "
                    + "default: $HMEM_CONCENTRATION_DIR or ./data.")
            .withDefault(v -> {
                String env = System.getenv("HMEM_CONCENTRATION_DIR");
                return env == null || env.isBlank() ? "data" : env;
            }, "$HMEM_CONCENTRATION_DIR or data").label("DIR");

    public static final Flag<Integer> NUM_ENVS = count("num_envs", 64, "Parallel environments.");
    public static final Flag<Long> NUM_ENV_STEPS = Flag.of("num_env_steps", FlagType.LONG,
            TRAINING, "Environment steps to train for (all environments); a resumed run may raise it.").allowing(n -> n >= 1, ">= 1")
            .withDefault(100_000_000L).role(FlagRole.SETTING);
    public static final Flag<Integer> NUM_STEPS = count("num_steps", 10,
            "Rollout length per update (paper: 10 for 4 cards, 100 for 6).");
    public static final Flag<Boolean> DECAY_LR_LINEARLY = Flag.of("decay_lr_linearly", FlagType.SWITCH, TRAINING,
            "Decay the learning rate linearly to 0 over all updates.").withDefault(false).role(FlagRole.SETTING);
    public static final Flag<Double> LEARNING_RATE_DECAY = Allowed.positive(setting("learning_rate_decay", 1.0,
            "Step-decay factor of the learning rate (without --decay_lr_linearly)."));
    public static final Flag<Integer> DECAY_LEARNING_RATE_EVERY = count("decay_learning_rate_every", 2000,
            "Updates per learning-rate decay step.");
    public static final Flag<Double> DISCOUNT_FACTOR = Allowed.between(setting("discount_factor", 0.99,
            "Discount factor gamma of the returns."), 0, 1);
    public static final Flag<Double> PPO_CLIP_PARAM = Allowed.between(setting("ppo_clip_param", 0.2,
            "PPO clip range of the policy ratio and the value change."), 0, 10);
    public static final Flag<Integer> PPO_BATCHES = count("ppo_batches", 16,
            "Recurrent minibatches per PPO epoch (must divide --num_envs).");
    public static final Flag<Integer> PPO_EPOCHS = count("ppo_epochs", 4, "PPO epochs per update.");
    public static final Flag<Double> VALUE_COEFFICIENT = Allowed.nonNegative(setting("value_coefficient", 0.1,
            "Weight of the value loss."));
    public static final Flag<Double> ENTROPY_COEFFICIENT = Allowed.finite(setting("entropy_coefficient", 0.01,
            "Weight of the entropy bonus."));
    public static final Flag<Double> ADAM_EPS = Allowed.positive(setting("adam_eps", 1e-5, "Adam epsilon."));
    public static final Flag<Boolean> USE_RMS_PROP = dead("use_rms_prop", "RMSprop instead of Adam.");
    public static final Flag<Double> RMS_PROP_EPS = Flag.of("rms_prop_eps", FlagType.DOUBLE, TRAINING,
            "RMSprop epsilon. Unused by the reference; accepted, no effect.").withDefault(1e-5);
    public static final Flag<Double> RMS_PROP_ALPHA = Flag.of("rms_prop_alpha", FlagType.DOUBLE, TRAINING,
            "RMSprop alpha. Unused by the reference; accepted, no effect.").withDefault(0.99);
    public static final Flag<Boolean> NORMALIZE_ADVANTAGE = dead("normalize_advantage",
            "Normalise advantages (they always are).");
    public static final Flag<Boolean> USE_SMOOTH_L1_LOSS = dead("use_smooth_l1_loss", "Smooth L1 value loss.");
    public static final Flag<Integer> START_UPDATE = Allowed.atLeast(Flag.of("start_update", FlagType.INT, RUN,
            "First update of a new run (sets the learning-rate schedule); a resumed run continues after the "
                    + "checkpoint's update."), 0).withDefault(0);
    public static final Flag<Boolean> CUDA = Flag.of("cuda", FlagType.SWITCH, RUN,
            "Accepted for compatibility; hmem computes on the CPU.").withDefault(false);
    public static final Flag<Integer> CHECKPOINT_EVERY = Allowed.atLeast(Flag.of("checkpoint_every", FlagType.INT,
            OUTPUT, "Updates between checkpoints (the reference saves after every update); the last update and "
                    + "a --time_budget stop always save."), 1).withDefault(50);
    public static final Flag<Integer> EVAL_GAMES = Allowed.atLeast(Flag.of("eval_games", FlagType.INT, RUN,
            "Games --evaluate plays (deterministic actions; at most 10 000 vector steps as the reference)."), 1)
            .withDefault(1000).exemptOnEvaluate();
    public static final Flag<Double> TIME_BUDGET = Allowed.nonNegative(Flag.of("time_budget", FlagType.DOUBLE, RUN,
            "Stop before an update that would end after this many minutes (a checkpoint is saved; resume "
                    + "continues); 0 = no limit.").withDefault(0.0).label("MINUTES"));

    /** The flags that define the model. */
    public static final List<Flag<?>> MODEL_FLAGS = List.of(MODEL_VARIANT, NUM_CELLS, CARD_SHAPE, NUM_TIME_STEPS,
            RELU_READ_EACH_STEP);

    /** Every flag of {@code hmem concentration}. */
    public static final FlagSet TRAIN = FlagSet.of(MODEL_FLAGS, MemoryFlags.ALL, RESAMPLE_CARDS, MATCH_REWARD,
            FLIP_PENALTY, ENV_SEED, DIR, NUM_ENVS, NUM_ENV_STEPS, NUM_STEPS, TrainingFlags.LEARNING_RATE,
            DECAY_LR_LINEARLY, LEARNING_RATE_DECAY, DECAY_LEARNING_RATE_EVERY, DISCOUNT_FACTOR, PPO_CLIP_PARAM,
            PPO_BATCHES, PPO_EPOCHS, VALUE_COEFFICIENT, ENTROPY_COEFFICIENT, TrainingFlags.MAX_GRAD_NORM, ADAM_EPS,
            USE_RMS_PROP, RMS_PROP_EPS, RMS_PROP_ALPHA, NORMALIZE_ADVANTAGE, USE_SMOOTH_L1_LOSS, START_UPDATE,
            TrainingFlags.RESUME, TrainingFlags.EVALUATE, EVAL_GAMES, TrainingFlags.LOGGING, CHECKPOINT_EVERY,
            TrainingFlags.CHECKPOINT_DIR, TrainingFlags.RUNS_DIR, CUDA, TrainingFlags.SEED, TrainingFlags.THREADS,
            TrainingFlags.CHECKPOINT_INTERVAL, TIME_BUDGET).with(
            MemoryFlags.GAMMA_POS.withDefault(v -> relu(v) ? 0.1 : 0.3, "0.3; 0.1 for --model relu"),
            MemoryFlags.GAMMA_NEG.withDefault(v -> relu(v) ? 0.1 : 0.3, "0.3; 0.1 for --model relu"),
            TrainingFlags.LEARNING_RATE.withDefault(3e-4), TrainingFlags.MAX_GRAD_NORM.withDefault(0.5));

    /** Every flag of {@code hmem concentration play}: the game's settings and the seed of its layout. */
    public static final FlagSet PLAY = FlagSet.of(NUM_CELLS, CARD_SHAPE, RESAMPLE_CARDS, MATCH_REWARD, FLIP_PENALTY,
            ENV_SEED, DIR, Flag.of("seed", FlagType.LONG, RUN, "Seed of the game's layout (default: random)."));

    public static final Flag<String> CHECKPOINT = Flag.of("checkpoint", FlagType.STRING, RUN,
            "Checkpoint to plot (default: an untrained policy, no learning curve).").label("FILE")
            .alias("--checkpoint_path", "--checkpoint-path");
    public static final Flag<String> OUT = Flag.of("out", FlagType.STRING, OUTPUT,
            "Folder for the PNG files.").withDefault("results/plots").label("DIR").alias("--out_dir", "--out-dir");
    public static final Flag<Integer> REPLAY_FLIPS = Allowed.between(Flag.of("replay_flips", FlagType.INT, OUTPUT,
            "Flips of the replayed game shown at most."), 1, 40).withDefault(10);

    /** Every flag of {@code hmem concentration plot}: the model and the game come from the checkpoint. */
    public static final FlagSet PLOT = FlagSet.of(MODEL_FLAGS, MemoryFlags.ALL, RESAMPLE_CARDS, MATCH_REWARD,
            FLIP_PENALTY, ENV_SEED, DIR, CHECKPOINT, OUT, REPLAY_FLIPS, TrainingFlags.SEED,
            TrainingFlags.CHECKPOINT_INTERVAL).with(
            MemoryFlags.GAMMA_POS.withDefault(v -> relu(v) ? 0.1 : 0.3, "0.3; 0.1 for --model relu"),
            MemoryFlags.GAMMA_NEG.withDefault(v -> relu(v) ? 0.1 : 0.3, "0.3; 0.1 for --model relu"))
            .subsetOfCheckpointParams();

    public static PpoConfig ppo(FlagValues v) {
        return new PpoConfig(v.get(NUM_STEPS), v.get(PPO_EPOCHS), v.get(PPO_BATCHES), v.get(DISCOUNT_FACTOR),
                new PpoLoss(v.get(PPO_CLIP_PARAM), v.get(VALUE_COEFFICIENT), v.get(ENTROPY_COEFFICIENT)),
                v.get(TrainingFlags.MAX_GRAD_NORM));
    }

    /** The reference's file-name suffix. */
    public static String suffix(FlagValues v) {
        return "num_envs" + v.get(NUM_ENVS) + "-num_cells" + v.get(NUM_CELLS) + "_reinforcement-learning-task"
                + (relu(v) ? "_relu" : "");
    }
}
