package org.hmem.task.associations;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.hmem.task.train.CommonOptions;

/**
 * Every flag of the reference's {@code memorizing_associations_task[_relu].py} (spec §8.1, §8.2) with its default,
 * plus hmem's own. {@link #toParams()} gives the reference's params namespace, which checkpoints store and resume
 * checks compare.
 */
public final class AssociationsOptions {

    /** Flags the resume check ignores (spec §7.6), including hmem's run-only flags. */
    public static final Set<String> IGNORED_ON_RESUME = union(CommonOptions.RUN_ONLY, Set.of("check_params",
            "test_size"));
    /** Additionally ignored with --evaluate: the out-of-distribution test changes the sequence length. */
    public static final Set<String> IGNORED_ON_EVALUATE = Set.of("batch_size", "sequence_length");

    /** The flags that define the model (the plot command's flags, spec §10.1), under the reference's names. */
    public static final List<String> MODEL_FLAGS = concat(List.of("model", "sequence_length", "num_classes",
            "feature_size", "num_time_steps"), CommonOptions.MODEL_FLAGS);

    public final CommonOptions common = new CommonOptions(250, 512, 1);
    public String model = "spiking";
    public int sequenceLength = 10;
    public int numClasses = 10;
    public int featureSize = 10;
    public int infData = 1;
    public int numTimeSteps = 100;
    public int checkParams = 1;
    public long datasetSeed = 42;
    public int trainSize = 9000;
    public int valSize = 1000;
    public int testSize = 2000;

    public boolean spiking() {
        return !"relu".equals(model);
    }

    public double gammaPosValue() {
        return common.gammaPos != null ? common.gammaPos : spiking() ? 0.3 : 0.1;
    }

    public double gammaNegValue() {
        return common.gammaNeg != null ? common.gammaNeg : spiking() ? 0.3 : 0.1;
    }

    public double learningRateValue() {
        return common.learningRate != null ? common.learningRate : spiking() ? 0.003 : 0.001;
    }

    /** The reference's file-name suffix. */
    public String suffix() {
        return (spiking() ? "memorizing_associations_task-" : "memorizing_associations_task_relu-") + sequenceLength
                + "-" + numClasses;
    }

    public AssociationsModelConfig modelConfig() {
        CommonOptions c = common;
        return new AssociationsModelConfig(featureSize, numClasses, c.embeddingSize, c.memorySize, numTimeSteps,
                c.readoutDelay, (float) c.wMax, (float) gammaPosValue(), (float) gammaNegValue(), (float) c.tauTrace,
                (float) c.thr, c.perfectReset, c.refractoryTimeSteps, (float) c.tauMem, (float) c.dampeningFactor);
    }

    /** Sets one of {@link #MODEL_FLAGS} from a stored or given value. */
    public void setModelFlag(String flag, JsonElement v) {
        switch (flag) {
            case "model" -> model = v.getAsString();
            case "sequence_length" -> sequenceLength = v.getAsInt();
            case "num_classes" -> numClasses = v.getAsInt();
            case "feature_size" -> featureSize = v.getAsInt();
            case "num_time_steps" -> numTimeSteps = v.getAsInt();
            default -> {
                if (!common.setModelFlag(flag, v)) {
                    throw new IllegalArgumentException("not a model flag: " + flag);
                }
            }
        }
    }

    /** The run's parameters under the reference's flag names, after defaults are resolved. */
    public JsonObject toParams() {
        JsonObject p = new JsonObject();
        p.addProperty("model", model);
        p.addProperty("sequence_length", sequenceLength);
        p.addProperty("num_classes", numClasses);
        p.addProperty("feature_size", featureSize);
        p.addProperty("inf_data", infData != 0);
        p.addProperty("num_time_steps", numTimeSteps);
        p.addProperty("check_params", checkParams);
        p.addProperty("dataset_seed", datasetSeed);
        p.addProperty("train_size", trainSize);
        p.addProperty("val_size", valSize);
        p.addProperty("test_size", testSize);
        common.addTo(p, gammaPosValue(), gammaNegValue(), learningRateValue());
        return p;
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }
}
