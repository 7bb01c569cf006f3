package org.hmem.task.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.train.Objective;
import org.hmem.task.train.SupervisedModel;
import org.hmem.task.train.SupervisedStep;

/**
 * What the image tasks' benchmarks (Omniglot, cross-modal) share: the variants of a model, the grid, the timed loop
 * over fresh batches or, for a warm spike cache, over a pool of batches whose items were cached first, and the
 * result line. Throughput is in episodes per second.
 *
 * <p>Variants: {@code trainable} (spiking, shipped CNN weights and table thresholds, CNNs trained: the tasks'
 * default), {@code frozen} ({@code --freeze_protonet 1}, spike cache off: the CNNs run for every item), {@code cached}
 * (frozen, warm spike cache: only the memory network runs), {@code relu} (the ReLU baseline from scratch with batch
 * norm). Modes as in {@link BenchIteration}. Iterations run on fresh batches, every one from the same initial
 * parameters; except that {@code cached} measures a warm cache: it draws a pool of {@value #POOL_BATCHES} batches,
 * fills the cache with all their items (timed: the one-time cost of filling the cache) and cycles over the pool,
 * reporting how many items the timed iterations still computed (none with a warm cache).
 */
public final class EpisodeBenchmark {

    /** Batches of the {@code cached} variant's pool; small, since filling runs the CNNs on every item. */
    static final int POOL_BATCHES = 2;
    /** Episodes the CNNs run on (the JIT compiles them) before the cache fill is timed. */
    static final int FILL_WARMUP_EPISODES = 8;

    private EpisodeBenchmark() {
    }

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

    /** The batches a configuration runs on: batch {@code index} of {@code size} episodes of an epoch. */
    @FunctionalInterface
    public interface Batches<D> {
        D batch(long epoch, int index, int size);
    }

    /**
     * Measures {@code c}: {@code batches} gives fresh batches (epoch 1) or, with a spike cache whose filled item
     * count {@code cacheFilled} reports (null without a cache), the pool (epoch 1) and the warm-up batch (epoch 0).
     */
    static <D, W> Result measure(Config c, BenchSettings s, SupervisedModel<D, W> model, Objective<D> objective,
                                 Batches<D> batches, IntSupplier cacheFilled, boolean rssPerConfiguration) {
        try (BatchParallel parallel = new BatchParallel(c.threads())) {
            SupervisedStep<D, W> step = new SupervisedStep<>(model, objective, parallel, 0.0);
            BenchIteration<D, W> iteration = new BenchIteration<>(step, s);
            IntFunction<D> next;
            CacheFill fill = null;
            int filled = 0;
            if (cacheFilled == null) {
                next = i -> batches.batch(1, i, c.batch());
            } else {
                List<D> pool = new ArrayList<>();
                for (int i = 0; i < POOL_BATCHES; i++) {
                    pool.add(batches.batch(1, i, c.batch()));
                }
                fill = fill(step, cacheFilled, pool, batches.batch(0, 0, FILL_WARMUP_EPISODES));
                filled = cacheFilled.getAsInt();
                next = i -> pool.get(i % pool.size());
            }
            int[] index = {0};
            double[] loss = {Double.NaN};
            Measurement m = TimedLoop.run(s.repetitions(), c.batch(), () -> {
                D batch = next.apply(index[0]++);
                iteration.restore();
                return () -> loss[0] = iteration.run(c.mode(), batch);
            }, rssPerConfiguration);
            // an item the timed iterations had to compute is a cache entry more
            CacheFill cacheFill = fill == null ? null
                    : new CacheFill(fill.images(), fill.seconds(), cacheFilled.getAsInt() - filled);
            return new Result(c, m, loss[0], cacheFill);
        }
    }

    /**
     * Fills the cache with the items of {@code pool} by a forward pass over it, as the first epoch of a run does,
     * after a forward pass over {@code warmup} (so that the JIT compiling the CNNs is not charged to the fill). The
     * result has no misses yet: they are counted after the timed iterations.
     */
    private static <D> CacheFill fill(SupervisedStep<D, ?> step, IntSupplier filled, List<D> pool, D warmup) {
        step.evaluate(warmup);
        int before = filled.getAsInt();
        long start = System.nanoTime();
        for (D b : pool) {
            step.evaluate(b);
        }
        return new CacheFill(filled.getAsInt() - before, TimedLoop.seconds(start), 0);
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
}
