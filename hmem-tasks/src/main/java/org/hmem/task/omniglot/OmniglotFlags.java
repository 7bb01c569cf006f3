package org.hmem.task.omniglot;

import static org.hmem.task.flags.FlagGroup.DATA;
import static org.hmem.task.flags.FlagGroup.MODEL;
import static org.hmem.task.flags.FlagGroup.OUTPUT;
import static org.hmem.task.flags.FlagGroup.RUN;

import java.nio.file.Path;
import java.util.List;

import org.hmem.task.flags.Allowed;
import org.hmem.task.flags.Flag;
import org.hmem.task.flags.FlagRole;
import org.hmem.task.flags.FlagSet;
import org.hmem.task.flags.FlagType;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.model.CnnThresholds;
import org.hmem.task.model.HebbianParams;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.model.NeuronParams;
import org.hmem.task.model.PretrainedFiles;
import org.hmem.task.omniglot.data.OmniglotFiles;
import org.hmem.task.train.TrainingFlags;

/**
 * The flags of {@code hmem omniglot} (spec §8.3, §8.4: spiking and ReLU in one command, {@code --model}) with the
 * reference defaults, hmem's own (spike cache, explicit CNN thresholds), and those of its {@code plot} subcommand.
 */
public final class OmniglotFlags {

    /** The shipped pretrained prototypical network. */
    public static final String PROTONET_FILE = "omniglot-protonet.safetensors";
    /** The thresholds of the shipped network's conversion (spec §5.3 table). */
    static final float[] TABLE_THRESHOLDS = {0.9151f, 4.712f, 3.1376f, 2.6661f};

    private OmniglotFlags() {
    }

    private static boolean relu(FlagValues v) {
        return "relu".equals(v.get(MODEL_VARIANT));
    }

    private static Flag<Integer> binary(String name, int value, String help) {
        return Allowed.zeroOrOne(Flag.of(name, FlagType.BINARY, MODEL, help)).withDefault(value).role(FlagRole.MODEL);
    }

    public static final Flag<String> MODEL_VARIANT = Allowed.oneOf(Flag.of("model", FlagType.STRING, MODEL,
            "Spiking H-Mem network or its non-spiking ReLU baseline.").withDefault("spiking").role(FlagRole.MODEL),
            "spiking", "relu");
    public static final Flag<Integer> NUM_CLASSES = Allowed.atLeast(Flag.of("num_classes", FlagType.INT, MODEL,
            "N: classes per episode (ways), label embeddings and outputs."), 2).withDefault(5).role(FlagRole.MODEL);
    public static final Flag<Integer> NUM_TIME_STEPS = Allowed.atLeast(Flag.of("num_time_steps", FlagType.INT,
            MODEL, "Simulation steps T per image (spiking)."), 1).withDefault(100).role(FlagRole.MODEL);
    public static final Flag<Integer> USE_PRETRAINED_PROTONET = Allowed.zeroOrOne(Flag.of("use_pretrained_protonet",
            FlagType.BINARY, MODEL, "1: start the CNN from the pretrained prototypical network.").role(FlagRole.MODEL))
            .withDefault(v -> relu(v) ? 0 : 1, "1; 0 for --model relu");
    public static final Flag<String> PROTONET_CHECKPOINT_PATH = Flag.of("protonet_checkpoint_path", FlagType.STRING,
            DATA, "The pretrained prototypical network (safetensors; 'hmem omniglot pretrain' writes one).")
            .withDefault(v -> "", "the shipped " + PROTONET_FILE + " from <dir>/pretrained, <dir>/../pretrained or "
                    + "$HMEM_PRETRAINED_DIR").label("FILE");
    public static final Flag<Integer> FREEZE_PROTONET = binary("freeze_protonet", 0,
            "1: keep the CNN fixed (drops its outputs from the regulariser, enables the spike cache).");
    public static final Flag<Boolean> LEARN_IF_THRESHOLDS = Flag.of("learn_if_thresholds", FlagType.SWITCH, MODEL,
            "Balance the CNN thresholds on one pass of the training data instead of using the table (spiking).")
            .withDefault(false).role(FlagRole.MODEL);
    public static final Flag<Boolean> FIX_CNN_THRESHOLDS = Flag.of("fix_cnn_thresholds", FlagType.SWITCH, MODEL,
            "No conv biases (the reference's inverted flag; always so with the pretrained network).")
            .withDefault(false).role(FlagRole.MODEL);
    public static final Flag<String> CNN_THRESHOLDS = Flag.of("cnn_thresholds", FlagType.STRING, MODEL,
            "The four CNN thresholds, comma-separated (written by --learn_if_thresholds into the checkpoint).")
            .withDefault(v -> "", "the table with the pretrained network, else --thr").role(FlagRole.MODEL)
            .label("T0,T1,T2,T3");
    public static final Flag<String> DIR = Flag.of("dir", FlagType.STRING, DATA,
            "Folder holding images_background.zip, images_evaluation.zip and splits/vinyals/, or a data root with "
                    + "it as omniglot/.").withDefault(v -> {
                        String env = System.getenv(OmniglotFiles.DIR_ENV);
                        return env != null && !env.isBlank() ? env : "data";
                    }, "$" + OmniglotFiles.DIR_ENV + ", else ./data").label("DIR");
    public static final Flag<String> CACHE_DIR = Flag.of("cache_dir", FlagType.STRING, DATA,
            "Where the preprocessed splits are cached (checked against the zips; rebuilt when stale).")
            .withDefault(v -> {
                String env = System.getenv("HMEM_CACHE_DIR");
                return (env != null && !env.isBlank() ? env + "/" : "results/cache/") + "omniglot";
            }, "$HMEM_CACHE_DIR/omniglot, else results/cache/omniglot").label("DIR");
    public static final Flag<Integer> PIN_DATA_TO_MEMORY = Allowed.zeroOrOne(Flag.of("pin_data_to_memory",
            FlagType.BINARY, DATA, "Accepted for compatibility; the data always stays in memory.").withDefault(1));
    public static final Flag<Integer> ITERATIONS = Allowed.atLeast(Flag.of("iterations", FlagType.INT, DATA,
            "Batches per epoch, for training, validation and test alike."), 1).withDefault(200)
            .role(FlagRole.SETTING).exemptOnEvaluate();
    public static final Flag<Integer> MAX_CLASSES = Allowed.atLeast(Flag.of("max_classes", FlagType.INT, DATA,
            "Draw the episodes of each split from its first N classes only (0, or more than a split has: all); for "
                    + "quick experiments, which leave the initial plateau at chance sooner on fewer classes."), 0)
            .withDefault(0)
            .role(FlagRole.SETTING).exemptOnEvaluate();
    public static final Flag<Long> SAMPLER_SEED = Flag.of("sampler_seed", FlagType.LONG, DATA,
            "Seed of the episode samplers.").withDefault(42L).role(FlagRole.SETTING).exemptOnEvaluate();
    public static final Flag<Integer> SPIKE_CACHE = Allowed.zeroOrOne(Flag.of("spike_cache", FlagType.BINARY, RUN,
            "1: with --freeze_protonet 1, compute each image's CNN spikes once and reuse them (same results)."))
            .withDefault(1);
    public static final Flag<Integer> SPIKE_CACHE_MEMORY = Allowed.atLeast(Flag.of("spike_cache_memory",
            FlagType.INT, RUN, "Megabytes of spike cache per split kept in memory; a larger split is cached in a "
                    + "temporary file next to the checkpoints."), 0).withDefault(1024).label("MB");

    /** The task's own flags that define the model. */
    public static final List<Flag<?>> MODEL_FLAGS = List.of(MODEL_VARIANT, NUM_CLASSES, NUM_TIME_STEPS,
            USE_PRETRAINED_PROTONET, FREEZE_PROTONET, LEARN_IF_THRESHOLDS, FIX_CNN_THRESHOLDS, CNN_THRESHOLDS);

    /** The memory and neuron flags of the other tasks, without --embedding_size (the CNN fixes it at 64). */
    static final List<Flag<?>> MEMORY_FLAGS = MemoryFlags.ALL.stream()
            .filter(f -> f != MemoryFlags.EMBEDDING_SIZE).toList();

    private static Flag<?>[] reluDefaults() {
        return new Flag<?>[] {
            MemoryFlags.GAMMA_POS.withDefault(v -> relu(v) ? 0.1 : 0.3, "0.3; 0.1 for --model relu"),
            MemoryFlags.GAMMA_NEG.withDefault(v -> relu(v) ? 0.1 : 0.3, "0.3; 0.1 for --model relu")};
    }

    /** Every flag of {@code hmem omniglot}, with this task's defaults. */
    public static final FlagSet TRAIN = FlagSet.of(MODEL_FLAGS, MEMORY_FLAGS, PROTONET_CHECKPOINT_PATH, DIR,
            CACHE_DIR, PIN_DATA_TO_MEMORY, ITERATIONS, MAX_CLASSES, SAMPLER_SEED, TrainingFlags.ALL, SPIKE_CACHE,
            SPIKE_CACHE_MEMORY)
            .with(reluDefaults()).with(TrainingFlags.EPOCHS.withDefault(200), TrainingFlags.BATCH_SIZE.withDefault(256),
                    TrainingFlags.LEARNING_RATE.withDefault(0.001), TrainingFlags.L2.withDefault(1e-6))
            .retired("distributed");

    public static final Flag<String> CHECKPOINT = Flag.of("checkpoint", FlagType.STRING, RUN,
            "Checkpoint to plot (default: an untrained model with the pretrained CNN).").label("FILE")
            .alias("--checkpoint_path", "--checkpoint-path");
    public static final Flag<Integer> CHECK_PARAMS = Allowed.zeroOrOne(Flag.of("check_params", FlagType.BINARY, RUN,
            "1: refuse given flags that differ from the checkpoint's; 0: the given values win.").withDefault(1));
    public static final Flag<String> OUT = Flag.of("out", FlagType.STRING, OUTPUT, "Folder for the PNG files.")
            .withDefault("results/plots").label("DIR").alias("--out_dir", "--out-dir");
    public static final Flag<Integer> HISTOGRAM_EPISODES = Allowed.atLeast(Flag.of("histogram_episodes",
            FlagType.INT, DATA, "Episodes whose memory matrices the weight histogram collects (spiking)."), 1)
            .withDefault(100);

    /**
     * Every flag of {@code hmem omniglot plot}: the model comes from the checkpoint; {@code --threads} runs the
     * histogram's episodes in parallel.
     */
    public static final FlagSet PLOT = FlagSet.of(MODEL_FLAGS, MEMORY_FLAGS, CHECKPOINT, CHECK_PARAMS, OUT, DIR,
            CACHE_DIR,
            PROTONET_CHECKPOINT_PATH, SAMPLER_SEED, HISTOGRAM_EPISODES, TrainingFlags.SEED, TrainingFlags.THREADS)
            .with(reluDefaults()).subsetOfCheckpointParams();

    public static boolean spiking(FlagValues v) {
        return !relu(v);
    }

    public static boolean pretrained(FlagValues v) {
        return v.get(USE_PRETRAINED_PROTONET) != 0;
    }

    /** Conv biases exist unless the flag is given or the pretrained network is used (spec §5.4). */
    public static boolean useBias(FlagValues v) {
        return !v.get(FIX_CNN_THRESHOLDS) && !pretrained(v);
    }

    /** The reference's file-name suffix. */
    public static String suffix(FlagValues v) {
        return "1-shot-" + v.get(NUM_CLASSES) + "-way_omniglot_one-shot_task" + (spiking(v) ? "" : "_relu");
    }

    public static OmniglotModelConfig modelConfig(FlagValues v) {
        return new OmniglotModelConfig(v.get(NUM_CLASSES), v.get(NUM_TIME_STEPS), v.get(MemoryFlags.MEMORY_SIZE),
                v.get(MemoryFlags.READOUT_DELAY), HebbianParams.from(v), NeuronParams.from(v), useBias(v),
                v.get(FREEZE_PROTONET) != 0);
    }

    /**
     * The CNN thresholds: {@code --cnn_thresholds} when set (learned ones are stored there), else the table of the
     * shipped network when it is used, else {@code --thr} for all four blocks (spec §5.3).
     */
    public static float[] cnnThresholds(FlagValues v) {
        String text = v.get(CNN_THRESHOLDS).trim();
        if (!text.isEmpty()) {
            return CnnThresholds.parse("--cnn_thresholds", text);
        }
        if (pretrained(v)) {
            return TABLE_THRESHOLDS.clone();
        }
        float thr = v.get(MemoryFlags.THR).floatValue();
        return new float[] {thr, thr, thr, thr};
    }

    /** {@code --cnn_thresholds} text for thresholds (exact float round trip). */
    public static String formatThresholds(float[] t) {
        return CnnThresholds.format(t);
    }

    /**
     * The pretrained network's file: the flag's value, else the shipped file next to the data
     * ({@code <dir>/pretrained}, {@code <dir>/../pretrained}) or in {@code $HMEM_PRETRAINED_DIR}. A missing file is a
     * {@link UserError} that says where it was looked for.
     */
    public static Path protonetFile(FlagValues v) {
        return PretrainedFiles.find("--protonet_checkpoint_path", v.get(PROTONET_CHECKPOINT_PATH), PROTONET_FILE,
                v.path(DIR), "train one with 'hmem omniglot pretrain', or use --use_pretrained_protonet 0");
    }
}
