package org.hmem.task.crossmodal;

import static org.hmem.task.flags.FlagGroup.DATA;
import static org.hmem.task.flags.FlagGroup.MODEL;
import static org.hmem.task.flags.FlagGroup.OUTPUT;
import static org.hmem.task.flags.FlagGroup.RUN;

import java.nio.file.Path;
import java.util.List;

import org.hmem.task.crossmodal.data.CrossModalFiles;
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
import org.hmem.task.train.TrainingFlags;

/**
 * The flags of {@code hmem cross-modal} (spec §8.5, §8.6: spiking and ReLU in one command, {@code --model}) with the
 * reference defaults, hmem's own (spike cache, explicit CNN thresholds, cache folder), and those of its {@code plot}
 * subcommand.
 */
public final class CrossModalFlags {

    /** The shipped pretrained digit classifiers (spec §12.2, §12.3) as safetensors. */
    public static final String IMAGE_CLASSIFIER_FILE = "mnist-digit-classifier.safetensors";
    public static final String AUDIO_CLASSIFIER_FILE = "fsdd-digit-classifier.safetensors";
    /** The thresholds of the shipped classifiers' conversion (spec §5.3 table). */
    static final float[] IMAGE_TABLE_THRESHOLDS = {1.8209f, 11.5916f, 4.1207f, 2.6341f};
    static final float[] AUDIO_TABLE_THRESHOLDS = {2.1098f, 3.9579f, 3.1872f, 1.6841f};
    private static final List<Integer> DIGITS = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

    private CrossModalFlags() {
    }

    private static boolean relu(FlagValues v) {
        return "relu".equals(v.get(MODEL_VARIANT));
    }

    private static Flag<Integer> binary(String name, int value, String help) {
        return Allowed.zeroOrOne(Flag.of(name, FlagType.BINARY, MODEL, help)).withDefault(value).role(FlagRole.MODEL);
    }

    private static Flag<List<Integer>> digits(String name, String help) {
        return Flag.of(name, FlagType.INT_LIST, DATA, help).withDefault(DIGITS)
                .allowing(l -> l.stream().allMatch(d -> d >= 0 && d <= 9) && l.stream().distinct().count() == l.size(),
                        "distinct digits 0..9")
                .role(FlagRole.SETTING);
    }

    private static Flag<String> thresholds(String name, String which) {
        return Flag.of(name, FlagType.STRING, MODEL, "The four thresholds of the " + which
                + " CNN, comma-separated (written by --learn_if_thresholds into the checkpoint).")
                .withDefault(v -> "", "the table with the pretrained network, else --thr").role(FlagRole.MODEL)
                .label("T0,T1,T2,T3");
    }

    public static final Flag<String> MODEL_VARIANT = Allowed.oneOf(Flag.of("model", FlagType.STRING, MODEL,
            "Spiking H-Mem network or its non-spiking ReLU baseline.").withDefault("spiking").role(FlagRole.MODEL),
            "spiking", "relu");
    public static final Flag<Integer> SEQUENCE_LENGTH = Allowed.between(Flag.of("sequence_length", FlagType.INT,
            MODEL, "L: (spoken digit, image) pairs per episode."), 1, 10).withDefault(3).role(FlagRole.MODEL);
    // the CNN's four 2x2 pools must end at 1 x 1 (64 outputs): sides 16..31
    public static final Flag<Integer> NUM_MFCC = Allowed.between(Flag.of("num_mfcc", FlagType.INT, MODEL,
            "MFCC coefficients kept (the MFCC image's width)."), 16, 31).withDefault(20).role(FlagRole.MODEL);
    public static final Flag<Integer> NUM_MFCC_TIME_SAMPLES = Allowed.between(Flag.of("num_mfcc_time_samples",
            FlagType.INT, MODEL, "MFCC frames kept (the MFCC image's height)."), 16, 31).withDefault(30)
            .role(FlagRole.MODEL);
    public static final Flag<Integer> NUM_TIME_STEPS = Allowed.atLeast(Flag.of("num_time_steps", FlagType.INT,
            MODEL, "Simulation steps T per item (spiking)."), 1).withDefault(100).role(FlagRole.MODEL);
    public static final Flag<Integer> EMBEDDING_SIZE = Flag.of("embedding_size", FlagType.INT, MODEL,
            "CNN output size; the CNNs fix it at 64.").withDefault(64).allowing(e -> e == 64, "64")
            .role(FlagRole.MODEL);
    public static final Flag<Integer> USE_PRETRAINED_PROTONET = Allowed.zeroOrOne(Flag.of("use_pretrained_protonet",
            FlagType.BINARY, MODEL, "1: start both CNNs from the pretrained digit classifiers.")
            .role(FlagRole.MODEL)).withDefault(v -> relu(v) ? 0 : 1, "1; 0 for --model relu");
    public static final Flag<Integer> FREEZE_PROTONET = binary("freeze_protonet", 0,
            "1: keep both CNNs fixed (enables the spike cache; their outputs stay in the regulariser).");
    public static final Flag<Boolean> LEARN_IF_THRESHOLDS = Flag.of("learn_if_thresholds", FlagType.SWITCH, MODEL,
            "Balance the CNN thresholds on one pass of the training data instead of using the table (spiking).")
            .withDefault(false).role(FlagRole.MODEL);
    public static final Flag<Boolean> FIX_CNN_THRESHOLDS = Flag.of("fix_cnn_thresholds", FlagType.SWITCH, MODEL,
            "No conv biases (the reference's inverted flag: without it the CNNs get trainable biases).")
            .withDefault(false).role(FlagRole.MODEL);
    public static final Flag<String> AUDIO_CNN_THRESHOLDS = thresholds("audio_cnn_thresholds", "MFCC");
    public static final Flag<String> IMAGE_CNN_THRESHOLDS = thresholds("image_cnn_thresholds", "image");
    public static final Flag<Double> THR = MemoryFlags.THR.withDefault(0.05);

    public static final Flag<List<Integer>> TRAIN_CLASSES = digits("train_classes",
            "Digits of the training and validation episodes.");
    public static final Flag<List<Integer>> TEST_CLASSES = digits("test_classes", "Digits of the test episodes.")
            .exemptOnEvaluate();
    public static final Flag<Integer> DATASET_SIZE = Allowed.atLeast(Flag.of("dataset_size", FlagType.INT, DATA,
            "Episodes per epoch: 90 % train, 10 % validation; as many test episodes."), 10).withDefault(10000)
            .role(FlagRole.SETTING).exemptOnEvaluate();
    public static final Flag<Long> DATA_SEED = Flag.of("data_seed", FlagType.LONG, DATA,
            "Seed of the episode generators (drawn and stored in the checkpoint when not given).")
            .role(FlagRole.SETTING).exemptOnEvaluate();
    public static final Flag<String> DIR = Flag.of("dir", FlagType.STRING, DATA,
            "Data root holding fsdd/recordings/ (or FSDDataset/v1.0.10/recordings/) and mnist/ (or MNISTDataset/).")
            .withDefault(v -> {
                String env = System.getenv(CrossModalFiles.DIR_ENV);
                return env != null && !env.isBlank() ? env : "data";
            }, "$" + CrossModalFiles.DIR_ENV + ", else ./data").label("DIR");
    public static final Flag<String> CACHE_DIR = Flag.of("cache_dir", FlagType.STRING, DATA,
            "Where the MFCC images are cached (checked against the recordings; rebuilt when stale).")
            .withDefault(v -> {
                String env = System.getenv("HMEM_CACHE_DIR");
                return (env != null && !env.isBlank() ? env + "/" : "results/cache/") + "cross_modal";
            }, "$HMEM_CACHE_DIR/cross_modal, else results/cache/cross_modal").label("DIR");
    public static final Flag<Integer> PIN_DATA_TO_MEMORY = Allowed.zeroOrOne(Flag.of("pin_data_to_memory",
            FlagType.BINARY, DATA, "Accepted for compatibility; the data always stays in memory.").withDefault(1));
    public static final Flag<String> IMAGE_PROTONET_PATH = Flag.of("image_protonet_path", FlagType.STRING, DATA,
            "The pretrained MNIST digit classifier (safetensors; 'hmem cross-modal pretrain --modality image').")
            .withDefault(v -> "", "the shipped " + IMAGE_CLASSIFIER_FILE + " from <dir>/pretrained, "
                    + "<dir>/../pretrained or $" + PretrainedFiles.DIR_ENV).label("FILE");
    public static final Flag<String> AUDIO_PROTONET_PATH = Flag.of("audio_protonet_path", FlagType.STRING, DATA,
            "The pretrained FSDD digit classifier (safetensors; 'hmem cross-modal pretrain --modality audio').")
            .withDefault(v -> "", "the shipped " + AUDIO_CLASSIFIER_FILE + " from <dir>/pretrained, "
                    + "<dir>/../pretrained or $" + PretrainedFiles.DIR_ENV).label("FILE");
    public static final Flag<Integer> SPIKE_CACHE = Allowed.zeroOrOne(Flag.of("spike_cache", FlagType.BINARY, RUN,
            "1: with --freeze_protonet 1, compute each item's CNN spikes once and reuse them (same results)."))
            .withDefault(1);
    public static final Flag<Integer> SPIKE_CACHE_MEMORY = Allowed.atLeast(Flag.of("spike_cache_memory",
            FlagType.INT, RUN, "Megabytes of spike cache per data set kept in memory; a larger one is cached in a "
                    + "temporary file next to the checkpoints."), 0).withDefault(1024).label("MB");

    /** The task's own flags that define the model. */
    public static final List<Flag<?>> MODEL_FLAGS = List.of(MODEL_VARIANT, SEQUENCE_LENGTH, NUM_MFCC,
            NUM_MFCC_TIME_SAMPLES, NUM_TIME_STEPS, EMBEDDING_SIZE, USE_PRETRAINED_PROTONET, FREEZE_PROTONET,
            LEARN_IF_THRESHOLDS, FIX_CNN_THRESHOLDS, AUDIO_CNN_THRESHOLDS, IMAGE_CNN_THRESHOLDS);

    /** The memory and neuron flags of the other tasks, without --embedding_size (declared above, fixed at 64). */
    static final List<Flag<?>> MEMORY_FLAGS = MemoryFlags.ALL.stream()
            .filter(f -> f != MemoryFlags.EMBEDDING_SIZE).toList();

    private static Flag<?>[] taskDefaults() {
        return new Flag<?>[] {THR,
            MemoryFlags.GAMMA_POS.withDefault(v -> relu(v) ? 0.1 : 0.3, "0.3; 0.1 for --model relu"),
            MemoryFlags.GAMMA_NEG.withDefault(v -> relu(v) ? 0.1 : 0.3, "0.3; 0.1 for --model relu")};
    }

    /** Every flag of {@code hmem cross-modal}, with this task's defaults. */
    public static final FlagSet TRAIN = FlagSet.of(MODEL_FLAGS, MEMORY_FLAGS, TRAIN_CLASSES, TEST_CLASSES,
            DATASET_SIZE, DATA_SEED, DIR, CACHE_DIR, PIN_DATA_TO_MEMORY, IMAGE_PROTONET_PATH, AUDIO_PROTONET_PATH,
            TrainingFlags.ALL, SPIKE_CACHE, SPIKE_CACHE_MEMORY)
            .with(taskDefaults()).with(TrainingFlags.EPOCHS.withDefault(120), TrainingFlags.BATCH_SIZE.withDefault(256),
                    TrainingFlags.LEARNING_RATE.withDefault(0.001), TrainingFlags.L2.withDefault(1e-7))
            .retired("distributed");

    public static final Flag<String> CHECKPOINT = Flag.of("checkpoint", FlagType.STRING, RUN,
            "Checkpoint to plot (default: an untrained model with the pretrained CNNs).").label("FILE")
            .alias("--checkpoint_path", "--checkpoint-path");
    public static final Flag<Integer> CHECK_PARAMS = Allowed.zeroOrOne(Flag.of("check_params", FlagType.BINARY, RUN,
            "1: refuse given flags that differ from the checkpoint's; 0: the given values win.").withDefault(1));
    public static final Flag<String> OUT = Flag.of("out", FlagType.STRING, OUTPUT, "Folder for the PNG files.")
            .withDefault("results/plots").label("DIR").alias("--out_dir", "--out-dir");
    public static final Flag<Integer> EVALUATION_EPISODES = Allowed.atLeast(Flag.of("evaluation_episodes",
            FlagType.INT, DATA, "Test episodes whose reconstructions the MSE histograms and the recognisability "
                    + "collect."), 1).withDefault(1000);

    /** Every flag of {@code hmem cross-modal plot}: the model comes from the checkpoint. */
    public static final FlagSet PLOT = FlagSet.of(MODEL_FLAGS, MEMORY_FLAGS, CHECKPOINT, CHECK_PARAMS, OUT,
            TEST_CLASSES, DATASET_SIZE, DATA_SEED, DIR, CACHE_DIR, IMAGE_PROTONET_PATH, AUDIO_PROTONET_PATH,
            EVALUATION_EPISODES, TrainingFlags.SEED, TrainingFlags.THREADS)
            .with(taskDefaults()).subsetOfCheckpointParams();

    public static boolean spiking(FlagValues v) {
        return !relu(v);
    }

    public static boolean pretrained(FlagValues v) {
        return v.get(USE_PRETRAINED_PROTONET) != 0;
    }

    /** Conv biases exist unless the flag is given (spec §5.4: the cross-modal task keeps them with pretraining). */
    public static boolean useBias(FlagValues v) {
        return !v.get(FIX_CNN_THRESHOLDS);
    }

    /** The reference's file-name suffix. */
    public static String suffix(FlagValues v) {
        return "num_pairs" + v.get(SEQUENCE_LENGTH) + "_cross-modal-associations_task" + (spiking(v) ? "" : "_relu");
    }

    public static CrossModalModelConfig modelConfig(FlagValues v) {
        return new CrossModalModelConfig(v.get(SEQUENCE_LENGTH), v.get(NUM_MFCC_TIME_SAMPLES), v.get(NUM_MFCC),
                v.get(NUM_TIME_STEPS), v.get(MemoryFlags.MEMORY_SIZE), v.get(MemoryFlags.READOUT_DELAY),
                HebbianParams.from(v), NeuronParams.from(v), useBias(v), v.get(FREEZE_PROTONET) != 0);
    }

    public static float[] audioThresholds(FlagValues v) {
        return thresholds(v, AUDIO_CNN_THRESHOLDS, AUDIO_TABLE_THRESHOLDS);
    }

    public static float[] imageThresholds(FlagValues v) {
        return thresholds(v, IMAGE_CNN_THRESHOLDS, IMAGE_TABLE_THRESHOLDS);
    }

    /**
     * A CNN's thresholds: the flag when set (learned ones are stored there), else the table of the shipped network
     * when it is used, else {@code --thr} for all four blocks (spec §5.3).
     */
    private static float[] thresholds(FlagValues v, Flag<String> flag, float[] table) {
        String text = v.get(flag).trim();
        if (!text.isEmpty()) {
            return CnnThresholds.parse("--" + flag.name(), text);
        }
        if (pretrained(v)) {
            return table.clone();
        }
        float thr = v.get(MemoryFlags.THR).floatValue();
        return new float[] {thr, thr, thr, thr};
    }

    public static int[] trainClasses(FlagValues v) {
        return v.get(TRAIN_CLASSES).stream().mapToInt(Integer::intValue).toArray();
    }

    public static int[] testClasses(FlagValues v) {
        return v.get(TEST_CLASSES).stream().mapToInt(Integer::intValue).toArray();
    }

    public static Path imageClassifierFile(FlagValues v) {
        return PretrainedFiles.find("--image_protonet_path", v.get(IMAGE_PROTONET_PATH), IMAGE_CLASSIFIER_FILE,
                v.path(DIR), "train one with 'hmem cross-modal pretrain --modality image', or use "
                        + "--use_pretrained_protonet 0");
    }

    public static Path audioClassifierFile(FlagValues v) {
        return PretrainedFiles.find("--audio_protonet_path", v.get(AUDIO_PROTONET_PATH), AUDIO_CLASSIFIER_FILE,
                v.path(DIR), "train one with 'hmem cross-modal pretrain --modality audio', or use "
                        + "--use_pretrained_protonet 0");
    }

    /** Refuses an L larger than the digits a split may draw from. */
    static void checkClasses(FlagValues v) {
        int l = v.get(SEQUENCE_LENGTH);
        for (Flag<List<Integer>> f : List.of(TRAIN_CLASSES, TEST_CLASSES)) {
            if (v.get(f).size() < l) {
                throw new UserError("--sequence_length " + l + " needs at least " + l + " digits in --" + f.name()
                        + ", got " + v.get(f).size());
            }
        }
    }
}
