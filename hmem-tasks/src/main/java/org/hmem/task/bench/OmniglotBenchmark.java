package org.hmem.task.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hmem.task.bench.EpisodeBenchmark.Config;
import org.hmem.task.bench.EpisodeBenchmark.Result;
import org.hmem.task.bench.EpisodeBenchmark.Variant;
import org.hmem.task.model.SpikeCache;
import org.hmem.task.omniglot.OmniglotBatch;
import org.hmem.task.omniglot.OmniglotModel;
import org.hmem.task.omniglot.data.EpisodeSampler;
import org.hmem.task.omniglot.data.OmniglotSplit;
import org.hmem.task.train.CrossEntropyObjective;

/**
 * Throughput and memory benchmark of the Omniglot one-shot models on real images ({@link OmniglotSetup}: 5-way, T 100,
 * the training split), in episodes per second; variants, modes and the timed loop as in {@link EpisodeBenchmark}, with
 * the task's {@code l2} (1e-6), clipping at 40 and Adam at 1e-3.
 *
 * <p>{@link #runForked} measures each configuration in its own JVM (peak RSS of its own), {@link #run} in this one.
 */
public final class OmniglotBenchmark {

    private OmniglotBenchmark() {
    }

    /** The settings of this benchmark: the task's defaults (seed 1, l2 1e-6, clipping at 40, lr 1e-3). */
    public static BenchSettings settings(Repetitions repetitions) {
        return new BenchSettings(repetitions, 1, 1e-6, 40.0, 1e-3);
    }

    /** Measures {@code c} in this JVM; peak RSS is the process maximum so far. */
    public static Result run(Config c, BenchSettings s, OmniglotSetup setup) {
        return measure(c, s, setup, setup.trainSplit(), false);
    }

    /** Measures {@code c} on the loaded {@code split}. */
    static Result measure(Config c, BenchSettings s, OmniglotSetup setup, OmniglotSplit split,
                          boolean rssPerConfiguration) {
        EpisodeSampler sampler = setup.sampler(split);
        CrossEntropyObjective<OmniglotBatch> objective = new CrossEntropyObjective<>(sampler.ways(),
                OmniglotBatch::answer);
        EpisodeBenchmark.Batches<OmniglotBatch> batches = (epoch, index, size) -> new OmniglotBatch(split,
                sampler.batch(epoch, index, size));
        if (c.variant() == Variant.RELU) {
            return EpisodeBenchmark.measure(c, s, setup.reluModel(s.seed()), objective, batches, null,
                    rssPerConfiguration);
        }
        OmniglotModel model = setup.spikingModel(c.variant() != Variant.TRAINABLE, s.seed());
        if (c.variant() != Variant.CACHED) {
            return EpisodeBenchmark.measure(c, s, model, objective, batches, null, rssPerConfiguration);
        }
        Path spill = Path.of(System.getProperty("java.io.tmpdir"));
        long budget = setup.spikeCacheBudgetBytes();
        model.useSpikeCache(sp -> new SpikeCache(sp.numItems(), model.spikeBitsPerImage(), budget, spill));
        try {
            SpikeCache cache = model.cache(split);
            return EpisodeBenchmark.measure(c, s, model, objective, batches, cache::filled, rssPerConfiguration);
        } finally {
            model.releaseSpikeCaches();
        }
    }

    /** Measures {@code c} in a fresh child JVM, so that its peak RSS belongs to this configuration alone. */
    public static Result runForked(Config c, BenchSettings s, OmniglotSetup setup)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(c.variant().label(), c.mode().label(),
                Integer.toString(c.batch()), Integer.toString(c.threads())));
        args.addAll(s.toArgs());
        args.addAll(setup.toArgs());
        return EpisodeBenchmark.parse(ChildJvm.run(OmniglotBenchmark.class, args, c.toString()));
    }

    /**
     * Child entry point used by {@link #runForked}: {@code variant mode batch threads}, the settings
     * ({@link BenchSettings#toArgs}) and the setup ({@link OmniglotSetup#toArgs}); prints one JSON line.
     */
    public static void main(String[] a) {
        if (a.length != 4 + BenchSettings.ARGS + OmniglotSetup.ARGS) {
            System.err.println("usage: OmniglotBenchmark variant mode batch threads warmupReps warmupSeconds minReps "
                    + "minSeconds maxSeconds floorReps seed l2 maxGradNorm learningRate dataDir protonetFile|- "
                    + "splitCacheDir|-");
            System.exit(2);
        }
        Config c = new Config(Variant.parse(a[0]), Mode.parse(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]));
        OmniglotSetup setup = OmniglotSetup.fromArgs(a, 4 + BenchSettings.ARGS);
        System.out.println(measure(c, BenchSettings.fromArgs(a, 4), setup, setup.trainSplit(), true).toJson());
    }
}
