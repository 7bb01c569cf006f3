package org.hmem.task.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.hmem.engine.golden.GoldenFiles;
import org.hmem.task.bench.EpisodeBenchmark.Config;
import org.hmem.task.bench.EpisodeBenchmark.Result;
import org.hmem.task.bench.EpisodeBenchmark.Variant;
import org.hmem.task.omniglot.OmniglotFlags;
import org.hmem.task.omniglot.data.EpisodeSampler;
import org.hmem.task.omniglot.data.Episodes;
import org.hmem.task.omniglot.data.OmniglotFiles;
import org.hmem.task.omniglot.data.OmniglotSplit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Omniglot benchmark on the real data ({@code <repoRoot>/../shared/data/omniglot} and the shipped network in
 * {@code ../shared/data/pretrained}; skipped where absent) with tiny settings: 2 episodes per batch, 2 timed
 * iterations.
 */
class OmniglotBenchmarkRealDataTest {

    private static final BenchSettings TINY = OmniglotBenchmark.settings(new Repetitions(1, 0, 2, 0, 100, 1));

    @TempDir
    static Path cache;
    private static OmniglotSetup setup;
    private static OmniglotSplit split;

    @BeforeAll
    static void findData() {
        Path dir = GoldenFiles.shared().resolve("data/omniglot");
        assumeTrue(Files.isRegularFile(dir.resolve(OmniglotFiles.BACKGROUND_ZIP)), "no Omniglot data at " + dir);
        assumeTrue(Files.isRegularFile(dir.resolveSibling("pretrained").resolve(OmniglotFlags.PROTONET_FILE)),
                "no shipped prototypical network next to " + dir);
        OmniglotSetup found = OmniglotSetup.resolve(dir.toString(), null, true);
        setup = new OmniglotSetup(found.dataDir(), found.protonetFile(), cache);
        split = setup.trainSplit();
    }

    @Test
    void everyVariantAndModeRunsAndRoundTripsThroughJson() {
        for (Variant v : Variant.values()) {
            for (Mode m : Mode.values()) {
                Config c = new Config(v, m, 2, 2);
                Result r = OmniglotBenchmark.measure(c, TINY, setup, split, false);
                assertEquals(2, r.measurement().rates().count(), c.toString());
                assertTrue(r.measurement().rates().min() > 0, c.toString());
                assertTrue(Double.isFinite(r.finalLoss()), c.toString());
                assertEquals(v == Variant.CACHED, r.cacheFill() != null, c.toString());
                String json = r.toJson();
                for (String key : List.of("\"measurement\":\"configuration\"", "\"variant\":\"" + v.label() + "\"",
                        "\"mode\":\"" + m.label() + "\"", "\"batch\":2", "\"threads\":2", "\"episodes_per_s\":",
                        "\"episodes_per_s_min\":", "\"episodes_per_s_max\":", "\"peak_heap_mb\":", "\"peak_rss_mb\":",
                        "\"cpu_cores_used\":", "\"background_cpu_cores\":")) {
                    assertTrue(json.contains(key), json + " lacks " + key);
                }
                Result back = EpisodeBenchmark.parse(json);
                assertEquals(c, back.config());
                assertEquals(r.measurement().rates().count(), back.measurement().rates().count());
                if (v == Variant.CACHED) {
                    assertEquals(r.cacheFill().images(), back.cacheFill().images());
                    assertEquals(r.cacheFill().timedMisses(), back.cacheFill().timedMisses());
                }
            }
        }
    }

    /** The fill computes each image of the pool once; the timed iterations then only read the cache. */
    @Test
    void cachedVariantFillsThePoolFirstAndTimesAWarmCache() {
        int batch = 3;
        Result r = OmniglotBenchmark.measure(new Config(Variant.CACHED, Mode.TRAIN, batch, 2), TINY, setup, split,
                false);
        EpisodeSampler sampler = setup.sampler(split);
        Set<Integer> warmup = images(sampler.batch(0, 0, EpisodeBenchmark.FILL_WARMUP_EPISODES));
        Set<Integer> pool = new HashSet<>();
        for (int i = 0; i < EpisodeBenchmark.POOL_BATCHES; i++) {
            pool.addAll(images(sampler.batch(1, i, batch)));
        }
        pool.removeAll(warmup);
        assertNotNull(r.cacheFill());
        assertEquals(pool.size(), r.cacheFill().images());
        assertTrue(r.cacheFill().secondsPerImage() > 0);
        assertEquals(0, r.cacheFill().timedMisses());
        assertTrue(r.toJson().contains("\"cache_fill_s_per_image\":"), r.toJson());
        assertTrue(r.toJson().contains("\"cache_misses_timed\":0"), r.toJson());
    }

    private static Set<Integer> images(Episodes e) {
        Set<Integer> items = new HashSet<>();
        for (int b = 0; b < e.batchSize(); b++) {
            for (int k = 0; k < e.ways(); k++) {
                items.add(e.supportItem(b, k));
            }
            items.add(e.query()[b]);
        }
        return items;
    }

    @Test
    void componentsAreMeasuredAndRoundTripThroughJson() {
        OmniglotComponents c = OmniglotComponents.measure(setup, TINY, 2);
        assertTrue(c.cnnForwardMs() > 0 && c.cnnForwardBackwardMs() > 0);
        assertTrue(c.memoryForwardMs() > 0 && c.memoryTrainMs() > 0);
        OmniglotComponents back = OmniglotComponents.parse(c.toJson());
        assertEquals(c.batch(), back.batch());
        assertEquals(c.cnnForwardMs(), back.cnnForwardMs(), 1e-3);
        assertEquals(c.cnnForwardBackwardMs(), back.cnnForwardBackwardMs(), 1e-3);
        assertEquals(c.memoryForwardMs(), back.memoryForwardMs(), 1e-3);
        assertEquals(c.memoryTrainMs(), back.memoryTrainMs(), 1e-3);
        String table = c.table();
        for (String row : List.of("CNN forward (12 / 6 / 6 images)", "memory forward", "memory backward",
                "CNN backward", "total, predicted", "episodes/s, predicted")) {
            assertTrue(table.contains(row), table);
        }
    }

    /** A forked run reads back its child's JSON line (its own peak RSS). */
    @Test
    void forkedRunReadsBackItsChild() throws Exception {
        Result r = OmniglotBenchmark.runForked(new Config(Variant.RELU, Mode.FORWARD, 2, 1), TINY, setup);
        assertTrue(r.measurement().rssPerConfiguration());
        assertTrue(r.measurement().rates().median() > 0);
        assertNull(r.cacheFill());
    }
}
