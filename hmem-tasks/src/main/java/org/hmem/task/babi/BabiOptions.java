package org.hmem.task.babi;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import com.google.gson.JsonObject;

import org.hmem.task.babi.data.BabiDataOptions;
import org.hmem.task.babi.data.BabiPadding;
import org.hmem.task.train.CommonOptions;
import org.hmem.task.train.UserError;

/**
 * Every flag of the reference's {@code question_answering_task.py} (spec §8.7) with its default, plus hmem's own.
 * {@code task} is 1..20, or several tasks ({@code all}, {@code 2,5,7}, {@code 2-20}).
 */
public final class BabiOptions {

    /** Environment variable naming the bAbI folder when {@code --dir} is not given. */
    public static final String DIR_ENV = "HMEM_BABI_DIR";

    /**
     * Flags the resume check ignores: the reference's list (spec §7.6) plus hmem's run-only flags and {@code dir}
     * (moving the data must not block a resume; docs/DECISIONS.md).
     */
    public static final Set<String> IGNORED_ON_RESUME;
    public static final Set<String> IGNORED_ON_EVALUATE = Set.of("batch_size");

    static {
        Set<String> s = new HashSet<>(CommonOptions.RUN_ONLY);
        s.addAll(Set.of("pin_data_to_memory", "dir", "distributed"));
        IGNORED_ON_RESUME = Set.copyOf(s);
    }

    public final CommonOptions common = new CommonOptions(200, 256, 30);
    public String task = "1";
    public int tenK = 1;
    public int addTimeWords;
    public int maskTimeWords = 1;
    public int learnEncoding = 1;
    public int sentenceDuration = 100;
    public int maxNumSentences = 50;
    public String padding = "pre";
    /** Null: {@code $HMEM_BABI_DIR}, else {@code ./data} as the reference. */
    public String dir;
    public int pinDataToMemory = 1;
    public boolean learnReadoutDelay;
    public long splitSeed = 42;
    /** Plot only: index of the training sample shown. */
    public int example = 4;

    /** The flags that define a bAbI model and its data (the plot command's flags, spec §10.7). */
    public static final java.util.List<String> MODEL_FLAGS;

    static {
        java.util.List<String> f = new java.util.ArrayList<>(java.util.List.of("task", "ten_k", "add_time_words",
                "sentence_duration", "max_num_sentences", "padding", "learn_encoding", "mask_time_words"));
        f.addAll(CommonOptions.MODEL_FLAGS);
        MODEL_FLAGS = java.util.List.copyOf(f);
    }

    /** Sets one of {@link #MODEL_FLAGS} from a stored or given value. */
    public void setModelFlag(String flag, com.google.gson.JsonElement v) {
        switch (flag) {
            case "task" -> task = v.getAsString();
            case "ten_k" -> tenK = asInt(v);
            case "add_time_words" -> addTimeWords = asInt(v);
            case "sentence_duration" -> sentenceDuration = v.getAsInt();
            case "max_num_sentences" -> maxNumSentences = v.getAsInt();
            case "padding" -> padding = v.getAsString();
            case "learn_encoding" -> learnEncoding = asInt(v);
            case "mask_time_words" -> maskTimeWords = asInt(v);
            default -> {
                if (!common.setModelFlag(flag, v)) {
                    throw new IllegalArgumentException("not a model flag: " + flag);
                }
            }
        }
    }

    /** {0,1} flags are stored as booleans (the reference converts them), given as numbers. */
    private static int asInt(com.google.gson.JsonElement v) {
        return v.getAsJsonPrimitive().isBoolean() ? (v.getAsBoolean() ? 1 : 0) : v.getAsInt();
    }

    /** True when {@code --task} names several tasks ({@code all}, a list {@code 2,5,7} or a range {@code 2-20}). */
    public boolean severalTasks() {
        String t = task.trim();
        return "all".equalsIgnoreCase(t) || t.contains(",") || t.contains("-");
    }

    /** The tasks {@code --task} names, in order, each checked to be 1..20. */
    public java.util.List<Integer> tasks() {
        String t = task.trim();
        if ("all".equalsIgnoreCase(t)) {
            t = "1-20";
        }
        java.util.List<Integer> list = new java.util.ArrayList<>();
        for (String part : t.split(",")) {
            String[] range = part.trim().split("-", -1);
            int from = parseTask(range[0]);
            int to = range.length == 2 ? parseTask(range[1]) : from;
            if (range.length > 2 || to < from) {
                throw badTask();
            }
            for (int k = from; k <= to; k++) {
                list.add(k);
            }
        }
        return list;
    }

    private int parseTask(String s) {
        try {
            int k = Integer.parseInt(s.trim());
            if (k >= 1 && k <= 20) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw badTask();
    }

    private UserError badTask() {
        return new UserError("--task must be a task number 1..20, a list (2,5,7), a range (2-20) or 'all'; got '"
                + task + "'");
    }

    /** The single task {@code --task} names. */
    public int taskNumber() {
        if (severalTasks()) {
            throw new UserError("this command takes one task, got --task " + task);
        }
        return parseTask(task);
    }

    public Path dataDir() {
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String env = System.getenv(DIR_ENV);
        return Path.of(env != null && !env.isBlank() ? env : "data");
    }

    /** Time words only exist with --add_time_words 1; the mask is forced off otherwise (spec §8.7). */
    public boolean masksTimeWords() {
        return addTimeWords != 0 && maskTimeWords != 0;
    }

    public double gammaPosValue() {
        return common.gammaPos != null ? common.gammaPos : 0.3;
    }

    public double gammaNegValue() {
        return common.gammaNeg != null ? common.gammaNeg : 0.3;
    }

    public double learningRateValue() {
        return common.learningRate != null ? common.learningRate : 0.003;
    }

    /** The model for a loaded task: vocabulary and sentence size come from the data, the rest from the flags. */
    public BabiModelConfig modelConfig(org.hmem.task.babi.data.BabiTaskData data) {
        CommonOptions c = common;
        return new BabiModelConfig(data.vocabulary().baseSize(), data.vocabulary().size(), data.sentenceSize(),
                c.embeddingSize, c.memorySize, sentenceDuration, c.readoutDelay, learnEncoding != 0, masksTimeWords(),
                (float) c.wMax, (float) gammaPosValue(), (float) gammaNegValue(), (float) c.tauTrace, (float) c.thr,
                c.perfectReset, c.refractoryTimeSteps, (float) c.tauMem, (float) c.dampeningFactor);
    }

    public BabiDataOptions dataOptions(int taskNumber) {
        return new BabiDataOptions(taskNumber, tenK != 0, addTimeWords != 0, maxNumSentences,
                BabiPadding.parse(padding));
    }

    /** The reference's file-name suffix, e.g. {@code le_babi_task1}. */
    public String suffix(int taskNumber) {
        return (learnEncoding != 0 ? "le" : "bow") + (addTimeWords != 0 ? "-te" : "") + "_babi_task" + taskNumber;
    }

    public JsonObject toParams(int taskNumber) {
        JsonObject p = new JsonObject();
        p.addProperty("task", taskNumber);
        p.addProperty("ten_k", tenK != 0);
        p.addProperty("add_time_words", addTimeWords != 0);
        p.addProperty("mask_time_words", masksTimeWords());
        p.addProperty("learn_encoding", learnEncoding != 0);
        p.addProperty("sentence_duration", sentenceDuration);
        p.addProperty("max_num_sentences", maxNumSentences);
        p.addProperty("padding", padding);
        p.addProperty("dir", dataDir().toString());
        p.addProperty("pin_data_to_memory", pinDataToMemory != 0);
        p.addProperty("learn_readout_delay", learnReadoutDelay);
        p.addProperty("split_seed", splitSeed);
        common.addTo(p, gammaPosValue(), gammaNegValue(), learningRateValue());
        return p;
    }
}
