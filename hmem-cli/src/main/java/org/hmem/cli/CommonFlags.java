package org.hmem.cli;

import org.hmem.task.train.CommonOptions;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The flags all task commands share (neurons, memory, optimisation, run control, the distributed block, hmem's run
 * settings), written into a task's {@link CommonOptions}. Each command adds this mixin around its own options object,
 * and {@link #defaults} shows that task's defaults in {@code --help}.
 */
public final class CommonFlags {

    private final CommonOptions o;

    public CommonFlags(CommonOptions target) {
        this.o = target;
    }

    /** Help-text defaults taken from the task's options before parsing; null leaves other options alone. */
    public static CommandLine.IDefaultValueProvider defaults(CommonOptions taskDefaults) {
        return (ArgSpec arg) -> arg instanceof OptionSpec opt
                ? taskDefaults.defaultOf(opt.longestName().replaceFirst("^--", "").replace('-', '_')) : null;
    }

    @Option(names = {"--embedding_size", "--embedding-size"}, order = 100,
            description = "Embedding size E (default: ${DEFAULT-VALUE}).")
    void embeddingSize(int v) {
        o.embeddingSize = v;
    }

    @Option(names = {"--memory_size", "--memory-size"}, order = 101,
            description = "Number of key and of value neurons M (default: ${DEFAULT-VALUE}).")
    void memorySize(int v) {
        o.memorySize = v;
    }

    @Option(names = {"--w_max", "--w-max"}, order = 102,
            description = "Soft upper bound of the plasticity rule (default: ${DEFAULT-VALUE}).")
    void wMax(double v) {
        o.wMax = v;
    }

    @Option(names = {"--gamma_pos", "--gamma-pos"}, order = 103,
            description = "Potentiation rate gamma+ (default: 0.3; 0.1 for --model relu).")
    void gammaPos(double v) {
        o.gammaPos = v;
    }

    @Option(names = {"--gamma_neg", "--gamma-neg"}, order = 104,
            description = "Depression rate gamma- (default: 0.3; 0.1 for --model relu).")
    void gammaNeg(double v) {
        o.gammaNeg = v;
    }

    @Option(names = {"--tau_trace", "--tau-trace"}, order = 105,
            description = "Time constant of key/value traces, steps (default: ${DEFAULT-VALUE}).")
    void tauTrace(double v) {
        o.tauTrace = v;
    }

    @Option(names = {"--readout_delay", "--readout-delay"}, order = 106,
            description = "Value-to-key feedback delay D of the reading layer (default: ${DEFAULT-VALUE}).")
    void readoutDelay(int v) {
        o.readoutDelay = v;
    }

    @Option(names = "--thr", order = 107, description = "Firing threshold (default: ${DEFAULT-VALUE}).")
    void thr(double v) {
        o.thr = v;
    }

    @Option(names = {"--perfect_reset", "--perfect-reset"}, order = 108,
            description = "Reset the membrane to zero after a spike instead of subtracting the threshold.")
    void perfectReset(boolean v) {
        o.perfectReset = v;
    }

    @Option(names = {"--refractory_time_steps", "--refractory-time-steps"}, order = 109,
            description = "Refractory period R in steps (default: ${DEFAULT-VALUE}).")
    void refractory(int v) {
        o.refractoryTimeSteps = v;
    }

    @Option(names = {"--tau_mem", "--tau-mem"}, order = 110,
            description = "Membrane time constant, steps (default: ${DEFAULT-VALUE}).")
    void tauMem(double v) {
        o.tauMem = v;
    }

    @Option(names = {"--dampening_factor", "--dampening-factor"}, order = 111,
            description = "Dampening of the triangular surrogate gradient (default: ${DEFAULT-VALUE}).")
    void dampening(double v) {
        o.dampeningFactor = v;
    }

    @Option(names = "--epochs", order = 200, description = "Epochs to train (default: ${DEFAULT-VALUE}).")
    void epochs(int v) {
        o.epochs = v;
    }

    @Option(names = {"--batch_size", "--batch-size"}, order = 201,
            description = "Batch size (default: ${DEFAULT-VALUE}).")
    void batchSize(int v) {
        o.batchSize = v;
    }

    @Option(names = {"--learning_rate", "--learning-rate"}, order = 202,
            description = "Initial Adam learning rate (default: 0.003; 0.001 for --model relu).")
    void learningRate(double v) {
        o.learningRate = v;
    }

    @Option(names = {"--learning_rate_decay", "--learning-rate-decay"}, order = 203,
            description = "Step-decay factor of the learning rate (default: ${DEFAULT-VALUE}).")
    void learningRateDecay(double v) {
        o.learningRateDecay = v;
    }

    @Option(names = {"--decay_learning_rate_every", "--decay-learning-rate-every"}, order = 204,
            description = "Epochs per learning-rate decay step (default: ${DEFAULT-VALUE}).")
    void decayEvery(int v) {
        o.decayLearningRateEvery = v;
    }

    @Option(names = {"--max_grad_norm", "--max-grad-norm"}, order = 205,
            description = "Global gradient-norm clipping; <= 0 disables it (default: ${DEFAULT-VALUE}).")
    void maxGradNorm(double v) {
        o.maxGradNorm = v;
    }

    @Option(names = "--l2", order = 206,
            description = "Weight of the firing-rate regulariser, applied from epoch 1 (spiking; default: "
                    + "${DEFAULT-VALUE}).")
    void l2(double v) {
        o.l2 = v;
    }

    @Option(names = {"--target_rate", "--target-rate"}, order = 207,
            description = "Target firing rate of the regulariser, Hz (default: ${DEFAULT-VALUE}).")
    void targetRate(double v) {
        o.targetRate = v;
    }

    @Option(names = {"--start_epoch", "--start-epoch"}, order = 300,
            description = "First epoch of a new run (sets the learning-rate schedule); a resumed run continues at the "
                    + "checkpoint's epoch (default: ${DEFAULT-VALUE}).")
    void startEpoch(int v) {
        o.startEpoch = v;
    }

    @Option(names = "--resume", order = 301, paramLabel = "FILE",
            description = "Checkpoint to resume training from, or to evaluate with --evaluate.")
    void resume(String v) {
        o.resume = v;
    }

    @Option(names = "--evaluate", order = 302, description = "Only evaluate on the test set (with --resume FILE).")
    void evaluate(boolean v) {
        o.evaluate = v;
    }

    @Option(names = "--logging", order = 303,
            description = "Write TensorBoard event files and scalars.csv to --runs_dir/<run name>/.")
    void logging(boolean v) {
        o.logging = v;
    }

    @Option(names = {"--print_freq", "--print-freq"}, order = 304,
            description = "Iterations between progress lines; 0 prints only epoch summaries (default: "
                    + "${DEFAULT-VALUE}).")
    void printFreq(int v) {
        o.printFreq = v;
    }

    @Option(names = "--seed", order = 305, description = "Seed of the parameter initialisation (default: random, "
            + "printed).")
    void seed(Long v) {
        o.seed = v;
    }

    @Option(names = "--workers", order = 306,
            description = "Reference: data-loader processes. Here: the number of training-data streams (for the "
                    + "associations task it also sets the validation/test seeds as in the reference); compute "
                    + "threads are --threads (default: ${DEFAULT-VALUE}).")
    void workers(int v) {
        o.workers = v;
    }

    @Option(names = {"--prefetch_factor", "--prefetch-factor"}, order = 307,
            description = "Accepted for compatibility; no effect (batches are built on demand).")
    void prefetchFactor(int v) {
        o.prefetchFactor = v;
    }

    @Option(names = {"--world_size", "--world-size"}, order = 400,
            description = "Distributed training: number of nodes. Only -1/1 (one machine) is available "
                    + "(default: ${DEFAULT-VALUE}).")
    void worldSize(int v) {
        o.worldSize = v;
    }

    @Option(names = "--rank", order = 401, description = "Distributed training: node rank; no effect.")
    void rank(int v) {
        o.rank = v;
    }

    @Option(names = {"--dist_url", "--dist-url"}, order = 402,
            description = "Distributed training: rendezvous URL; no effect.")
    void distUrl(String v) {
        o.distUrl = v;
    }

    @Option(names = {"--dist_backend", "--dist-backend"}, order = 403,
            description = "Distributed training backend nccl|mpi|gloo; no effect.")
    void distBackend(String v) {
        o.distBackend = v;
    }

    @Option(names = "--gpu", order = 404, description = "Accepted for compatibility; hmem computes on the CPU.")
    void gpu(Integer v) {
        o.gpu = v;
    }

    @Option(names = {"--multiprocessing_distributed", "--multiprocessing-distributed"}, order = 405,
            description = "Distributed training over processes: not available in this version.")
    void multiprocessingDistributed(boolean v) {
        o.multiprocessingDistributed = v;
    }

    @Option(names = "--threads", order = 500, description = "Compute threads (default: all cores).")
    void threads(int v) {
        o.threads = v;
    }

    @Option(names = {"--checkpoint_dir", "--checkpoint-dir"}, order = 501,
            description = "Where checkpoints are written (default: ${DEFAULT-VALUE}).")
    void checkpointDir(String v) {
        o.checkpointDir = v;
    }

    @Option(names = {"--runs_dir", "--runs-dir"}, order = 502,
            description = "Where --logging writes (default: ${DEFAULT-VALUE}).")
    void runsDir(String v) {
        o.runsDir = v;
    }

    @Option(names = {"--checkpoint_interval", "--checkpoint-interval"}, order = 503,
            description = "Steps between memory checkpoints in BPTT; 0 = sqrt(steps). Changes speed and memory, "
                    + "never results (default: ${DEFAULT-VALUE}).")
    void checkpointInterval(int v) {
        o.checkpointInterval = v;
    }

    @Option(names = {"--time_budget", "--time-budget"}, order = 504, paramLabel = "MINUTES",
            description = "Stop before an epoch that would end after this many minutes of training (checkpoints "
                    + "stay resumable); 0 = no limit (default: ${DEFAULT-VALUE}).")
    void timeBudget(double v) {
        o.timeBudget = v;
    }
}
