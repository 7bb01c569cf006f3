package org.hmem.task.babi;

import static org.hmem.task.flags.FlagGroup.DATA;
import static org.hmem.task.flags.FlagGroup.MODEL;
import static org.hmem.task.flags.FlagGroup.OUTPUT;
import static org.hmem.task.flags.FlagGroup.RUN;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hmem.task.babi.data.BabiDataOptions;
import org.hmem.task.babi.data.BabiPadding;
import org.hmem.task.babi.data.BabiTaskData;
import org.hmem.task.flags.Allowed;
import org.hmem.task.flags.Flag;
import org.hmem.task.flags.FlagRole;
import org.hmem.task.flags.FlagSet;
import org.hmem.task.flags.FlagType;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.model.HebbianParams;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.model.NeuronParams;
import org.hmem.task.train.TrainingFlags;

/**
 * The flags of {@code hmem babi} (spec §8.7) with their defaults, plus hmem's own, and of its {@code plot}
 * subcommand. {@code --task} is 1..20, or several tasks ({@code all}, {@code 2,5,7}, {@code 2-20}).
 */
public final class BabiFlags {

    /** Environment variable naming the bAbI folder when {@code --dir} is not given. */
    public static final String DIR_ENV = "HMEM_BABI_DIR";

    private BabiFlags() {
    }

    private static Flag<Integer> zeroOrOne(String name, int value, String help) {
        return Allowed.zeroOrOne(Flag.of(name, FlagType.BINARY, MODEL, help)).withDefault(value).role(FlagRole.MODEL);
    }

    public static final Flag<String> TASK = Flag.of("task", FlagType.STRING, MODEL,
            "bAbI task; 'all', a list (2,5,7) or a range (2-20) runs several one after another and writes a per-task "
                    + "table.").withDefault("1").role(FlagRole.MODEL).label("1..20|all|LIST");
    public static final Flag<Integer> TEN_K = zeroOrOne("ten_k", 1,
            "1: the 10k-question training files (en-10k); 0: the 1k ones (en).");
    public static final Flag<Integer> ADD_TIME_WORDS = zeroOrOne("add_time_words", 0,
            "1: mark each sentence's age with a time word in its last slot.");
    public static final Flag<Integer> MASK_TIME_WORDS = zeroOrOne("mask_time_words", 1,
            "1: keep the time-word row of the encoding fixed; off without time words.");
    public static final Flag<Integer> LEARN_ENCODING = zeroOrOne("learn_encoding", 1,
            "1: learned position-wise sentence encoding; 0: bag of words.");
    public static final Flag<Integer> SENTENCE_DURATION = Allowed.atLeast(Flag.of("sentence_duration",
            FlagType.INT, MODEL, "Steps T per sentence and for the query."), 1).withDefault(100)
            .role(FlagRole.MODEL);
    public static final Flag<Integer> MAX_NUM_SENTENCES = Allowed.atLeast(Flag.of("max_num_sentences",
            FlagType.INT, DATA, "Questions whose story has more sentences are skipped."), 1).withDefault(50)
            .role(FlagRole.MODEL);
    public static final Flag<String> PADDING = Allowed.oneOf(Flag.of("padding", FlagType.STRING, DATA,
            "Where stories are padded with empty sentences.").withDefault("pre").role(FlagRole.MODEL), "pre",
            "post");
    public static final Flag<String> DIR = Flag.of("dir", FlagType.STRING, DATA,
            "Folder with the bAbI data.").withDefault(v -> {
                String env = System.getenv(DIR_ENV);
                return env != null && !env.isBlank() ? env : "data";
            }, "$" + DIR_ENV + ", else ./data").label("DIR");
    public static final Flag<Integer> PIN_DATA_TO_MEMORY = Allowed.zeroOrOne(Flag.of("pin_data_to_memory",
            FlagType.BINARY, DATA, "Accepted for compatibility; the data always stays in memory.").withDefault(1));
    public static final Flag<Boolean> LEARN_READOUT_DELAY = Flag.of("learn_readout_delay", FlagType.SWITCH, MODEL,
            "Accepted; has no effect (as in the reference).").withDefault(false).role(FlagRole.SETTING);
    public static final Flag<Long> SPLIT_SEED = Flag.of("split_seed", FlagType.LONG, DATA,
            "Seed of the 90/10 train/validation split and of the training order.").withDefault(42L)
            .role(FlagRole.SETTING);

    /** The task's own flags that define the model and its data (the plot command's besides the memory flags). */
    public static final List<Flag<?>> MODEL_FLAGS = List.of(TASK, TEN_K, ADD_TIME_WORDS, MASK_TIME_WORDS,
            LEARN_ENCODING, SENTENCE_DURATION, MAX_NUM_SENTENCES, PADDING);

    /** Every flag of {@code hmem babi}, with this task's defaults. */
    public static final FlagSet TRAIN = FlagSet.of(MODEL_FLAGS, LEARN_READOUT_DELAY, MemoryFlags.ALL, DIR,
            PIN_DATA_TO_MEMORY, SPLIT_SEED, TrainingFlags.ALL).with(MemoryFlags.READOUT_DELAY.withDefault(30),
            TrainingFlags.EPOCHS.withDefault(200), TrainingFlags.BATCH_SIZE.withDefault(256)).retired("distributed");

    public static final Flag<String> CHECKPOINT = Flag.of("checkpoint", FlagType.STRING, RUN,
            "Checkpoint to plot (default: an untrained model).").label("FILE")
            .alias("--checkpoint_path", "--checkpoint-path");
    public static final Flag<Integer> CHECK_PARAMS = Allowed.zeroOrOne(Flag.of("check_params", FlagType.BINARY, RUN,
            "1: refuse given flags that differ from the checkpoint's; 0: the given values win.").withDefault(1));
    public static final Flag<String> OUT = Flag.of("out", FlagType.STRING, OUTPUT, "Folder for the PNG files.")
            .withDefault("results/plots").label("DIR").alias("--out_dir", "--out-dir");
    public static final Flag<Integer> EXAMPLE = Allowed.atLeast(Flag.of("example", FlagType.INT, DATA,
            "Index of the training sample to plot."), 0).withDefault(4);

    /** Every flag of {@code hmem babi plot}: the model comes from the checkpoint. */
    public static final FlagSet PLOT = FlagSet.of(MODEL_FLAGS, MemoryFlags.ALL, CHECKPOINT, CHECK_PARAMS, OUT,
            EXAMPLE, DIR, TrainingFlags.SEED).with(MemoryFlags.READOUT_DELAY.withDefault(30))
            .subsetOfCheckpointParams();

    /** True when {@code --task} names several tasks ({@code all}, a list {@code 2,5,7} or a range {@code 2-20}). */
    public static boolean severalTasks(FlagValues v) {
        String t = v.get(TASK).trim();
        return "all".equalsIgnoreCase(t) || t.contains(",") || t.contains("-");
    }

    /** The tasks {@code --task} names, in order, each checked to be 1..20. */
    public static List<Integer> tasks(FlagValues v) {
        String text = v.get(TASK);
        String t = text.trim();
        if ("all".equalsIgnoreCase(t)) {
            t = "1-20";
        }
        List<Integer> list = new ArrayList<>();
        for (String part : t.split(",")) {
            String[] range = part.trim().split("-", -1);
            int from = parseTask(range[0], text);
            int to = range.length == 2 ? parseTask(range[1], text) : from;
            if (range.length > 2 || to < from) {
                throw badTask(text);
            }
            for (int k = from; k <= to; k++) {
                list.add(k);
            }
        }
        return list;
    }

    private static int parseTask(String s, String text) {
        try {
            int k = Integer.parseInt(s.trim());
            if (k >= 1 && k <= 20) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw badTask(text);
    }

    private static UserError badTask(String text) {
        return new UserError("--task must be a task number 1..20, a list (2,5,7), a range (2-20) or 'all'; got '"
                + text + "'");
    }

    /** The single task {@code --task} names. */
    public static int taskNumber(FlagValues v) {
        if (severalTasks(v)) {
            throw new UserError("this command takes one task, got --task " + v.get(TASK));
        }
        return parseTask(v.get(TASK), v.get(TASK));
    }

    public static Path dataDir(FlagValues v) {
        return v.path(DIR);
    }

    /** Time words only exist with --add_time_words 1; the mask is off otherwise (spec §8.7). */
    public static boolean masksTimeWords(FlagValues v) {
        return v.get(ADD_TIME_WORDS) != 0 && v.get(MASK_TIME_WORDS) != 0;
    }

    /** The model for a loaded task: vocabulary and sentence size come from the data, the rest from the flags. */
    public static BabiModelConfig modelConfig(FlagValues v, BabiTaskData data) {
        return new BabiModelConfig(data.vocabulary().baseSize(), data.vocabulary().size(), data.sentenceSize(),
                v.get(MemoryFlags.EMBEDDING_SIZE), v.get(MemoryFlags.MEMORY_SIZE), v.get(SENTENCE_DURATION),
                v.get(MemoryFlags.READOUT_DELAY), v.get(LEARN_ENCODING) != 0, masksTimeWords(v),
                HebbianParams.from(v), NeuronParams.from(v));
    }

    public static BabiDataOptions dataOptions(FlagValues v, int taskNumber) {
        return new BabiDataOptions(taskNumber, v.get(TEN_K) != 0, v.get(ADD_TIME_WORDS) != 0,
                v.get(MAX_NUM_SENTENCES), BabiPadding.parse(v.get(PADDING)));
    }

    /** The reference's file-name suffix, e.g. {@code le_babi_task1}. */
    public static String suffix(FlagValues v, int taskNumber) {
        return (v.get(LEARN_ENCODING) != 0 ? "le" : "bow") + (v.get(ADD_TIME_WORDS) != 0 ? "-te" : "")
                + "_babi_task" + taskNumber;
    }
}
