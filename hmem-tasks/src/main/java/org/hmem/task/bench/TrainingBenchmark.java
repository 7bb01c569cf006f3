package org.hmem.task.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.associations.AssociationsBatch;
import org.hmem.task.associations.AssociationsData;
import org.hmem.task.associations.AssociationsModel;
import org.hmem.task.associations.AssociationsModelConfig;
import org.hmem.task.train.CrossEntropyObjective;
import org.hmem.task.train.SupervisedStep;

/**
 * Throughput and memory benchmark of the spiking memorizing-associations model at its defaults (F 10, C 10, E 80,
 * M 100, T 100, delay 1).
 *
 * <p>Two modes ({@link BenchIteration}): {@code train} times one full training iteration with {@code l2 = 1e-5} (as in
 * every epoch after the first); {@code forward} times the forward pass with loss and accuracy only (validation). Each
 * configuration warms up, then repeats timed iterations on fresh batches ({@link TimedLoop}) and reports the median
 * and spread of samples per second, the peak heap and the peak resident set size. Every iteration starts from the
 * same initial parameters.
 *
 * <p>{@link #runForked} measures each configuration in a fresh child JVM ({@link ChildJvm}) so that its peak RSS is
 * its own; {@link #run} measures in this JVM and reports the cumulative figure.
 */
public final class TrainingBenchmark {

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

    /** Measurements of one configuration; {@code finalLoss} is the loss of the last timed iteration. */
    public record Result(Config config, Measurement measurement, double finalLoss) {

        /** One JSON object (one line). */
        public String toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("mode", config.mode().label());
            o.addProperty("batch", config.batch());
            o.addProperty("pairs", config.pairs());
            o.addProperty("threads", config.threads());
            measurement.addTiming(o, "samples_per_s");
            o.addProperty("num_classes", config.numClasses());
            o.addProperty("loss", Measurement.round(finalLoss));
            measurement.addCpu(o);
            return o.toString();
        }

        /** One fixed-width line for the human-readable table. */
        public String toRow() {
            return String.format(Locale.ROOT, "%-8s %6d %6d %8d ", config.mode().label(), config.batch(),
                    config.pairs(), config.threads()) + measurement.cells()
                    + (measurement.rssPerConfiguration() ? "" : " (RSS cumulative)");
        }

        public static String header() {
            return String.format(Locale.ROOT, "%-8s %6s %6s %8s ", "mode", "batch", "pairs", "threads")
                    + Measurement.headerCells("samples/s");
        }
    }

    private TrainingBenchmark() {
    }

    /** The settings of this benchmark with the given repetition policy: seed 1, l2 1e-5, clipping at 40, lr 3e-3. */
    public static BenchSettings settings(Repetitions repetitions) {
        return new BenchSettings(repetitions, 1, 1e-5, 40.0, 3e-3);
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
    public static Result run(Config c, BenchSettings s) {
        return measure(c, s, false);
    }

    private static Result measure(Config c, BenchSettings s, boolean rssPerConfiguration) {
        AssociationsModelConfig d = AssociationsModelConfig.spikingDefaults();
        AssociationsModelConfig cfg = new AssociationsModelConfig(d.featureSize(), c.numClasses(), d.embeddingSize(),
                d.memorySize(), d.numTimeSteps(), d.readoutDelay(), d.hebbian(), d.neuron());
        AssociationsModel model = new AssociationsModel(cfg, 0);
        model.initialize(new SplittableRandom(s.seed()));
        AssociationsData data = new AssociationsData(c.pairs(), cfg.featureSize(), cfg.numClasses());
        SplittableRandom rng = new SplittableRandom(s.seed() + 1);
        try (BatchParallel parallel = new BatchParallel(c.threads())) {
            SupervisedStep<AssociationsBatch, AssociationsModel.Workspace> step =
                    new SupervisedStep<>(model, new CrossEntropyObjective<>(cfg.numClasses(),
                            (batch, b) -> batch.answer()[b]), parallel, 0.0);
            BenchIteration<AssociationsBatch, AssociationsModel.Workspace> iteration = new BenchIteration<>(step, s);
            double[] loss = {Double.NaN};
            Measurement m = TimedLoop.run(s.repetitions(), c.batch(), () -> {
                AssociationsBatch batch = data.sample(c.batch(), rng);
                iteration.restore();
                return () -> loss[0] = iteration.run(c.mode(), batch);
            }, rssPerConfiguration);
            return new Result(c, m, loss[0]);
        }
    }

    /** Measures {@code c} in a fresh child JVM, so that its peak RSS belongs to this configuration alone. */
    public static Result runForked(Config c, BenchSettings s) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(c.mode().label(), Integer.toString(c.batch()),
                Integer.toString(c.pairs()), Integer.toString(c.threads())));
        args.addAll(s.toArgs());
        return parse(ChildJvm.run(TrainingBenchmark.class, args, c.toString()));
    }

    /** Reads back a {@link Result#toJson} line. */
    static Result parse(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        Config c = new Config(Mode.parse(o.get("mode").getAsString()), o.get("batch").getAsInt(),
                o.get("pairs").getAsInt(), o.get("threads").getAsInt());
        return new Result(c, Measurement.parse(o, "samples_per_s"), o.get("loss").getAsDouble());
    }

    /**
     * Child entry point used by {@link #runForked}: {@code mode batch pairs threads} and the settings
     * ({@code warmupReps warmupSeconds minReps minSeconds maxSeconds floorReps seed l2 maxGradNorm learningRate});
     * prints one JSON line.
     */
    public static void main(String[] a) {
        if (a.length != 4 + BenchSettings.ARGS) {
            System.err.println("usage: TrainingBenchmark mode batch pairs threads warmupReps warmupSeconds minReps "
                    + "minSeconds maxSeconds floorReps seed l2 maxGradNorm learningRate");
            System.exit(2);
        }
        Config c = new Config(Mode.parse(a[0]), Integer.parseInt(a[1]), Integer.parseInt(a[2]),
                Integer.parseInt(a[3]));
        System.out.println(measure(c, BenchSettings.fromArgs(a, 4), true).toJson());
    }
}
