package org.hmem.cli;

import java.util.concurrent.Callable;

import org.hmem.task.associations.AssociationsOptions;
import org.hmem.task.associations.AssociationsTask;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hmem associations}: the memorizing-associations task (spec §8.1, §8.2). Every flag of the reference
 * script, in both spellings ({@code --sequence_length} and {@code --sequence-length}).
 */
@Command(name = "associations", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        subcommands = {AssociationsPlotCommand.class},
        description = {"Memorizing associations: store L (vector, label) pairs in a Hebbian memory, answer the label"
                + " of a queried vector.",
                "Train (default), evaluate (--evaluate --resume FILE), resume (--resume FILE), or plot one sample"
                        + " (plot --checkpoint FILE)."},
        footer = {"", "Out-of-distribution test: train with --sequence_length < --num_classes, then evaluate the"
                + " checkpoint with --evaluate --resume FILE --sequence_length L for other L <= --num_classes."})
public final class AssociationsCommand implements Callable<Integer> {

    private final AssociationsOptions o = new AssociationsOptions();

    @Option(names = "--model", paramLabel = "spiking|relu", defaultValue = "spiking",
            description = "Spiking H-Mem network or its non-spiking ReLU baseline (default: ${DEFAULT-VALUE}).")
    void model(String v) {
        o.model = v;
    }

    @Option(names = {"--sequence_length", "--sequence-length"}, defaultValue = "10",
            description = "Number L of vector-label pairs per sample (default: ${DEFAULT-VALUE}).")
    void sequenceLength(int v) {
        o.sequenceLength = v;
    }

    @Option(names = {"--num_classes", "--num-classes"}, defaultValue = "10",
            description = "Label set size C = output classes; must be >= L (default: ${DEFAULT-VALUE}).")
    void numClasses(int v) {
        o.numClasses = v;
    }

    @Option(names = {"--feature_size", "--feature-size"}, defaultValue = "10",
            description = "Dimension F of the random vectors (default: ${DEFAULT-VALUE}).")
    void featureSize(int v) {
        o.featureSize = v;
    }

    @Option(names = {"--inf_data", "--inf-data"}, defaultValue = "1",
            description = "Non-zero: fresh training samples for every batch; 0: a fixed training set "
                    + "(default: ${DEFAULT-VALUE}).")
    void infData(int v) {
        o.infData = v;
    }

    @Option(names = {"--num_time_steps", "--num-time-steps"}, defaultValue = "100",
            description = "Simulation steps T per item (spiking; default: ${DEFAULT-VALUE}).")
    void numTimeSteps(int v) {
        o.numTimeSteps = v;
    }

    @Option(names = "--workers", defaultValue = "4",
            description = "Reference: DataLoader worker processes. Here: the number of training-data streams; it also"
                    + " sets the validation/test seeds (dataset_seed + workers, + 1) as in the reference. Compute "
                    + "threads are --threads (default: ${DEFAULT-VALUE}).")
    void workers(int v) {
        o.workers = v;
    }

    @Option(names = {"--prefetch_factor", "--prefetch-factor"}, defaultValue = "2",
            description = "Accepted for compatibility; has no effect (batches are generated on demand).")
    void prefetchFactor(int v) {
        o.prefetchFactor = v;
    }

    @Option(names = {"--embedding_size", "--embedding-size"}, defaultValue = "80",
            description = "Embedding size E (default: ${DEFAULT-VALUE}).")
    void embeddingSize(int v) {
        o.embeddingSize = v;
    }

    @Option(names = {"--memory_size", "--memory-size"}, defaultValue = "100",
            description = "Number of key and of value neurons, M (default: ${DEFAULT-VALUE}).")
    void memorySize(int v) {
        o.memorySize = v;
    }

    @Option(names = {"--w_max", "--w-max"}, defaultValue = "1.0",
            description = "Soft upper bound of the plasticity rule (default: ${DEFAULT-VALUE}).")
    void wMax(double v) {
        o.wMax = v;
    }

    @Option(names = {"--gamma_pos", "--gamma-pos"},
            description = "Potentiation rate gamma+ (default: 0.3 spiking, 0.1 relu).")
    void gammaPos(double v) {
        o.gammaPos = v;
    }

    @Option(names = {"--gamma_neg", "--gamma-neg"},
            description = "Depression rate gamma- (default: 0.3 spiking, 0.1 relu).")
    void gammaNeg(double v) {
        o.gammaNeg = v;
    }

    @Option(names = {"--tau_trace", "--tau-trace"}, defaultValue = "20.0",
            description = "Time constant of key/value traces, steps (default: ${DEFAULT-VALUE}).")
    void tauTrace(double v) {
        o.tauTrace = v;
    }

    @Option(names = {"--readout_delay", "--readout-delay"}, defaultValue = "1",
            description = "Value-to-key feedback delay D of the reading layer (default: ${DEFAULT-VALUE}).")
    void readoutDelay(int v) {
        o.readoutDelay = v;
    }

    @Option(names = "--thr", defaultValue = "0.1", description = "Firing threshold (default: ${DEFAULT-VALUE}).")
    void thr(double v) {
        o.thr = v;
    }

    @Option(names = {"--perfect_reset", "--perfect-reset"},
            description = "Reset the membrane to zero after a spike instead of subtracting the threshold.")
    void perfectReset(boolean v) {
        o.perfectReset = v;
    }

    @Option(names = {"--refractory_time_steps", "--refractory-time-steps"}, defaultValue = "3",
            description = "Refractory period R in steps (default: ${DEFAULT-VALUE}).")
    void refractory(int v) {
        o.refractoryTimeSteps = v;
    }

    @Option(names = {"--tau_mem", "--tau-mem"}, defaultValue = "20.0",
            description = "Membrane time constant, steps (default: ${DEFAULT-VALUE}).")
    void tauMem(double v) {
        o.tauMem = v;
    }

    @Option(names = {"--dampening_factor", "--dampening-factor"}, defaultValue = "1.0",
            description = "Dampening of the triangular surrogate gradient (default: ${DEFAULT-VALUE}).")
    void dampening(double v) {
        o.dampeningFactor = v;
    }

    @Option(names = "--epochs", defaultValue = "250", description = "Epochs to train (default: ${DEFAULT-VALUE}).")
    void epochs(int v) {
        o.epochs = v;
    }

    @Option(names = {"--batch_size", "--batch-size"}, defaultValue = "512",
            description = "Batch size (default: ${DEFAULT-VALUE}).")
    void batchSize(int v) {
        o.batchSize = v;
    }

    @Option(names = {"--learning_rate", "--learning-rate"},
            description = "Initial Adam learning rate (default: 0.003 spiking, 0.001 relu).")
    void learningRate(double v) {
        o.learningRate = v;
    }

    @Option(names = {"--learning_rate_decay", "--learning-rate-decay"}, defaultValue = "0.85",
            description = "Step-decay factor of the learning rate (default: ${DEFAULT-VALUE}).")
    void learningRateDecay(double v) {
        o.learningRateDecay = v;
    }

    @Option(names = {"--decay_learning_rate_every", "--decay-learning-rate-every"}, defaultValue = "20",
            description = "Epochs per learning-rate decay step (default: ${DEFAULT-VALUE}).")
    void decayEvery(int v) {
        o.decayLearningRateEvery = v;
    }

    @Option(names = {"--max_grad_norm", "--max-grad-norm"}, defaultValue = "40.0",
            description = "Global gradient-norm clipping; <= 0 disables it (default: ${DEFAULT-VALUE}).")
    void maxGradNorm(double v) {
        o.maxGradNorm = v;
    }

    @Option(names = "--l2", defaultValue = "1e-5",
            description = "Weight of the firing-rate regulariser, applied from epoch 1 (spiking; default: "
                    + "${DEFAULT-VALUE}).")
    void l2(double v) {
        o.l2 = v;
    }

    @Option(names = {"--target_rate", "--target-rate"}, defaultValue = "0.0",
            description = "Target firing rate of the regulariser, Hz (default: ${DEFAULT-VALUE}).")
    void targetRate(double v) {
        o.targetRate = v;
    }

    @Option(names = {"--start_epoch", "--start-epoch"}, defaultValue = "0",
            description = "First epoch of a new run (sets the learning-rate schedule); replaced by the checkpoint's "
                    + "epoch on --resume (default: ${DEFAULT-VALUE}).")
    void startEpoch(int v) {
        o.startEpoch = v;
    }

    @Option(names = "--resume", paramLabel = "FILE", defaultValue = "",
            description = "Checkpoint to resume training from, or to evaluate with --evaluate.")
    void resume(String v) {
        o.resume = v;
    }

    @Option(names = {"--check_params", "--check-params"}, defaultValue = "1",
            description = "1: refuse a checkpoint made with other model-defining flags; 0: skip that check "
                    + "(spiking only; default: ${DEFAULT-VALUE}).")
    void checkParams(int v) {
        o.checkParams = v;
    }

    @Option(names = "--evaluate", description = "Only evaluate on the test set (with --resume FILE).")
    void evaluate(boolean v) {
        o.evaluate = v;
    }

    @Option(names = "--logging",
            description = "Write TensorBoard event files and scalars.csv to --runs_dir/<run name>/.")
    void logging(boolean v) {
        o.logging = v;
    }

    @Option(names = {"--print_freq", "--print-freq"}, defaultValue = "1",
            description = "Iterations between progress lines; 0 prints only epoch summaries (default: "
                    + "${DEFAULT-VALUE}).")
    void printFreq(int v) {
        o.printFreq = v;
    }

    @Option(names = {"--world_size", "--world-size"}, defaultValue = "-1",
            description = "Distributed training: number of nodes. Only -1/1 (one machine) is supported.")
    void worldSize(int v) {
        o.worldSize = v;
    }

    @Option(names = "--rank", defaultValue = "-1", description = "Distributed training: node rank (unused).")
    void rank(int v) {
        o.rank = v;
    }

    @Option(names = {"--dist_url", "--dist-url"}, defaultValue = "tcp://127.0.0.1:23456",
            description = "Distributed training: rendezvous URL (unused).")
    void distUrl(String v) {
        o.distUrl = v;
    }

    @Option(names = {"--dist_backend", "--dist-backend"}, defaultValue = "nccl",
            description = "Distributed training backend nccl|mpi|gloo (unused).")
    void distBackend(String v) {
        o.distBackend = v;
    }

    @Option(names = "--gpu", description = "Accepted for compatibility; hmem computes on the CPU.")
    void gpu(Integer v) {
        o.gpu = v;
    }

    @Option(names = {"--multiprocessing_distributed", "--multiprocessing-distributed"},
            description = "Distributed training over processes: not available in this version.")
    void multiprocessingDistributed(boolean v) {
        o.multiprocessingDistributed = v;
    }

    @Option(names = "--seed", description = "Seed of the parameter initialisation (default: random, printed).")
    void seed(Long v) {
        o.seed = v;
    }

    @Option(names = {"--dataset_seed", "--dataset-seed"}, defaultValue = "42",
            description = "Base seed of the data generators (default: ${DEFAULT-VALUE}).")
    void datasetSeed(long v) {
        o.datasetSeed = v;
    }

    @Option(names = "--threads", description = "Compute threads (default: all cores).")
    void threads(int v) {
        o.threads = v;
    }

    @Option(names = {"--checkpoint_dir", "--checkpoint-dir"}, defaultValue = "results/checkpoints",
            description = "Where checkpoints are written (default: ${DEFAULT-VALUE}).")
    void checkpointDir(String v) {
        o.checkpointDir = v;
    }

    @Option(names = {"--runs_dir", "--runs-dir"}, defaultValue = "results/runs",
            description = "Where --logging writes (default: ${DEFAULT-VALUE}).")
    void runsDir(String v) {
        o.runsDir = v;
    }

    @Option(names = {"--train_size", "--train-size"}, defaultValue = "9000",
            description = "Training samples per epoch (default: ${DEFAULT-VALUE}, as the reference).")
    void trainSize(int v) {
        o.trainSize = v;
    }

    @Option(names = {"--val_size", "--val-size"}, defaultValue = "1000",
            description = "Validation samples (default: ${DEFAULT-VALUE}).")
    void valSize(int v) {
        o.valSize = v;
    }

    @Option(names = {"--test_size", "--test-size"}, defaultValue = "2000",
            description = "Test samples (default: ${DEFAULT-VALUE}).")
    void testSize(int v) {
        o.testSize = v;
    }

    @Option(names = {"--checkpoint_interval", "--checkpoint-interval"}, defaultValue = "0",
            description = "Steps between memory checkpoints in BPTT; 0 = sqrt(steps). Changes speed and memory, "
                    + "never results (default: ${DEFAULT-VALUE}).")
    void checkpointInterval(int v) {
        o.checkpointInterval = v;
    }

    AssociationsOptions options() {
        return o;
    }

    @Override
    public Integer call() {
        AssociationsTask.run(o, System.out);
        return 0;
    }
}
