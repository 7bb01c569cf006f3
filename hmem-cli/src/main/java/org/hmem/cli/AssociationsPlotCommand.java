package org.hmem.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

import org.hmem.task.associations.AssociationsPlotTask;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hmem associations plot}: the reference's figures (spec §10.1, §10.2) for one sample, as PNG files. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Plot spike rasters, memory matrix and output of one sample as PNG files.",
                "The model comes from the checkpoint's stored flags; model flags given here must agree with them "
                        + "(except --sequence_length, to look at other lengths)."})
public final class AssociationsPlotCommand implements Callable<Integer> {

    private final Map<String, JsonElement> explicit = new LinkedHashMap<>();

    @Mixin
    ModelFlags modelFlags = new ModelFlags();

    @Option(names = {"--checkpoint", "--checkpoint_path", "--checkpoint-path"}, paramLabel = "FILE",
            description = "Checkpoint to plot (default: an untrained model).")
    Path checkpoint;

    @Option(names = {"--check_params", "--check-params"}, defaultValue = "1",
            description = "1: refuse model flags that differ from the checkpoint's (default: ${DEFAULT-VALUE}).")
    int checkParams;

    @Option(names = {"--out", "--out_dir", "--out-dir"}, defaultValue = "results/plots",
            description = "Folder for the PNG files (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = {"--dataset_seed", "--dataset-seed"}, defaultValue = "42",
            description = "Seed of the one-sample data set (default: ${DEFAULT-VALUE}).")
    long datasetSeed;

    @Option(names = "--seed", description = "Seed for an untrained model's initialisation.")
    Long seed;

    @Option(names = "--model", paramLabel = "spiking|relu", description = "Model variant (without a checkpoint).")
    void model(String v) {
        explicit.put("model", new JsonPrimitive(v));
    }

    @Option(names = {"--sequence_length", "--sequence-length"}, description = "Pairs L (default: checkpoint's).")
    void sequenceLength(int v) {
        explicit.put("sequence_length", new JsonPrimitive(v));
    }

    @Option(names = {"--num_classes", "--num-classes"}, description = "Classes C.")
    void numClasses(int v) {
        explicit.put("num_classes", new JsonPrimitive(v));
    }

    @Option(names = {"--feature_size", "--feature-size"}, description = "Feature size F.")
    void featureSize(int v) {
        explicit.put("feature_size", new JsonPrimitive(v));
    }

    @Option(names = {"--num_time_steps", "--num-time-steps"}, description = "Steps per item T.")
    void numTimeSteps(int v) {
        explicit.put("num_time_steps", new JsonPrimitive(v));
    }

    @Override
    public Integer call() {
        Map<String, JsonElement> flags = new LinkedHashMap<>(explicit);
        flags.putAll(modelFlags.given);
        AssociationsPlotTask.run(checkpoint, checkParams != 0, flags, datasetSeed, seed, out, System.out);
        return 0;
    }
}
