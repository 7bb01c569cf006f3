package org.hmem.task.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import com.google.gson.JsonObject;

import org.hmem.engine.nn.Parameter;
import org.hmem.engine.optim.Adam;
import org.hmem.engine.optim.GradientClipping;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.engine.simd.Simd;
import org.hmem.task.associations.AssociationsBatch;
import org.hmem.task.associations.AssociationsData;
import org.hmem.task.associations.AssociationsModelConfig;
import org.hmem.task.associations.AssociationsModel;
import org.hmem.task.train.CrossEntropyObjective;
import org.hmem.task.train.SupervisedStep;

/**
 * Throughput and memory benchmark of the spiking memorizing-associations model at its defaults (F 10, C 10, E 80,
 * M 100, T 100, delay 1).
 *
 * <p>Two modes: {@code train} times one full training iteration — forward, cross-entropy, the activity
 * regulariser's two-pass flow with {@code l2 = 1e-5} (as in every epoch after the first), backward, gradient clipping
 * at 40 and an Adam step; {@code forward} times the forward pass with loss and accuracy only (validation). Each
 * configuration warms up, then repeats timed iterations on fresh batches and reports the median and spread of
 * samples per second, the peak heap and the peak resident set size. The engine's cost depends on the firing activity,
 * which changes as the model trains, so every iteration (its Adam step included) starts from the same initial
 * parameters: all repetitions measure a freshly initialised network on fresh data.
 *
 * <p>Peak RSS ({@code VmHWM}) is a process-lifetime maximum: to attribute it to one configuration, {@link #runForked}
 * measures each configuration in a fresh child JVM started with this JVM's options; {@link #run} measures in this JVM
 * and reports the cumulative figure.
 */
public final class TrainingBenchmark {

    /** What one iteration does. */
    public enum Mode {
        TRAIN, FORWARD;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** One point of the benchmark grid. */
    public record Config(Mode mode, int batch, int pairs, int threads) {
        public Config {
            if (batch < 1 || pairs < 1 || threads < 1) {
                throw new IllegalArgumentException("batch, pairs and threads must be >= 1");
            }
        }

        /** Labels are drawn without replacement, so more than 10 pairs need as many classes. */
        public int numClasses() {
            return Math.max(AssociationsModelConfig.spikingDefaults().numClasses(), pairs);
        }
    }

    /**
     * Repetition policy and training hyper-parameters.
     *
     * @param warmupReps minimum untimed iterations
     * @param warmupSeconds minimum warm-up time (iterations continue until both minima are reached)
     * @param minReps timed iterations wanted
     * @param minSeconds minimum timed duration (small batches repeat until reached)
     * @param maxSeconds once this much time is spent, stop after at least {@code floorReps} iterations
     * @param floorReps fewest timed iterations in any case
     */
    public record Settings(int warmupReps, double warmupSeconds, int minReps, double minSeconds, double maxSeconds,
                           int floorReps, long seed, double l2, double maxGradNorm, double learningRate) {

        /** The defaults of the full run. */
        public static Settings defaults() {
            return new Settings(1, 3.0, 5, 3.0, 25.0, 3, 1, 1e-5, 40.0, 3e-3);
        }

        /** A shorter policy for quick checks. */
        public static Settings quick() {
            return new Settings(1, 2.0, 3, 1.5, 8.0, 2, 1, 1e-5, 40.0, 3e-3);
        }
    }

    /** Measurements of one configuration. */
    public record Result(Config config, Stats samplesPerSecond, Stats secondsPerIteration, int warmupReps,
                         double peakHeapMiB, double peakRssMiB, boolean rssPerConfiguration, boolean simd,
                         double finalLoss, double ownCores, double backgroundCores) {

        /** One JSON object (one line). */
        public String toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("mode", config.mode().label());
            o.addProperty("batch", config.batch());
            o.addProperty("pairs", config.pairs());
            o.addProperty("threads", config.threads());
            o.addProperty("samples_per_s", round(samplesPerSecond.median()));
            o.addProperty("samples_per_s_min", round(samplesPerSecond.min()));
            o.addProperty("samples_per_s_q1", round(samplesPerSecond.q1()));
            o.addProperty("samples_per_s_q3", round(samplesPerSecond.q3()));
            o.addProperty("samples_per_s_max", round(samplesPerSecond.max()));
            o.addProperty("seconds_per_iteration", round(secondsPerIteration.median()));
            o.addProperty("reps", samplesPerSecond.count());
            o.addProperty("warmup_reps", warmupReps);
            o.addProperty("peak_heap_mb", round(peakHeapMiB));
            o.addProperty("peak_rss_mb", round(peakRssMiB));
            o.addProperty("rss_scope", rssPerConfiguration ? "configuration" : "cumulative");
            o.addProperty("simd", simd);
            o.addProperty("num_classes", config.numClasses());
            o.addProperty("loss", round(finalLoss));
            o.addProperty("cpu_cores_used", round(ownCores));
            o.addProperty("background_cpu_cores", round(backgroundCores));
            o.addProperty("java", System.getProperty("java.version"));
            o.addProperty("cpus", Runtime.getRuntime().availableProcessors());
            return o.toString();
        }

        /** One fixed-width line for the human-readable table. */
        public String toRow() {
            return String.format(Locale.ROOT, "%-8s %6d %6d %8d %12.1f %10.1f %10.1f %7d %10.0f %10.0f %6.2f %6.2f%s",
                    config.mode().label(), config.batch(), config.pairs(), config.threads(),
                    samplesPerSecond.median(), samplesPerSecond.min(), samplesPerSecond.max(),
                    samplesPerSecond.count(), peakHeapMiB, peakRssMiB, ownCores, backgroundCores,
                    rssPerConfiguration ? "" : " (RSS cumulative)");
        }

        public static String header() {
            return String.format(Locale.ROOT, "%-8s %6s %6s %8s %12s %10s %10s %7s %10s %10s %6s %6s", "mode",
                    "batch", "pairs", "threads", "samples/s", "min", "max", "reps", "heap MiB", "RSS MiB", "cpu",
                    "other");
        }

        private static double round(double v) {
            return Double.isFinite(v) ? Math.round(v * 1000.0) / 1000.0 : v;
        }
    }

    private TrainingBenchmark() {
    }

    /** Cartesian product of the given values, in the order threads, pairs, batch, mode (slowest changing first). */
    public static List<Config> grid(List<Mode> modes, List<Integer> batches, List<Integer> pairs,
                                    List<Integer> threads) {
        List<Config> out = new ArrayList<>();
        for (int p : pairs) {
            for (int b : batches) {
                for (int t : threads) {
                    for (Mode m : modes) {
                        out.add(new Config(m, b, p, t));
                    }
                }
            }
        }
        return out;
    }

    /** Measures {@code c} in this JVM; peak RSS is the process maximum so far. */
    public static Result run(Config c, Settings s) {
        return measure(c, s, false);
    }

    private static Result measure(Config c, Settings s, boolean rssPerConfiguration) {
        AssociationsModelConfig d = AssociationsModelConfig.spikingDefaults();
        AssociationsModelConfig cfg = new AssociationsModelConfig(d.featureSize(), c.numClasses(), d.embeddingSize(),
                d.memorySize(), d.numTimeSteps(), d.readoutDelay(), d.hebbian(), d.neuron());
        AssociationsModel model = new AssociationsModel(cfg, 0);
        model.initialize(new SplittableRandom(s.seed()));
        AssociationsData data = new AssociationsData(c.pairs(), cfg.featureSize(), cfg.numClasses());
        List<Parameter> params = model.parameters();
        // the engine's cost depends on the firing activity, which drifts as Adam trains the model: every iteration
        // starts from the initial parameters so that all repetitions measure the same workload
        List<float[]> initial = new ArrayList<>();
        for (Parameter p : params) {
            initial.add(p.data().clone());
        }
        Adam adam = new Adam(params, s.learningRate());
        SplittableRandom rng = new SplittableRandom(s.seed() + 1);
        ProcessMemory.resetHeapPeaks();
        try (BatchParallel parallel = new BatchParallel(c.threads())) {
            SupervisedStep<AssociationsBatch, AssociationsModel.Workspace> step =
                    new SupervisedStep<>(model, new CrossEntropyObjective<>(cfg.numClasses(),
                            (batch, b) -> batch.answer()[b]), parallel, 0.0);
            double[] loss = {Double.NaN};
            Runnable iteration = () -> {
                AssociationsBatch batch = data.sample(c.batch(), rng);
                restore(params, initial);
                loss[0] = c.mode() == Mode.TRAIN ? trainIteration(step, batch, params, adam, s)
                        : step.evaluate(batch).loss();
            };
            int warm = 0;
            long start = System.nanoTime();
            while (warm < s.warmupReps() || seconds(start) < s.warmupSeconds()) {
                iteration.run();
                warm++;
            }
            List<Double> times = new ArrayList<>();
            CpuMeter cpu = new CpuMeter();
            long timedStart = System.nanoTime();
            while (true) {
                AssociationsBatch batch = data.sample(c.batch(), rng);
                restore(params, initial);
                long t0 = System.nanoTime();
                loss[0] = c.mode() == Mode.TRAIN ? trainIteration(step, batch, params, adam, s)
                        : step.evaluate(batch).loss();
                times.add((System.nanoTime() - t0) / 1e9);
                double elapsed = seconds(timedStart);
                int n = times.size();
                if ((n >= s.minReps() && elapsed >= s.minSeconds()) || (n >= s.floorReps() && elapsed >= s.maxSeconds())) {
                    break;
                }
            }
            double[] secs = times.stream().mapToDouble(Double::doubleValue).toArray();
            double[] rates = new double[secs.length];
            for (int i = 0; i < secs.length; i++) {
                rates[i] = c.batch() / secs[i];
            }
            return new Result(c, Stats.of(rates), Stats.of(secs), warm, ProcessMemory.peakHeapMiB(),
                    ProcessMemory.peakRssMiB(), rssPerConfiguration, Simd.enabled(), loss[0], cpu.ownCores(),
                    cpu.backgroundCores());
        }
    }

    private static void restore(List<Parameter> params, List<float[]> values) {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).set(values.get(i));
        }
    }

    /** One training iteration as the task scripts run it (spec §7.2). */
    private static double trainIteration(SupervisedStep<AssociationsBatch, AssociationsModel.Workspace> step,
                                         AssociationsBatch batch, List<Parameter> params, Adam adam, Settings s) {
        for (Parameter p : params) {
            p.zeroGrad();
        }
        double loss = step.train(batch, 1.0, s.l2()).loss();
        GradientClipping.clip(params, s.maxGradNorm());
        adam.step();
        return loss;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /**
     * Measures {@code c} in a fresh child JVM started with this JVM's options and class path, so that its peak RSS
     * belongs to this configuration alone. The child's stderr is passed through.
     */
    public static Result runForked(Config c, Settings s) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // recording, agents and debugging belong to the parent only
            if (a.startsWith("-XX:StartFlightRecording") || a.startsWith("-XX:FlightRecorderOptions")
                    || a.startsWith("-agentlib") || a.startsWith("-javaagent") || a.startsWith("-Xrunjdwp")) {
                continue;
            }
            cmd.add(a);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TrainingBenchmark.class.getName());
        cmd.add(c.mode().label());
        cmd.add(Integer.toString(c.batch()));
        cmd.add(Integer.toString(c.pairs()));
        cmd.add(Integer.toString(c.threads()));
        cmd.add(Integer.toString(s.warmupReps()));
        cmd.add(Double.toString(s.warmupSeconds()));
        cmd.add(Integer.toString(s.minReps()));
        cmd.add(Double.toString(s.minSeconds()));
        cmd.add(Double.toString(s.maxSeconds()));
        cmd.add(Integer.toString(s.floorReps()));
        cmd.add(Long.toString(s.seed()));
        cmd.add(Double.toString(s.l2()));
        cmd.add(Double.toString(s.maxGradNorm()));
        cmd.add(Double.toString(s.learningRate()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String line;
        String last = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            while ((line = r.readLine()) != null) {
                if (line.startsWith("{")) {
                    last = line;
                }
            }
        }
        int rc = p.waitFor();
        if (rc != 0 || last == null) {
            throw new IOException("benchmark child for " + c + " failed with exit code " + rc);
        }
        return parse(last);
    }

    /** Reads back a {@link Result#toJson} line. */
    static Result parse(String json) {
        JsonObject o = com.google.gson.JsonParser.parseString(json).getAsJsonObject();
        Config c = new Config(Mode.parse(o.get("mode").getAsString()), o.get("batch").getAsInt(),
                o.get("pairs").getAsInt(), o.get("threads").getAsInt());
        int reps = o.get("reps").getAsInt();
        double med = o.get("samples_per_s").getAsDouble();
        Stats rate = new Stats(reps, o.get("samples_per_s_min").getAsDouble(),
                o.get("samples_per_s_q1").getAsDouble(), med, o.get("samples_per_s_q3").getAsDouble(),
                o.get("samples_per_s_max").getAsDouble());
        double spi = o.get("seconds_per_iteration").getAsDouble();
        Stats secs = new Stats(reps, spi, spi, spi, spi, spi);
        return new Result(c, rate, secs, o.get("warmup_reps").getAsInt(), o.get("peak_heap_mb").getAsDouble(),
                o.get("peak_rss_mb").getAsDouble(), "configuration".equals(o.get("rss_scope").getAsString()),
                o.get("simd").getAsBoolean(), o.get("loss").getAsDouble(), o.get("cpu_cores_used").getAsDouble(),
                o.get("background_cpu_cores").getAsDouble());
    }

    /**
     * Child entry point used by {@link #runForked}: {@code mode batch pairs threads warmupReps warmupSeconds minReps
     * minSeconds maxSeconds floorReps seed l2 maxGradNorm learningRate}; prints one JSON line.
     */
    public static void main(String[] a) {
        if (a.length != 14) {
            System.err.println("usage: TrainingBenchmark mode batch pairs threads warmupReps warmupSeconds minReps "
                    + "minSeconds maxSeconds floorReps seed l2 maxGradNorm learningRate");
            System.exit(2);
        }
        Config c = new Config(Mode.parse(a[0]), Integer.parseInt(a[1]), Integer.parseInt(a[2]),
                Integer.parseInt(a[3]));
        Settings s = new Settings(Integer.parseInt(a[4]), Double.parseDouble(a[5]), Integer.parseInt(a[6]),
                Double.parseDouble(a[7]), Double.parseDouble(a[8]), Integer.parseInt(a[9]), Long.parseLong(a[10]),
                Double.parseDouble(a[11]), Double.parseDouble(a[12]), Double.parseDouble(a[13]));
        System.out.println(measure(c, s, true).toJson());
    }
}
