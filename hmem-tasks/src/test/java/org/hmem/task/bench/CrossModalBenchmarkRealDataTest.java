package org.hmem.task.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.hmem.engine.golden.GoldenFiles;
import org.hmem.task.bench.EpisodeBenchmark.Config;
import org.hmem.task.bench.EpisodeBenchmark.Result;
import org.hmem.task.bench.EpisodeBenchmark.Variant;
import org.hmem.task.crossmodal.CrossModalFlags;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-modal benchmark on the real data ({@code ../shared/data} with FSDD, MNIST and the shipped classifiers;
 * skipped where absent) with tiny settings: 2 episodes per batch, 2 timed iterations.
 */
class CrossModalBenchmarkRealDataTest {

    private static final BenchSettings TINY = CrossModalBenchmark.settings(new Repetitions(1, 0, 2, 0, 100, 1));

    @TempDir
    static Path cache;
    private static CrossModalSetup setup;

    @BeforeAll
    static void findData() {
        Path dir = GoldenFiles.shared().resolve("data");
        assumeTrue(Files.isDirectory(dir.resolve("fsdd/recordings")) && Files.isDirectory(dir.resolve("mnist"))
                && Files.isRegularFile(dir.resolve("pretrained").resolve(CrossModalFlags.IMAGE_CLASSIFIER_FILE)),
                "no FSDD / MNIST / shipped classifiers under " + dir);
        CrossModalSetup found = CrossModalSetup.resolve(dir.toString(), true);
        setup = new CrossModalSetup(found.dataDir(), found.audioFile(), found.imageFile(), cache);
    }

    /** The ReLU model trains; its result survives the JSON line a child JVM prints. */
    @Test
    void reluTrainsAndRoundTripsThroughJson() {
        Result r = CrossModalBenchmark.measure(new Config(Variant.RELU, Mode.TRAIN, 2, 2), TINY, setup, false);
        assertEquals(2, r.measurement().rates().count());
        assertTrue(r.measurement().rates().min() > 0);
        assertTrue(Double.isFinite(r.finalLoss()) && r.finalLoss() > 0, "MSE " + r.finalLoss());
        Result back = EpisodeBenchmark.parse(r.toJson());
        assertEquals(r.config(), back.config());
        assertEquals(r.finalLoss(), back.finalLoss(), 1e-3, "the JSON line rounds the loss");
    }

    /**
     * A warm cache: the pool's recordings and images are computed once while filling (7 items per episode at most),
     * and the timed iterations compute none.
     */
    @Test
    void cachedVariantFillsThenHitsOnly() {
        Result r = CrossModalBenchmark.measure(new Config(Variant.CACHED, Mode.TRAIN, 2, 2), TINY, setup, false);
        EpisodeBenchmark.CacheFill fill = r.cacheFill();
        assertTrue(fill.images() > 0 && fill.images() <= 7 * 2 * EpisodeBenchmark.POOL_BATCHES, "filled "
                + fill.images());
        assertEquals(0, fill.timedMisses());
    }
}
