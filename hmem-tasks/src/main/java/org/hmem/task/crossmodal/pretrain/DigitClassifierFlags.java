package org.hmem.task.crossmodal.pretrain;

import static org.hmem.task.flags.FlagGroup.DATA;
import static org.hmem.task.flags.FlagGroup.MODEL;
import static org.hmem.task.flags.FlagGroup.RUN;

import org.hmem.task.crossmodal.CrossModalFlags;
import org.hmem.task.flags.Allowed;
import org.hmem.task.flags.Flag;
import org.hmem.task.flags.FlagRole;
import org.hmem.task.flags.FlagSet;
import org.hmem.task.flags.FlagType;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.train.TrainingFlags;

/**
 * The flags of {@code hmem cross-modal pretrain}: every flag of the reference's
 * {@code utils/pretrain_digit_classifier.py} with its default (spec §8.10), except that {@code --dir} defaults to
 * hmem's data location and the distributed block is left out, plus {@code --modality} (hmem's name for the
 * {@code --audio} switch, which is still accepted), {@code --checkpoint_path} for {@code --evaluate}, and hmem's run
 * flags ({@code --threads}, {@code --checkpoint_dir}, {@code --time_budget}, {@code --cache_dir}).
 */
public final class DigitClassifierFlags {

    private DigitClassifierFlags() {
    }

    public static final Flag<String> MODALITY = Allowed.oneOf(Flag.of("modality", FlagType.STRING, MODEL,
            "Train on MNIST images or on FSDD MFCC images.").withDefault("image").role(FlagRole.MODEL),
            "image", "audio");
    public static final Flag<Boolean> AUDIO = Flag.of("audio", FlagType.SWITCH, MODEL,
            "The reference's switch: the same as --modality audio.").withDefault(false).role(FlagRole.MODEL);
    public static final Flag<Boolean> USE_BATCH_NORM = Flag.of("use_batch_norm", FlagType.SWITCH, MODEL,
            "Batch norm after every convolution (the shipped classifiers have none). With --evaluate the checkpoint "
                    + "decides.").withDefault(false).role(FlagRole.MODEL);
    public static final Flag<Integer> WORKERS = Allowed.atLeast(Flag.of("workers", FlagType.INT, DATA,
            "Accepted for compatibility; no effect (the data stay in memory; compute threads are --threads)."), 0)
            .withDefault(0);
    public static final Flag<Integer> BATCH_SIZE = TrainingFlags.BATCH_SIZE.withDefault(256);
    public static final Flag<Double> LEARNING_RATE = TrainingFlags.LEARNING_RATE.withDefault(0.001);
    public static final Flag<Integer> START_EPOCH = Allowed.atLeast(Flag.of("start_epoch", FlagType.INT, RUN,
            "First epoch (sets the learning-rate schedule; also with --resume, which loads weights only)."), 0)
            .withDefault(0);
    public static final Flag<Boolean> EVALUATE = Flag.of("evaluate", FlagType.SWITCH, RUN,
            "Only test a classifier on the test set: --checkpoint_path FILE or --resume FILE, else the shipped one.")
            .withDefault(false);
    public static final Flag<String> RESUME = Flag.of("resume", FlagType.STRING, RUN,
            "Start training from the weights of this checkpoint (weights only, as the reference: no optimiser "
                    + "state, no epoch).").withDefault("").label("FILE");
    public static final Flag<String> CHECKPOINT_PATH = Flag.of("checkpoint_path", FlagType.STRING, RUN,
            "The classifier to test with --evaluate (a safetensors file of this command or a shipped one).")
            .withDefault(v -> "", "the shipped " + CrossModalFlags.IMAGE_CLASSIFIER_FILE + " or "
                    + CrossModalFlags.AUDIO_CLASSIFIER_FILE).label("FILE");
    public static final Flag<Boolean> LOGGING = Flag.of("logging", FlagType.SWITCH, RUN,
            "Accepted for compatibility; no effect (progress goes to the console).").withDefault(false);
    public static final Flag<Integer> PRINT_FREQ = TrainingFlags.PRINT_FREQ.withDefault(100);
    public static final Flag<Long> SEED = Flag.of("seed", FlagType.LONG, RUN,
            "Seed of the initialisation, the train/validation split and the batch order.").withDefault(61L);
    public static final Flag<Long> DATA_SEED = Flag.of("data_seed", FlagType.LONG, DATA,
            "Accepted for compatibility; unused, as in the reference.").withDefault(61L);

    /** Every flag of {@code hmem cross-modal pretrain}, in help order. */
    public static final FlagSet ALL = FlagSet.of(MODALITY, AUDIO, CrossModalFlags.NUM_MFCC,
            CrossModalFlags.NUM_MFCC_TIME_SAMPLES, USE_BATCH_NORM, CrossModalFlags.DIR, CrossModalFlags.CACHE_DIR,
            WORKERS, TrainingFlags.PREFETCH_FACTOR, CrossModalFlags.PIN_DATA_TO_MEMORY, TrainingFlags.EPOCHS,
            BATCH_SIZE, LEARNING_RATE, TrainingFlags.LEARNING_RATE_DECAY, TrainingFlags.DECAY_LEARNING_RATE_EVERY,
            START_EPOCH, EVALUATE, RESUME, CHECKPOINT_PATH, LOGGING, PRINT_FREQ, SEED, DATA_SEED,
            TrainingFlags.THREADS, TrainingFlags.TIME_BUDGET, TrainingFlags.CHECKPOINT_DIR);

    /** {@code --modality}, or audio with {@code --audio}; giving both with different answers is a user error. */
    public static Modality modality(FlagValues v) {
        Modality chosen = Modality.ofId(v.get(MODALITY));
        if (v.get(AUDIO)) {
            if (v.isGiven(MODALITY) && chosen != Modality.AUDIO) {
                throw new UserError("--audio and --modality " + v.get(MODALITY) + " contradict each other; give one");
            }
            return Modality.AUDIO;
        }
        return chosen;
    }
}
