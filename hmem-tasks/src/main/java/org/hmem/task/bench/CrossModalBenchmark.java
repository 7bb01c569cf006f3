package org.hmem.task.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.hmem.task.bench.EpisodeBenchmark.Config;
import org.hmem.task.bench.EpisodeBenchmark.Result;
import org.hmem.task.bench.EpisodeBenchmark.Variant;
import org.hmem.task.crossmodal.CrossModalBatch;
import org.hmem.task.crossmodal.CrossModalEpochData;
import org.hmem.task.crossmodal.CrossModalModel;
import org.hmem.task.crossmodal.CrossModalObjective;
import org.hmem.task.crossmodal.data.CrossModalEpisodeSampler;

/**
 * Throughput and memory benchmark of the cross-modal models on real recordings and images ({@link CrossModalSetup}:
 * 3 pairs, T 100, training-mode episodes), in episodes per second; variants, modes and the timed loop as in
 * {@link EpisodeBenchmark}, with the task's {@code l2} (1e-7, the regulariser on from the first epoch), clipping at
 * 40 and Adam at 1e-3.
 */
public final class CrossModalBenchmark {

    private CrossModalBenchmark() {
    }

    /** The settings of this benchmark: the task's defaults (seed 1, l2 1e-7, clipping at 40, lr 1e-3). */
    public static BenchSettings settings(Repetitions repetitions) {
        return new BenchSettings(repetitions, 1, 1e-7, 40.0, 1e-3);
    }

    /** Measures {@code c} in this JVM; peak RSS is the process maximum so far. */
    public static Result run(Config c, BenchSettings s, CrossModalSetup setup) {
        return measure(c, s, setup, false);
    }

    static Result measure(Config c, BenchSettings s, CrossModalSetup setup, boolean rssPerConfiguration) {
        CrossModalEpisodeSampler sampler = setup.sampler();
        EpisodeBenchmark.Batches<CrossModalBatch> batches = (epoch, index, size) -> CrossModalEpochData.gather(
                sampler, epoch, index, size);
        CrossModalObjective objective = new CrossModalObjective();
        if (c.variant() == Variant.RELU) {
            return EpisodeBenchmark.measure(c, s, setup.reluModel(s.seed()), objective, batches, null,
                    rssPerConfiguration);
        }
        boolean cached = c.variant() == Variant.CACHED;
        CrossModalModel model = setup.spikingModel(c.variant() != Variant.TRAINABLE, cached, s.seed());
        try {
            return EpisodeBenchmark.measure(c, s, model, objective, batches, cached ? model::cachedItems : null,
                    rssPerConfiguration);
        } finally {
            model.releaseSpikeCaches();
        }
    }

    /** Measures {@code c} in a fresh child JVM, so that its peak RSS belongs to this configuration alone. */
    public static Result runForked(Config c, BenchSettings s, CrossModalSetup setup)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(c.variant().label(), c.mode().label(),
                Integer.toString(c.batch()), Integer.toString(c.threads())));
        args.addAll(s.toArgs());
        args.addAll(setup.toArgs());
        return EpisodeBenchmark.parse(ChildJvm.run(CrossModalBenchmark.class, args, c.toString()));
    }

    /** Child entry point used by {@link #runForked}; prints one JSON line. */
    public static void main(String[] a) {
        if (a.length != 4 + BenchSettings.ARGS + CrossModalSetup.ARGS) {
            System.err.println("usage: CrossModalBenchmark variant mode batch threads warmupReps warmupSeconds "
                    + "minReps minSeconds maxSeconds floorReps seed l2 maxGradNorm learningRate dataDir audioFile|- "
                    + "imageFile|- cacheDir");
            System.exit(2);
        }
        Config c = new Config(Variant.parse(a[0]), Mode.parse(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]));
        CrossModalSetup setup = CrossModalSetup.fromArgs(a, 4 + BenchSettings.ARGS);
        System.out.println(measure(c, BenchSettings.fromArgs(a, 4), setup, true).toJson());
    }
}
