package org.hmem.cli;

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
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Plot spike rasters, memory matrix and output of one sample as PNG files.",
                "The model comes from the checkpoint's stored flags; model flags given here must agree with them "
                        + "(except --sequence_length, to look at other lengths)."})
public final class AssociationsPlotCommand implements Callable<Integer> {

    private final Map<String, JsonElement> explicit = new LinkedHashMap<>();

    @Mixin
    PlotFlags plot = new PlotFlags();

    @Mixin
    ModelFlags modelFlags = new ModelFlags();

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
        AssociationsPlotTask.run(plot.checkpoint, plot.checkParams != 0, flags, datasetSeed, seed, plot.out,
                System.out);
        return 0;
    }
}
