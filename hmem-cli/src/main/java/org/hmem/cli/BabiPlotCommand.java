package org.hmem.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

import org.hmem.task.babi.BabiOptions;
import org.hmem.task.babi.BabiPlotTask;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hmem babi plot}: the reference's bAbI figures (spec §10.7) for one training sample, as PNG files. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Plot word indices, spike rasters, memory matrix and logits of one training sample as PNGs.",
                "Model and data flags come from the checkpoint; flags given here must agree with them."})
public final class BabiPlotCommand implements Callable<Integer> {

    private final Map<String, JsonElement> explicit = new LinkedHashMap<>();
    private final BabiOptions o = new BabiOptions();

    @Mixin
    PlotFlags plot = new PlotFlags();

    @Mixin
    ModelFlags modelFlags = new ModelFlags();

    @Option(names = "--example", defaultValue = "4",
            description = "Index of the training sample to plot (default: ${DEFAULT-VALUE}).")
    void example(int v) {
        o.example = v;
    }

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder with the bAbI data (default: $"
            + BabiOptions.DIR_ENV + ", else ./data).")
    void dir(String v) {
        o.dir = v;
    }

    @Option(names = "--seed", description = "Seed for an untrained model's initialisation.")
    void seed(Long v) {
        o.common.seed = v;
    }

    @Option(names = "--task", paramLabel = "1..20", description = "bAbI task (default: the checkpoint's, else 1).")
    void task(int v) {
        explicit.put("task", new JsonPrimitive(v));
    }

    @Option(names = {"--ten_k", "--ten-k"}, description = "1: en-10k, 0: en.")
    void tenK(int v) {
        explicit.put("ten_k", new JsonPrimitive(v != 0));
    }

    @Option(names = {"--add_time_words", "--add-time-words"}, description = "Time words (0/1).")
    void addTimeWords(int v) {
        explicit.put("add_time_words", new JsonPrimitive(v != 0));
    }

    @Option(names = {"--sentence_duration", "--sentence-duration"}, description = "Steps per sentence.")
    void sentenceDuration(int v) {
        explicit.put("sentence_duration", new JsonPrimitive(v));
    }

    @Option(names = {"--max_num_sentences", "--max-num-sentences"}, description = "Story length limit.")
    void maxNumSentences(int v) {
        explicit.put("max_num_sentences", new JsonPrimitive(v));
    }

    @Option(names = "--padding", paramLabel = "pre|post", description = "Story padding.")
    void padding(String v) {
        explicit.put("padding", new JsonPrimitive(v));
    }

    @Override
    public Integer call() {
        Map<String, JsonElement> flags = new LinkedHashMap<>(explicit);
        flags.putAll(modelFlags.given);
        BabiPlotTask.run(o, plot.checkpoint, plot.checkParams != 0, flags, plot.out, System.out);
        return 0;
    }
}
