package org.hmem.task.associations;

import java.util.Set;

import com.google.gson.JsonObject;

/**
 * Every flag of the reference's {@code memorizing_associations_task[_relu].py} (spec §8.1, §8.2) with its default,
 * plus hmem's own run settings. Field names are the flags' names; {@link #toParams()} gives the reference's params
 * namespace, which checkpoints store and resume checks compare.
 */
public final class AssociationsOptions {

    /** Flags that never make two runs different models or tasks (spec §7.6), plus hmem's run-only settings. */
    public static final Set<String> IGNORED_ON_RESUME = Set.of("workers", "prefetch_factor", "epochs", "start_epoch",
            "resume", "evaluate", "logging", "print_freq", "world_size", "rank", "dist_url", "dist_backend", "seed",
            "gpu", "multiprocessing_distributed", "distributed", "check_params", "threads", "checkpoint_dir",
            "runs_dir", "checkpoint_interval", "test_size");
    /** Additionally ignored with --evaluate: the out-of-distribution test changes the sequence length. */
    public static final Set<String> IGNORED_ON_EVALUATE = Set.of("batch_size", "sequence_length");

    public String model = "spiking";
    public int sequenceLength = 10;
    public int numClasses = 10;
    public int featureSize = 10;
    public int infData = 1;
    public int numTimeSteps = 100;
    public int workers = 4;
    public int prefetchFactor = 2;
    public int embeddingSize = 80;
    public int memorySize = 100;
    public double wMax = 1.0;
    /** Null means the model's default: 0.3 spiking, 0.1 ReLU. */
    public Double gammaPos;
    public Double gammaNeg;
    public double tauTrace = 20.0;
    public int readoutDelay = 1;
    public double thr = 0.1;
    public boolean perfectReset;
    public int refractoryTimeSteps = 3;
    public double tauMem = 20.0;
    public double dampeningFactor = 1.0;
    public int epochs = 250;
    public int batchSize = 512;
    /** Null means the model's default: 0.003 spiking, 0.001 ReLU. */
    public Double learningRate;
    public double learningRateDecay = 0.85;
    public int decayLearningRateEvery = 20;
    public double maxGradNorm = 40.0;
    public double l2 = 1e-5;
    public double targetRate = 0.0;
    public int startEpoch;
    public String resume = "";
    public int checkParams = 1;
    public boolean evaluate;
    public boolean logging;
    public int printFreq = 1;
    public int worldSize = -1;
    public int rank = -1;
    public String distUrl = "tcp://127.0.0.1:23456";
    public String distBackend = "nccl";
    public Integer gpu;
    public boolean multiprocessingDistributed;
    public Long seed;
    public long datasetSeed = 42;
    // hmem's own settings
    public int threads = Runtime.getRuntime().availableProcessors();
    public String checkpointDir = "results/checkpoints";
    public String runsDir = "results/runs";
    public int trainSize = 9000;
    public int valSize = 1000;
    public int testSize = 2000;
    public int checkpointInterval;

    public boolean spiking() {
        return !"relu".equals(model);
    }

    public double gammaPosValue() {
        return gammaPos != null ? gammaPos : spiking() ? 0.3 : 0.1;
    }

    public double gammaNegValue() {
        return gammaNeg != null ? gammaNeg : spiking() ? 0.3 : 0.1;
    }

    public double learningRateValue() {
        return learningRate != null ? learningRate : spiking() ? 0.003 : 0.001;
    }

    /** The reference's file-name suffix. */
    public String suffix() {
        return (spiking() ? "memorizing_associations_task-" : "memorizing_associations_task_relu-") + sequenceLength
                + "-" + numClasses;
    }

    public AssociationsModelConfig modelConfig() {
        return new AssociationsModelConfig(featureSize, numClasses, embeddingSize, memorySize, numTimeSteps,
                readoutDelay, (float) wMax, (float) gammaPosValue(), (float) gammaNegValue(), (float) tauTrace,
                (float) thr, perfectReset, refractoryTimeSteps, (float) tauMem, (float) dampeningFactor);
    }

    /** The flags that define the model (the plot command's flags, spec §10.1), under the reference's names. */
    public static final java.util.List<String> MODEL_FLAGS = java.util.List.of("model", "sequence_length",
            "num_classes", "feature_size", "num_time_steps", "embedding_size", "memory_size", "w_max", "gamma_pos",
            "gamma_neg", "tau_trace", "readout_delay", "thr", "perfect_reset", "refractory_time_steps", "tau_mem",
            "dampening_factor");

    /** Sets one of {@link #MODEL_FLAGS} from a stored or given value. */
    public void setModelFlag(String flag, com.google.gson.JsonElement v) {
        switch (flag) {
            case "model" -> model = v.getAsString();
            case "sequence_length" -> sequenceLength = v.getAsInt();
            case "num_classes" -> numClasses = v.getAsInt();
            case "feature_size" -> featureSize = v.getAsInt();
            case "num_time_steps" -> numTimeSteps = v.getAsInt();
            case "embedding_size" -> embeddingSize = v.getAsInt();
            case "memory_size" -> memorySize = v.getAsInt();
            case "w_max" -> wMax = v.getAsDouble();
            case "gamma_pos" -> gammaPos = v.getAsDouble();
            case "gamma_neg" -> gammaNeg = v.getAsDouble();
            case "tau_trace" -> tauTrace = v.getAsDouble();
            case "readout_delay" -> readoutDelay = v.getAsInt();
            case "thr" -> thr = v.getAsDouble();
            case "perfect_reset" -> perfectReset = v.getAsBoolean();
            case "refractory_time_steps" -> refractoryTimeSteps = v.getAsInt();
            case "tau_mem" -> tauMem = v.getAsDouble();
            case "dampening_factor" -> dampeningFactor = v.getAsDouble();
            default -> throw new IllegalArgumentException("not a model flag: " + flag);
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
        p.addProperty("workers", workers);
        p.addProperty("prefetch_factor", prefetchFactor);
        p.addProperty("embedding_size", embeddingSize);
        p.addProperty("memory_size", memorySize);
        p.addProperty("w_max", wMax);
        p.addProperty("gamma_pos", gammaPosValue());
        p.addProperty("gamma_neg", gammaNegValue());
        if (spiking()) {
            p.addProperty("num_time_steps", numTimeSteps);
            p.addProperty("tau_trace", tauTrace);
            p.addProperty("readout_delay", readoutDelay);
            p.addProperty("thr", thr);
            p.addProperty("perfect_reset", perfectReset);
            p.addProperty("refractory_time_steps", refractoryTimeSteps);
            p.addProperty("tau_mem", tauMem);
            p.addProperty("dampening_factor", dampeningFactor);
            p.addProperty("l2", l2);
            p.addProperty("target_rate", targetRate);
            p.addProperty("check_params", checkParams);
        }
        p.addProperty("epochs", epochs);
        p.addProperty("batch_size", batchSize);
        p.addProperty("learning_rate", learningRateValue());
        p.addProperty("learning_rate_decay", learningRateDecay);
        p.addProperty("decay_learning_rate_every", decayLearningRateEvery);
        p.addProperty("max_grad_norm", maxGradNorm);
        p.addProperty("start_epoch", startEpoch);
        p.addProperty("resume", resume);
        p.addProperty("evaluate", evaluate);
        p.addProperty("logging", logging);
        p.addProperty("print_freq", printFreq);
        p.addProperty("world_size", worldSize);
        p.addProperty("rank", rank);
        p.addProperty("dist_url", distUrl);
        p.addProperty("dist_backend", distBackend);
        p.addProperty("gpu", gpu);
        p.addProperty("multiprocessing_distributed", multiprocessingDistributed);
        p.addProperty("distributed", false);
        p.addProperty("seed", seed);
        p.addProperty("dataset_seed", datasetSeed);
        p.addProperty("threads", threads);
        p.addProperty("checkpoint_dir", checkpointDir);
        p.addProperty("runs_dir", runsDir);
        p.addProperty("train_size", trainSize);
        p.addProperty("val_size", valSize);
        p.addProperty("test_size", testSize);
        p.addProperty("checkpoint_interval", checkpointInterval);
        return p;
    }
}
