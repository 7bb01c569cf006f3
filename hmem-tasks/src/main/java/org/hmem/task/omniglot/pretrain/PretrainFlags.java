package org.hmem.task.omniglot.pretrain;

import org.hmem.task.omniglot.OmniglotFlags;

import static org.hmem.task.flags.FlagGroup.DATA;
import static org.hmem.task.flags.FlagGroup.MODEL;
import static org.hmem.task.flags.FlagGroup.RUN;
import static org.hmem.task.flags.FlagGroup.TRAINING;

import org.hmem.task.flags.Allowed;
import org.hmem.task.flags.Flag;
import org.hmem.task.flags.FlagGroup;
import org.hmem.task.flags.FlagSet;
import org.hmem.task.flags.FlagType;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.train.TrainingFlags;

/**
 * The flags of {@code hmem omniglot pretrain}: every flag of the reference's {@code utils/pretrain_protonet.py} with
 * its default (spec §8.9), except that {@code --dir} defaults to hmem's data location, plus hmem's run flags
 * ({@code --threads}, {@code --checkpoint_dir}, {@code --time_budget}, {@code --print_freq}).
 */
public final class PretrainFlags {

    private PretrainFlags() {
    }

    private static Flag<Integer> count(String name, FlagGroup group, int min, int value, String help) {
        return Allowed.atLeast(Flag.of(name, FlagType.INT, group, help), min).withDefault(value);
    }

    public static final Flag<Integer> EPOCHS = TrainingFlags.EPOCHS.withDefault(100);
    public static final Flag<Integer> ITERATIONS = count("iterations", TRAINING, 1, 100,
            "Episodes per epoch, for training and validation alike; the test runs 10 times as many.");
    public static final Flag<Double> LEARNING_RATE = TrainingFlags.LEARNING_RATE.withDefault(0.001);
    public static final Flag<Integer> LR_SCHEDULER_STEP = count("lr_scheduler_step", TRAINING, 1, 20,
            "Epochs between learning-rate decays (StepLR).");
    public static final Flag<Double> LR_SCHEDULER_GAMMA = Allowed.positive(Flag.of("lr_scheduler_gamma",
            FlagType.DOUBLE, TRAINING, "Factor of each learning-rate decay (StepLR).").withDefault(0.5));

    public static final Flag<Integer> CLASSES_PER_ITERATION_TRAIN = count("classes_per_iteration_train",
            DATA, 2, 60, "Classes (ways) of a training episode.");
    public static final Flag<Integer> NUM_SAMPLES_SUPPORT_TRAIN = count("num_samples_support_train",
            DATA, 1, 1, "Support images (shots) per class of a training episode.");
    public static final Flag<Integer> NUM_SAMPLES_QUERY_TRAIN = count("num_samples_query_train",
            DATA, 1, 5, "Query images per class of a training episode.");
    public static final Flag<Integer> CLASSES_PER_ITERATION_VAL = count("classes_per_iteration_val",
            DATA, 2, 5, "Classes (ways) of a validation and test episode.");
    public static final Flag<Integer> NUM_SAMPLES_SUPPORT_VAL = count("num_samples_support_val",
            DATA, 1, 1, "Support images (shots) per class of a validation and test episode.");
    public static final Flag<Integer> NUM_SAMPLES_QUERY_VAL = count("num_samples_query_val",
            DATA, 1, 15, "Query images per class of a validation and test episode.");

    public static final Flag<Boolean> USE_BATCH_NORM = Flag.of("use_batch_norm", FlagType.SWITCH, MODEL,
            "Batch norm after every convolution (the shipped network has none). With --evaluate the checkpoint "
                    + "decides.").withDefault(false);
    public static final Flag<Boolean> EVALUATE = Flag.of("evaluate", FlagType.SWITCH, RUN,
            "Only test the network of --checkpoint_path.").withDefault(false);
    public static final Flag<String> CHECKPOINT_PATH = Flag.of("checkpoint_path", FlagType.STRING, RUN,
            "The network to test with --evaluate (a safetensors file of this command, or the shipped "
                    + "omniglot-protonet.safetensors).").withDefault("").label("FILE");
    public static final Flag<Long> SEED = Flag.of("seed", FlagType.LONG, RUN,
            "Seed of the parameter initialisation.").withDefault(7L);
    public static final Flag<Long> SAMPLER_SEED = Flag.of("sampler_seed", FlagType.LONG, DATA,
            "Seed of the episode samplers (training, validation and test).").withDefault(7L);
    public static final Flag<Boolean> CUDA = Flag.of("cuda", FlagType.SWITCH, RUN,
            "Accepted for compatibility; no effect (hmem computes on the CPU, see --threads).").withDefault(false);
    public static final Flag<Double> TIME_BUDGET = Allowed.nonNegative(Flag.of("time_budget", FlagType.DOUBLE, RUN,
            "Stop before an epoch that would end after this many minutes of training; the checkpoints written "
                    + "so far stay and the last and best networks are still tested. 0 = no limit.")
            .withDefault(0.0).label("MINUTES"));
    public static final Flag<Integer> PRINT_FREQ = TrainingFlags.PRINT_FREQ.withDefault(25);

    /** Every flag of {@code hmem omniglot pretrain}, in help order. */
    public static final FlagSet ALL = FlagSet.of(USE_BATCH_NORM, EPOCHS, ITERATIONS, LEARNING_RATE,
            LR_SCHEDULER_STEP, LR_SCHEDULER_GAMMA, OmniglotFlags.DIR, OmniglotFlags.CACHE_DIR,
            CLASSES_PER_ITERATION_TRAIN, NUM_SAMPLES_SUPPORT_TRAIN,
            NUM_SAMPLES_QUERY_TRAIN, CLASSES_PER_ITERATION_VAL, NUM_SAMPLES_SUPPORT_VAL, NUM_SAMPLES_QUERY_VAL,
            SAMPLER_SEED, PRINT_FREQ, TrainingFlags.CHECKPOINT_DIR, EVALUATE, CHECKPOINT_PATH, SEED,
            TrainingFlags.THREADS, TIME_BUDGET, CUDA);

    /** The shape of the training episodes. */
    public static EpisodeShape trainEpisodes(FlagValues v) {
        return new EpisodeShape(v.get(CLASSES_PER_ITERATION_TRAIN), v.get(NUM_SAMPLES_SUPPORT_TRAIN),
                v.get(NUM_SAMPLES_QUERY_TRAIN), "_train");
    }

    /** The shape of the validation and test episodes. */
    public static EpisodeShape valEpisodes(FlagValues v) {
        return new EpisodeShape(v.get(CLASSES_PER_ITERATION_VAL), v.get(NUM_SAMPLES_SUPPORT_VAL),
                v.get(NUM_SAMPLES_QUERY_VAL), "_val");
    }
}
