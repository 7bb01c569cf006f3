package org.hmem.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

import org.hmem.task.associations.AssociationsPlotTask;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hmem associations plot}: the reference's figures (spec §10.1, §10.2) for one sample, as PNG files. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Plot spike rasters, memory matrix and output of one sample as PNG files.",
                "The model comes from the checkpoint's stored flags; model flags given here must agree with them "
                        + "(except --sequence_length, to look at other lengths)."})
public final class AssociationsPlotCommand implements Callable<Integer> {

    private final Map<String, JsonElement> explicit = new LinkedHashMap<>();

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

    @Option(names = {"--embedding_size", "--embedding-size"}, description = "Embedding size E.")
    void embeddingSize(int v) {
        explicit.put("embedding_size", new JsonPrimitive(v));
    }

    @Option(names = {"--memory_size", "--memory-size"}, description = "Memory size M.")
    void memorySize(int v) {
        explicit.put("memory_size", new JsonPrimitive(v));
    }

    @Option(names = {"--w_max", "--w-max"}, description = "Plasticity soft bound.")
    void wMax(double v) {
        explicit.put("w_max", new JsonPrimitive(v));
    }

    @Option(names = {"--gamma_pos", "--gamma-pos"}, description = "gamma+.")
    void gammaPos(double v) {
        explicit.put("gamma_pos", new JsonPrimitive(v));
    }

    @Option(names = {"--gamma_neg", "--gamma-neg"}, description = "gamma-.")
    void gammaNeg(double v) {
        explicit.put("gamma_neg", new JsonPrimitive(v));
    }

    @Option(names = {"--tau_trace", "--tau-trace"}, description = "Trace time constant.")
    void tauTrace(double v) {
        explicit.put("tau_trace", new JsonPrimitive(v));
    }

    @Option(names = {"--readout_delay", "--readout-delay"}, description = "Feedback delay D.")
    void readoutDelay(int v) {
        explicit.put("readout_delay", new JsonPrimitive(v));
    }

    @Option(names = "--thr", description = "Threshold.")
    void thr(double v) {
        explicit.put("thr", new JsonPrimitive(v));
    }

    @Option(names = {"--perfect_reset", "--perfect-reset"}, description = "Perfect reset.")
    void perfectReset(boolean v) {
        explicit.put("perfect_reset", new JsonPrimitive(v));
    }

    @Option(names = {"--refractory_time_steps", "--refractory-time-steps"}, description = "Refractory steps R.")
    void refractory(int v) {
        explicit.put("refractory_time_steps", new JsonPrimitive(v));
    }

    @Option(names = {"--tau_mem", "--tau-mem"}, description = "Membrane time constant.")
    void tauMem(double v) {
        explicit.put("tau_mem", new JsonPrimitive(v));
    }

    @Override
    public Integer call() {
        AssociationsPlotTask.run(checkpoint, checkParams != 0, explicit, datasetSeed, seed, out, System.out);
        return 0;
    }
}
