package org.hmem.task.train;

import com.google.gson.JsonObject;

/**
 * The flags every spiking H-Mem task script shares (spec §8): neuron and memory hyper-parameters, optimisation,
 * run control, the distributed block, and hmem's own run settings. Tasks construct it with their own defaults for
 * the few that differ (epochs, batch size, readout delay) and add their specific flags around it.
 */
public final class CommonOptions {

    // neurons (shared dynamics of all populations, spec §1.2)
    public double thr = 0.1;
    public boolean perfectReset;
    public int refractoryTimeSteps = 3;
    public double tauMem = 20.0;
    public double dampeningFactor = 1.0;
    // memory layers
    public int embeddingSize = 80;
    public int memorySize = 100;
    public double wMax = 1.0;
    /** Null: the task's default. */
    public Double gammaPos;
    public Double gammaNeg;
    public double tauTrace = 20.0;
    public int readoutDelay;
    // optimisation (spec §7.1-§7.3)
    public int epochs;
    public int batchSize;
    /** Null: the task's default. */
    public Double learningRate;
    public double learningRateDecay = 0.85;
    public int decayLearningRateEvery = 20;
    public double maxGradNorm = 40.0;
    public double l2 = 1e-5;
    public double targetRate = 0.0;
    // run control
    public int startEpoch;
    public String resume = "";
    public boolean evaluate;
    public boolean logging;
    public int printFreq = 1;
    public Long seed;
    public int workers = 4;
    public int prefetchFactor = 2;
    // distributed block (spec §11)
    public int worldSize = -1;
    public int rank = -1;
    public String distUrl = "tcp://127.0.0.1:23456";
    public String distBackend = "nccl";
    public Integer gpu;
    public boolean multiprocessingDistributed;
    // hmem's own
    public int threads = Runtime.getRuntime().availableProcessors();
    public String checkpointDir = "results/checkpoints";
    public String runsDir = "results/runs";
    public int checkpointInterval;
    public double timeBudget;

    public CommonOptions(int epochs, int batchSize, int readoutDelay) {
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.readoutDelay = readoutDelay;
    }

    /** Run-only flags that never make two runs different models or tasks (spec §7.6), plus hmem's own. */
    public static final java.util.Set<String> RUN_ONLY = java.util.Set.of("workers", "prefetch_factor", "epochs",
            "start_epoch", "resume", "evaluate", "logging", "print_freq", "world_size", "rank", "dist_url",
            "dist_backend", "seed", "gpu", "multiprocessing_distributed", "threads", "checkpoint_dir", "runs_dir",
            "checkpoint_interval", "time_budget");

    /** The neuron and memory flags every spiking model is defined by (besides each task's own). */
    public static final java.util.List<String> MODEL_FLAGS = java.util.List.of("embedding_size", "memory_size",
            "w_max", "gamma_pos", "gamma_neg", "tau_trace", "readout_delay", "thr", "perfect_reset",
            "refractory_time_steps", "tau_mem", "dampening_factor");

    /** Sets one of {@link #MODEL_FLAGS} from a stored or given value; false if {@code flag} is not one of them. */
    public boolean setModelFlag(String flag, com.google.gson.JsonElement v) {
        switch (flag) {
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
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The value of a flag before parsing, as text for help output; null when the task decides it. */
    public String defaultOf(String flag) {
        Object v = switch (flag) {
            case "thr" -> thr;
            case "refractory_time_steps" -> refractoryTimeSteps;
            case "tau_mem" -> tauMem;
            case "dampening_factor" -> dampeningFactor;
            case "embedding_size" -> embeddingSize;
            case "memory_size" -> memorySize;
            case "w_max" -> wMax;
            case "gamma_pos" -> gammaPos;
            case "gamma_neg" -> gammaNeg;
            case "tau_trace" -> tauTrace;
            case "readout_delay" -> readoutDelay;
            case "epochs" -> epochs;
            case "batch_size" -> batchSize;
            case "learning_rate" -> learningRate;
            case "learning_rate_decay" -> learningRateDecay;
            case "decay_learning_rate_every" -> decayLearningRateEvery;
            case "max_grad_norm" -> maxGradNorm;
            case "l2" -> l2;
            case "target_rate" -> targetRate;
            case "start_epoch" -> startEpoch;
            case "resume" -> resume;
            case "print_freq" -> printFreq;
            case "workers" -> workers;
            case "prefetch_factor" -> prefetchFactor;
            case "world_size" -> worldSize;
            case "rank" -> rank;
            case "dist_url" -> distUrl;
            case "dist_backend" -> distBackend;
            case "checkpoint_dir" -> checkpointDir;
            case "runs_dir" -> runsDir;
            case "checkpoint_interval" -> checkpointInterval;
            case "time_budget" -> timeBudget;
            default -> null;
        };
        return v == null ? null : v.toString();
    }

    /** Adds these flags to a params object (the reference's argparse namespace). */
    public void addTo(JsonObject p, double gammaPosValue, double gammaNegValue, double learningRateValue) {
        p.addProperty("embedding_size", embeddingSize);
        p.addProperty("memory_size", memorySize);
        p.addProperty("w_max", wMax);
        p.addProperty("gamma_pos", gammaPosValue);
        p.addProperty("gamma_neg", gammaNegValue);
        p.addProperty("tau_trace", tauTrace);
        p.addProperty("readout_delay", readoutDelay);
        p.addProperty("thr", thr);
        p.addProperty("perfect_reset", perfectReset);
        p.addProperty("refractory_time_steps", refractoryTimeSteps);
        p.addProperty("tau_mem", tauMem);
        p.addProperty("dampening_factor", dampeningFactor);
        p.addProperty("epochs", epochs);
        p.addProperty("batch_size", batchSize);
        p.addProperty("learning_rate", learningRateValue);
        p.addProperty("learning_rate_decay", learningRateDecay);
        p.addProperty("decay_learning_rate_every", decayLearningRateEvery);
        p.addProperty("max_grad_norm", maxGradNorm);
        p.addProperty("l2", l2);
        p.addProperty("target_rate", targetRate);
        p.addProperty("start_epoch", startEpoch);
        p.addProperty("resume", resume);
        p.addProperty("evaluate", evaluate);
        p.addProperty("logging", logging);
        p.addProperty("print_freq", printFreq);
        p.addProperty("workers", workers);
        p.addProperty("prefetch_factor", prefetchFactor);
        p.addProperty("world_size", worldSize);
        p.addProperty("rank", rank);
        p.addProperty("dist_url", distUrl);
        p.addProperty("dist_backend", distBackend);
        p.addProperty("gpu", gpu);
        p.addProperty("multiprocessing_distributed", multiprocessingDistributed);
        p.addProperty("distributed", false);
        p.addProperty("seed", seed);
        p.addProperty("threads", threads);
        p.addProperty("checkpoint_dir", checkpointDir);
        p.addProperty("runs_dir", runsDir);
        p.addProperty("checkpoint_interval", checkpointInterval);
        p.addProperty("time_budget", timeBudget);
    }

    /** Checks the shared flags; prints notes for flags accepted only for compatibility. */
    public void validate(java.io.PrintStream out) {
        require(embeddingSize >= 1 && memorySize >= 1, "--embedding_size and --memory_size must be >= 1");
        require(readoutDelay >= 1, "--readout_delay must be >= 1");
        require(thr > 0, "--thr must be > 0");
        require(tauMem > 0 && tauTrace > 0, "--tau_mem and --tau_trace must be > 0");
        require(refractoryTimeSteps >= 0, "--refractory_time_steps must be >= 0");
        require(batchSize >= 1, "--batch_size must be >= 1");
        require(epochs >= 0, "--epochs must be >= 0");
        require(decayLearningRateEvery >= 1, "--decay_learning_rate_every must be >= 1");
        require(threads >= 1, "--threads must be >= 1");
        require(printFreq >= 0, "--print_freq must be >= 0");
        require(startEpoch >= 0, "--start_epoch must be >= 0");
        require(checkpointInterval >= 0, "--checkpoint_interval must be >= 0");
        require(timeBudget >= 0, "--time_budget must be >= 0 minutes");
        if (worldSize > 1 || multiprocessingDistributed) {
            throw new UserError("distributed training (--world_size > 1, --multiprocessing_distributed) is not "
                    + "available in this version of hmem; use --threads to use all cores of one machine");
        }
        if (gpu != null) {
            out.println("note: --gpu is accepted for compatibility; hmem computes on the CPU (--threads " + threads
                    + ")");
        }
    }

    public static void require(boolean ok, String message) {
        if (!ok) {
            throw new UserError(message);
        }
    }
}
