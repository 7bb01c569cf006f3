package org.hmem.task.associations;

import static org.hmem.task.flags.FlagGroup.DATA;
import static org.hmem.task.flags.FlagGroup.MODEL;
import static org.hmem.task.flags.FlagGroup.OUTPUT;
import static org.hmem.task.flags.FlagGroup.RUN;

import java.util.List;

import org.hmem.task.flags.Allowed;
import org.hmem.task.flags.Flag;
import org.hmem.task.flags.FlagRole;
import org.hmem.task.flags.FlagSet;
import org.hmem.task.flags.FlagType;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.model.HebbianParams;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.model.NeuronParams;
import org.hmem.task.train.TrainingFlags;

/**
 * The flags of {@code hmem associations} (spec §8.1, §8.2): the reference scripts' flags (spiking and ReLU in one
 * command, {@code --model}) with their defaults, plus hmem's own data sizes; and of its {@code plot} subcommand.
 */
public final class AssociationsFlags {

    private AssociationsFlags() {
    }

    private static boolean relu(FlagValues v) {
        return "relu".equals(v.get(MODEL_VARIANT));
    }

    public static final Flag<String> MODEL_VARIANT = Allowed.oneOf(Flag.of("model", FlagType.STRING, MODEL,
            "Spiking H-Mem network or its non-spiking ReLU baseline.").withDefault("spiking").role(FlagRole.MODEL),
            "spiking", "relu");
    public static final Flag<Integer> SEQUENCE_LENGTH = Allowed.atLeast(Flag.of("sequence_length", FlagType.INT,
            MODEL, "Number L of vector-label pairs per sample; --evaluate may use another L <= --num_classes "
                    + "(out-of-distribution test)."), 1).withDefault(10).role(FlagRole.MODEL).exemptOnEvaluate();
    public static final Flag<Integer> NUM_CLASSES = Allowed.atLeast(Flag.of("num_classes", FlagType.INT, MODEL,
            "Label set size C = output classes; must be >= L."), 1).withDefault(10).role(FlagRole.MODEL);
    public static final Flag<Integer> FEATURE_SIZE = Allowed.atLeast(Flag.of("feature_size", FlagType.INT, MODEL,
            "Dimension F of the random vectors."), 1).withDefault(10).role(FlagRole.MODEL);
    public static final Flag<Integer> NUM_TIME_STEPS = Allowed.atLeast(Flag.of("num_time_steps", FlagType.INT,
            MODEL, "Simulation steps T per item (spiking)."), 1).withDefault(100).role(FlagRole.MODEL);
    public static final Flag<Integer> CHECK_PARAMS = Allowed.zeroOrOne(Flag.of("check_params", FlagType.BINARY,
            RUN, "1: refuse given flags that differ from the checkpoint's; 0: the "
                    + "given values win (spiking; the ReLU model always checks).").withDefault(1));
    public static final Flag<Integer> INF_DATA = Flag.of("inf_data", FlagType.BINARY, DATA,
            "Non-zero: fresh training samples for every batch; 0: a fixed training set.").withDefault(1)
            .role(FlagRole.SETTING);
    public static final Flag<Long> DATASET_SEED = Flag.of("dataset_seed", FlagType.LONG, DATA,
            "Base seed of the data generators.").withDefault(42L).role(FlagRole.SETTING);
    public static final Flag<Integer> TRAIN_SIZE = Allowed.atLeast(Flag.of("train_size", FlagType.INT, DATA,
            "Training samples per epoch (as the reference)."), 1).withDefault(9000).role(FlagRole.SETTING)
            .exemptOnEvaluate();
    public static final Flag<Integer> VAL_SIZE = Allowed.atLeast(Flag.of("val_size", FlagType.INT, DATA,
            "Validation samples."), 1).withDefault(1000).role(FlagRole.SETTING).exemptOnEvaluate();
    public static final Flag<Integer> TEST_SIZE = Allowed.atLeast(Flag.of("test_size", FlagType.INT, DATA,
            "Test samples."), 1).withDefault(2000);

    /** The task's own flags that define the model (the plot command's besides the memory flags). */
    public static final List<Flag<?>> MODEL_FLAGS = List.of(MODEL_VARIANT, SEQUENCE_LENGTH, NUM_CLASSES,
            FEATURE_SIZE, NUM_TIME_STEPS);

    /** Every flag of {@code hmem associations}, with this task's defaults. */
    public static final FlagSet TRAIN = FlagSet.of(MODEL_FLAGS, MemoryFlags.ALL, INF_DATA, DATASET_SEED, TRAIN_SIZE,
            VAL_SIZE, TEST_SIZE, TrainingFlags.ALL, CHECK_PARAMS).with(
            MemoryFlags.GAMMA_POS.withDefault(v -> relu(v) ? 0.1 : 0.3, "0.3; 0.1 for --model relu"),
            MemoryFlags.GAMMA_NEG.withDefault(v -> relu(v) ? 0.1 : 0.3, "0.3; 0.1 for --model relu"),
            TrainingFlags.LEARNING_RATE.withDefault(v -> relu(v) ? 0.001 : 0.003, "0.003; 0.001 for --model relu"),
            TrainingFlags.EPOCHS.withDefault(250), TrainingFlags.BATCH_SIZE.withDefault(512))
            .retired("distributed");

    public static final Flag<String> CHECKPOINT = Flag.of("checkpoint", FlagType.STRING, RUN,
            "Checkpoint to plot (default: an untrained model).").label("FILE")
            .alias("--checkpoint_path", "--checkpoint-path");
    public static final Flag<String> OUT = Flag.of("out", FlagType.STRING, OUTPUT,
            "Folder for the PNG files.").withDefault("results/plots").label("DIR").alias("--out_dir", "--out-dir");

    /** Every flag of {@code hmem associations plot}: the model comes from the checkpoint. */
    public static final FlagSet PLOT = FlagSet.of(MODEL_FLAGS, MemoryFlags.ALL, CHECKPOINT, CHECK_PARAMS, OUT,
            DATASET_SEED, TrainingFlags.SEED).with(MemoryFlags.GAMMA_POS.withDefault(v -> relu(v) ? 0.1 : 0.3,
            "0.3; 0.1 for --model relu"), MemoryFlags.GAMMA_NEG.withDefault(v -> relu(v) ? 0.1 : 0.3,
            "0.3; 0.1 for --model relu")).subsetOfCheckpointParams();

    public static boolean spiking(FlagValues v) {
        return !relu(v);
    }

    /** The reference's file-name suffix. */
    public static String suffix(FlagValues v) {
        return (spiking(v) ? "memorizing_associations_task-" : "memorizing_associations_task_relu-")
                + v.get(SEQUENCE_LENGTH) + "-" + v.get(NUM_CLASSES);
    }

    public static AssociationsModelConfig modelConfig(FlagValues v) {
        return new AssociationsModelConfig(v.get(FEATURE_SIZE), v.get(NUM_CLASSES), v.get(MemoryFlags.EMBEDDING_SIZE),
                v.get(MemoryFlags.MEMORY_SIZE), v.get(NUM_TIME_STEPS), v.get(MemoryFlags.READOUT_DELAY),
                HebbianParams.from(v), NeuronParams.from(v));
    }
}
