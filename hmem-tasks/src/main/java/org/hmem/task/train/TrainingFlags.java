package org.hmem.task.train;

import static org.hmem.task.flags.FlagGroup.DATA;
import static org.hmem.task.flags.FlagGroup.OUTPUT;
import static org.hmem.task.flags.FlagGroup.RUN;
import static org.hmem.task.flags.FlagGroup.TRAINING;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.hmem.task.flags.Allowed;
import org.hmem.task.flags.Flag;
import org.hmem.task.flags.FlagRole;
import org.hmem.task.flags.FlagType;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;

/**
 * The flags of every supervised training command (spec §7, §8, §11): optimisation, the activity regulariser, run
 * control, output, the distributed block, and hmem's own run settings. Tasks take {@link #ALL}, replacing the flags
 * whose defaults differ (epochs, batch size), and turn the values into {@link TrainingOptions} and
 * {@link RunSettings} here.
 */
public final class TrainingFlags {

    private TrainingFlags() {
    }

    private static Flag<Double> setting(String name, double value, String help) {
        return Flag.of(name, FlagType.DOUBLE, TRAINING, help).withDefault(value).role(FlagRole.SETTING);
    }

    public static final Flag<Integer> EPOCHS = Allowed.atLeast(Flag.of("epochs", FlagType.INT, TRAINING,
            "Epochs to train."), 0).withDefault(100);
    public static final Flag<Integer> BATCH_SIZE = Allowed.atLeast(Flag.of("batch_size", FlagType.INT, TRAINING,
            "Batch size."), 1).withDefault(32).role(FlagRole.SETTING).exemptOnEvaluate();
    public static final Flag<Double> LEARNING_RATE = Allowed.positive(setting("learning_rate", 0.003,
            "Initial Adam learning rate."));
    public static final Flag<Double> LEARNING_RATE_DECAY = Allowed.positive(setting("learning_rate_decay", 0.85,
            "Step-decay factor of the learning rate."));
    public static final Flag<Integer> DECAY_LEARNING_RATE_EVERY = Allowed.atLeast(Flag.of(
            "decay_learning_rate_every", FlagType.INT, TRAINING, "Epochs per learning-rate decay step."), 1)
            .withDefault(20).role(FlagRole.SETTING);
    public static final Flag<Double> MAX_GRAD_NORM = Allowed.finite(setting("max_grad_norm", 40.0,
            "Global gradient-norm clipping; <= 0 disables it."));
    // rates are in Hz (squared errors of 1e4 and more), so a weight above 1 only lets the regulariser overflow
    public static final Flag<Double> L2 = Allowed.between(setting("l2", 1e-5,
            "Weight of the firing-rate regulariser, applied from epoch 1 (spiking models)."), 0, 1);
    public static final Flag<Double> TARGET_RATE = Allowed.between(setting("target_rate", 0.0,
            "Target firing rate of the regulariser, Hz (at most one spike per 1 ms step)."), 0, 1000);

    public static final Flag<Integer> START_EPOCH = Allowed.atLeast(Flag.of("start_epoch", FlagType.INT, RUN,
            "First epoch of a new run (sets the learning-rate schedule); a resumed run continues at the "
                    + "checkpoint's epoch."), 0).withDefault(0);
    public static final Flag<String> RESUME = Flag.of("resume", FlagType.STRING, RUN,
            "Checkpoint to resume training from, or to evaluate with --evaluate; its model and training settings "
                    + "are the defaults.").withDefault("").label("FILE");
    public static final Flag<Boolean> EVALUATE = Flag.of("evaluate", FlagType.SWITCH, RUN,
            "Only evaluate on the test set (with --resume FILE).").withDefault(false);
    public static final Flag<Long> SEED = Flag.of("seed", FlagType.LONG, RUN,
            "Seed of the parameter initialisation (default: random, printed).");
    public static final Flag<Integer> WORKERS = Allowed.atLeast(Flag.of("workers", FlagType.INT,
            DATA, "Reference: data-loader processes. Here: the number of "
                    + "training-data streams (for the associations task it also sets the validation/test seeds as "
                    + "in the reference); compute threads are --threads."), 1).withDefault(4);
    public static final Flag<Integer> PREFETCH_FACTOR = Flag.of("prefetch_factor", FlagType.INT,
            DATA, "Accepted for compatibility; no effect (batches are built on "
                    + "demand).").withDefault(2);

    public static final Flag<Boolean> LOGGING = Flag.of("logging", FlagType.SWITCH, OUTPUT,
            "Write TensorBoard event files and scalars.csv to --runs_dir/<run name>/.").withDefault(false);
    public static final Flag<Integer> PRINT_FREQ = Allowed.atLeast(Flag.of("print_freq", FlagType.INT, OUTPUT,
            "Iterations between progress lines; 0 prints only epoch summaries."), 0).withDefault(1);
    public static final Flag<String> CHECKPOINT_DIR = Flag.of("checkpoint_dir", FlagType.STRING, OUTPUT,
            "Where checkpoints are written.").withDefault("results/checkpoints").label("DIR");
    public static final Flag<String> RUNS_DIR = Flag.of("runs_dir", FlagType.STRING, OUTPUT,
            "Where --logging writes.").withDefault("results/runs").label("DIR");

    public static final Flag<Integer> THREADS = Allowed.between(Flag.of("threads", FlagType.INT, RUN,
            "Compute threads."), 1, 1024).withDefault(v -> Runtime.getRuntime().availableProcessors(), "all cores");
    public static final Flag<Integer> CHECKPOINT_INTERVAL = Allowed.atLeast(Flag.of("checkpoint_interval",
            FlagType.INT, RUN, "Steps between memory checkpoints in BPTT; 0 = sqrt(steps). Changes speed and memory, "
                    + "never results."), 0).withDefault(0);
    public static final Flag<Double> TIME_BUDGET = Allowed.nonNegative(Flag.of("time_budget", FlagType.DOUBLE, RUN,
            "Stop before an epoch that would end after this many minutes of training (checkpoints stay "
                    + "resumable); 0 = no limit.").withDefault(0.0).label("MINUTES"));
    public static final Flag<String> SPARK = Flag.of("spark", FlagType.STRING, RUN,
            "Train data-parallel on Apache Spark: local[N] in this JVM, spark://HOST:PORT, yarn, k8s://...; each "
                    + "batch is split into shards computed by the executors (see the README).").withDefault("")
            .label("MASTER");
    public static final Flag<Integer> SHARDS = Allowed.atLeast(Flag.of("shards", FlagType.INT, RUN,
            "With --spark: shards per batch (0 = --world_size if given, else one per executor core).")
            .withDefault(0), 0);
    public static final Flag<Integer> WORLD_SIZE = Flag.of("world_size", FlagType.INT, RUN,
            "The reference's number of distributed processes; with --spark it is the shard count (see "
                    + "--shards).").withDefault(-1);
    public static final Flag<Integer> RANK = Flag.of("rank", FlagType.INT, RUN,
            "The reference's process rank; Spark assigns shards to executors, so it has no effect.").withDefault(-1);
    public static final Flag<String> DIST_URL = Flag.of("dist_url", FlagType.STRING, RUN,
            "The reference's rendezvous URL; the cluster is --spark's master URL.").withDefault("tcp://127.0.0.1:23456")
            .label("URL");
    public static final Flag<String> DIST_BACKEND = Allowed.oneOf(Flag.of("dist_backend", FlagType.STRING, RUN,
            "The reference's collective backend; Spark carries the shards' gradients.").withDefault("nccl"), "nccl",
            "mpi", "gloo");
    public static final Flag<Integer> GPU = Flag.of("gpu", FlagType.INT, RUN,
            "Accepted for compatibility; hmem computes on the CPU.");
    public static final Flag<Boolean> MULTIPROCESSING_DISTRIBUTED = Flag.of("multiprocessing_distributed",
            FlagType.SWITCH, RUN, "The reference's one process per GPU; here: use --spark local[N] (one JVM, N "
                    + "shards) or a cluster.").withDefault(false);

    /** Every flag above, in help order. */
    public static final List<Flag<?>> ALL = List.of(EPOCHS, BATCH_SIZE, LEARNING_RATE, LEARNING_RATE_DECAY,
            DECAY_LEARNING_RATE_EVERY, MAX_GRAD_NORM, L2, TARGET_RATE, WORKERS, PREFETCH_FACTOR, LOGGING, PRINT_FREQ,
            CHECKPOINT_DIR, RUNS_DIR, START_EPOCH, RESUME, EVALUATE, SEED, THREADS, CHECKPOINT_INTERVAL, TIME_BUDGET,
            SPARK, SHARDS, WORLD_SIZE, RANK, DIST_URL, DIST_BACKEND, GPU, MULTIPROCESSING_DISTRIBUTED);

    /** The checkpoint to resume or evaluate, or null. */
    public static Path resume(FlagValues v) {
        String r = v.get(RESUME);
        return r.isEmpty() ? null : Path.of(r);
    }

    /**
     * The flags of a run that resumes or evaluates {@code ckpt} ({@code null}: {@code given} unchanged): the
     * checkpoint's model and setting flags become the defaults; with {@code check}, a given flag that differs from
     * the stored one is refused, except, under {@code --evaluate}, those an evaluation may change.
     */
    public static FlagValues continuing(FlagValues given, RunCheckpoint.Loaded ckpt, boolean check) {
        if (ckpt == null) {
            return given;
        }
        return given.continuing(ckpt.params(), ckpt.file(), Set.of(FlagRole.MODEL, FlagRole.SETTING),
                given.get(EVALUATE) ? given.flagSet().exemptOnEvaluate() : Set.of(), check);
    }

    /** The optimisation settings, with the task's regulariser. */
    public static TrainingOptions training(FlagValues v, ActivityRegularization regularization) {
        return new TrainingOptions(v.get(EPOCHS), v.get(LEARNING_RATE), v.get(LEARNING_RATE_DECAY),
                v.get(DECAY_LEARNING_RATE_EVERY), v.get(MAX_GRAD_NORM), regularization, v.get(PRINT_FREQ),
                v.get(TIME_BUDGET));
    }

    /** The regulariser of the spiking scripts: {@code --l2}, {@code --target_rate}, from epoch {@code fromEpoch}. */
    public static ActivityRegularization regularization(FlagValues v, int fromEpoch) {
        return new ActivityRegularization(v.get(L2), v.get(TARGET_RATE), fromEpoch);
    }

    /**
     * What the run needs besides model and data. Without {@code --seed} a random seed is drawn (and printed by the
     * run), so every run can be repeated.
     */
    public static RunSettings run(FlagValues v, String task, String suffix, TrainingOptions training) {
        Long seed = v.get(SEED);
        return new RunSettings(task, suffix, v.path(CHECKPOINT_DIR), v.path(RUNS_DIR), v.get(LOGGING),
                v.get(EVALUATE), v.toParams(), training, v.get(THREADS),
                seed != null ? seed : new SplittableRandom().nextLong(), v.get(START_EPOCH), distribution(v));
    }

    /** In this process, or on the cluster of {@code --spark} with {@code --shards} (or {@code --world_size}). */
    public static Distribution distribution(FlagValues v) {
        if (v.get(SPARK).isEmpty()) {
            return Distribution.NONE;
        }
        int shards = v.get(SHARDS) > 0 ? v.get(SHARDS) : Math.max(v.get(WORLD_SIZE), 0);
        return new Distribution(v.get(SPARK), shards);
    }

    /**
     * Refuses {@code --spark} up front for a task whose models have batch-level passes (a CNN over the whole
     * batch), which shards cannot split yet.
     */
    public static void requireOneProcess(FlagValues v, String task) {
        if (!v.get(SPARK).isEmpty() && !v.get(EVALUATE)) {
            throw new UserError("--spark: " + task + " cannot be trained on a cluster yet (its CNN runs over the "
                    + "whole batch); associations and bAbI can");
        }
    }

    /** Refuses what this version cannot do and says what the reference's distributed flags map to. */
    public static void checkRun(FlagValues v, PrintStream out) {
        boolean spark = !v.get(SPARK).isEmpty();
        if (!spark && (v.get(WORLD_SIZE) > 1 || v.get(MULTIPROCESSING_DISTRIBUTED))) {
            throw new UserError("distributed training (--world_size > 1, --multiprocessing_distributed) runs on "
                    + "Apache Spark here: add --spark local[N] to use N cores of this JVM, or --spark "
                    + "spark://HOST:PORT for a cluster (README, 'Training on a cluster')");
        }
        if (!spark && v.get(SHARDS) > 0) {
            throw new UserError("--shards splits batches over a cluster: it needs --spark MASTER");
        }
        if (spark && v.get(EVALUATE)) {
            out.println("note: --evaluate runs in this process; --spark is for training");
        }
        if (spark && v.isGiven(WORLD_SIZE) && v.get(SHARDS) == 0 && v.get(WORLD_SIZE) > 0) {
            out.println("note: --world_size " + v.get(WORLD_SIZE) + " becomes " + v.get(WORLD_SIZE)
                    + " shards per batch (--shards)");
        }
        if (v.isGiven(RANK) || v.isGiven(DIST_URL) || v.isGiven(DIST_BACKEND)) {
            out.println("note: --rank, --dist_url and --dist_backend belong to the reference's process groups; "
                    + "hmem trains distributed with --spark MASTER (the driver alone logs and saves), so they "
                    + "have no effect");
        }
        if (spark && v.get(MULTIPROCESSING_DISTRIBUTED)) {
            out.println("note: --multiprocessing_distributed: with --spark every executor core computes a shard");
        }
        if (v.get(GPU) != null) {
            out.println("note: --gpu is accepted for compatibility; hmem computes on the CPU (--threads "
                    + v.get(THREADS) + ")");
        }
    }
}
