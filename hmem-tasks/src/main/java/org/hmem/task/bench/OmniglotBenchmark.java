package org.hmem.task.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.omniglot.OmniglotBatch;
import org.hmem.task.omniglot.OmniglotModel;
import org.hmem.task.model.SpikeCache;
import org.hmem.task.omniglot.data.EpisodeSampler;
import org.hmem.task.omniglot.data.OmniglotSplit;
import org.hmem.task.train.CrossEntropyObjective;
import org.hmem.task.train.SupervisedModel;
import org.hmem.task.train.SupervisedStep;

/**
 * Throughput and memory benchmark of the Omniglot one-shot models on real images ({@link OmniglotSetup}: 5-way, T 100,
 * the training split), in episodes per second.
 *
 * <p>Variants: {@code trainable} (spiking, shipped CNN weights and table thresholds, CNN trained: the task's default),
 * {@code frozen} ({@code --freeze_protonet 1}, spike cache off: the CNN runs for every image), {@code cached} (frozen,
 * warm spike cache: only the memory network runs), {@code relu} (the ReLU baseline from scratch with batch norm).
 * Modes as in {@link BenchIteration}: {@code train} with the task's {@code l2} (1e-6), clipping at 40 and Adam at
 * 1e-3; {@code forward}. Iterations run on fresh batches, every one from the same initial parameters; except that
 * {@code cached} measures a warm cache: it draws a pool of {@value #POOL_BATCHES} batches, fills the cache with all
 * their images (timed: the one-time cost of filling the cache) and cycles over the pool, reporting how many images
 * the timed iterations still computed (none with a warm cache).
 *
 * <p>{@link #runForked} measures each configuration in its own JVM (peak RSS of its own), {@link #run} in this one.
 */
public final class OmniglotBenchmark {

    /** Batches of the {@code cached} variant's pool; small, since filling costs ~6 CNN forwards per episode. */
    static final int POOL_BATCHES = 2;
    /** Episodes the CNN runs on (the JIT compiles it) before the cache fill is timed. */
    static final int FILL_WARMUP_EPISODES = 8;

    /** What is measured. */
    public enum Variant {
        TRAINABLE, FROZEN, CACHED, RELU;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The variant named {@code s} (its label, any case). */
        public static Variant parse(String s) {
            for (Variant v : values()) {
                if (v.label().equalsIgnoreCase(s.trim())) {
                    return v;
                }
            }
            throw new IllegalArgumentException("unknown variant '" + s + "': expected trainable, frozen, cached or "
                    + "relu");
        }
    }

    /** One point of the benchmark grid. */
    public record Config(Variant variant, Mode mode, int batch, int threads) {
        public Config {
            if (batch < 1 || threads < 1) {
                throw new IllegalArgumentException("batch and threads must be >= 1");
            }
            if (variant == Variant.RELU && mode == Mode.TRAIN && batch < 2) {
                // training normalises over the batch: one episode has no variance
                throw new IllegalArgumentException("the relu variant's batch norm needs batch >= 2 to train");
            }
        }
    }

    /**
     * The {@code cached} variant's one-time cost: {@code images} filled in {@code seconds} (a forward pass over the
     * pool's batches, so the memory network's forward is included: a small share), and the images the timed
     * iterations still had to compute (0 for a warm cache).
     */
    public record CacheFill(int images, double seconds, int timedMisses) {
        public double secondsPerImage() {
            return seconds / images;
        }
    }

    /** Measurements of one configuration; {@code cacheFill} only for {@code cached}, else null. */
    public record Result(Config config, Measurement measurement, double finalLoss, CacheFill cacheFill) {

        /** One JSON object (one line). */
        public String toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("measurement", "configuration");
            o.addProperty("variant", config.variant().label());
            o.addProperty("mode", config.mode().label());
            o.addProperty("batch", config.batch());
            o.addProperty("threads", config.threads());
            measurement.addTiming(o, "episodes_per_s");
            o.addProperty("loss", Measurement.round(finalLoss));
            if (cacheFill != null) {
                o.addProperty("cache_fill_images", cacheFill.images());
                o.addProperty("cache_fill_s", Measurement.round(cacheFill.seconds()));
                o.addProperty("cache_fill_s_per_image", cacheFill.secondsPerImage());
                o.addProperty("cache_misses_timed", cacheFill.timedMisses());
            }
            measurement.addCpu(o);
            return o.toString();
        }

        /** One fixed-width line for the human-readable table. */
        public String toRow() {
            String fill = cacheFill == null ? "" : String.format(Locale.ROOT, "  fill %.1f ms/image x %d",
                    cacheFill.secondsPerImage() * 1e3, cacheFill.images());
            return String.format(Locale.ROOT, "%-9s %-7s %6d %8d ", config.variant().label(), config.mode().label(),
                    config.batch(), config.threads()) + measurement.cells()
                    + (measurement.rssPerConfiguration() ? "" : " (RSS cumulative)") + fill;
        }

        public static String header() {
            return String.format(Locale.ROOT, "%-9s %-7s %6s %8s ", "variant", "mode", "batch", "threads")
                    + Measurement.headerCells("episodes/s");
        }
    }

    private OmniglotBenchmark() {
    }

    /** The settings of this benchmark: the task's defaults (seed 1, l2 1e-6, clipping at 40, lr 1e-3). */
    public static BenchSettings settings(Repetitions repetitions) {
        return new BenchSettings(repetitions, 1, 1e-6, 40.0, 1e-3);
    }

    /** Cartesian product of the given values, in the order variant, batch, threads, mode (slowest changing first). */
    public static List<Config> grid(List<Variant> variants, List<Mode> modes, List<Integer> batches,
                                    List<Integer> threads) {
        List<Config> out = new ArrayList<>();
        for (Variant v : variants) {
            for (int b : batches) {
                for (int t : threads) {
                    for (Mode m : modes) {
                        out.add(new Config(v, m, b, t));
                    }
                }
            }
        }
        return out;
    }

    /** Measures {@code c} in this JVM; peak RSS is the process maximum so far. */
    public static Result run(Config c, BenchSettings s, OmniglotSetup setup) {
        return measure(c, s, setup, setup.trainSplit(), false);
    }

    /** Measures {@code c} on the loaded {@code split}. */
    static Result measure(Config c, BenchSettings s, OmniglotSetup setup, OmniglotSplit split,
                          boolean rssPerConfiguration) {
        EpisodeSampler sampler = setup.sampler(split);
        if (c.variant() == Variant.RELU) {
            return measure(c, s, setup.reluModel(s.seed()), split, sampler, null, rssPerConfiguration);
        }
        OmniglotModel model = setup.spikingModel(c.variant() != Variant.TRAINABLE, s.seed());
        if (c.variant() != Variant.CACHED) {
            return measure(c, s, model, split, sampler, null, rssPerConfiguration);
        }
        Path spill = Path.of(System.getProperty("java.io.tmpdir"));
        long budget = setup.spikeCacheBudgetBytes();
        model.useSpikeCache(sp -> new SpikeCache(sp.numItems(), model.spikeBitsPerImage(), budget, spill));
        try {
            return measure(c, s, model, split, sampler, model.cache(split), rssPerConfiguration);
        } finally {
            model.releaseSpikeCaches();
        }
    }

    private static <W> Result measure(Config c, BenchSettings s, SupervisedModel<OmniglotBatch, W> model,
                                      OmniglotSplit split, EpisodeSampler sampler, SpikeCache cache,
                                      boolean rssPerConfiguration) {
        try (BatchParallel parallel = new BatchParallel(c.threads())) {
            SupervisedStep<OmniglotBatch, W> step = new SupervisedStep<>(model,
                    new CrossEntropyObjective<>(sampler.ways(), OmniglotBatch::answer), parallel, 0.0);
            BenchIteration<OmniglotBatch, W> iteration = new BenchIteration<>(step, s);
            Supplier<OmniglotBatch> batches;
            CacheFill fill = null;
            int filled = 0;
            if (cache == null) {
                int[] index = {0};
                batches = () -> new OmniglotBatch(split, sampler.batch(1, index[0]++, c.batch()));
            } else {
                List<OmniglotBatch> pool = new ArrayList<>();
                for (int i = 0; i < POOL_BATCHES; i++) {
                    pool.add(new OmniglotBatch(split, sampler.batch(1, i, c.batch())));
                }
                fill = fill(step, cache, pool, new OmniglotBatch(split, sampler.batch(0, 0, FILL_WARMUP_EPISODES)));
                filled = cache.filled();
                int[] index = {0};
                batches = () -> pool.get(index[0]++ % pool.size());
            }
            double[] loss = {Double.NaN};
            Measurement m = TimedLoop.run(s.repetitions(), c.batch(), () -> {
                OmniglotBatch batch = batches.get();
                iteration.restore();
                return () -> loss[0] = iteration.run(c.mode(), batch);
            }, rssPerConfiguration);
            // an image the timed iterations had to compute is a cache entry more
            CacheFill cacheFill = cache == null ? null
                    : new CacheFill(fill.images(), fill.seconds(), cache.filled() - filled);
            return new Result(c, m, loss[0], cacheFill);
        }
    }

    /**
     * Fills {@code cache} with the images of {@code pool} by a forward pass over it, as the first epoch of a run
     * does, after a forward pass over {@code warmup} (so that the JIT compiling the CNN is not charged to the fill).
     * The result has no misses yet: they are counted after the timed iterations.
     */
    private static CacheFill fill(SupervisedStep<OmniglotBatch, ?> step, SpikeCache cache, List<OmniglotBatch> pool,
                                 OmniglotBatch warmup) {
        step.evaluate(warmup);
        int before = cache.filled();
        long start = System.nanoTime();
        for (OmniglotBatch b : pool) {
            step.evaluate(b);
        }
        return new CacheFill(cache.filled() - before, TimedLoop.seconds(start), 0);
    }

    /** Measures {@code c} in a fresh child JVM, so that its peak RSS belongs to this configuration alone. */
    public static Result runForked(Config c, BenchSettings s, OmniglotSetup setup)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(c.variant().label(), c.mode().label(),
                Integer.toString(c.batch()), Integer.toString(c.threads())));
        args.addAll(s.toArgs());
        args.addAll(setup.toArgs());
        return parse(ChildJvm.run(OmniglotBenchmark.class, args, c.toString()));
    }

    /** Reads back a {@link Result#toJson} line. */
    static Result parse(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        Config c = new Config(Variant.parse(o.get("variant").getAsString()), Mode.parse(o.get("mode").getAsString()),
                o.get("batch").getAsInt(), o.get("threads").getAsInt());
        CacheFill fill = o.has("cache_fill_images") ? new CacheFill(o.get("cache_fill_images").getAsInt(),
                o.get("cache_fill_s").getAsDouble(), o.get("cache_misses_timed").getAsInt()) : null;
        return new Result(c, Measurement.parse(o, "episodes_per_s"), o.get("loss").getAsDouble(), fill);
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
