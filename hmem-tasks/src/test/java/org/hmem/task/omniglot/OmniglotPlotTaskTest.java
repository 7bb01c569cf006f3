package org.hmem.task.omniglot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.hmem.engine.golden.GoldenFiles;
import org.hmem.engine.optim.Adam;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.omniglot.data.EpisodeSampler;
import org.hmem.task.omniglot.data.OmniglotFiles;
import org.hmem.task.omniglot.data.OmniglotSplit;
import org.hmem.task.omniglot.data.OmniglotSplitName;
import org.hmem.task.plot.ColorScale;
import org.hmem.task.train.RunCheckpoint;
import org.hmem.task.train.RunState;
import org.hmem.task.train.TrainingFlags;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hmem omniglot plot} on the shared copy of the real data ({@code <repoRoot>/../shared/data/omniglot}; skipped
 * where it is absent), with T = 12 and a CNN from scratch so that it is quick and needs no pretrained file. The test
 * split goes through a processed-split cache shared by the tests of this class, so only the first load reads the
 * zips.
 */
class OmniglotPlotTaskTest {

    private static final int T = 12;
    private static final long CHECKPOINT_SEED = 5;
    private static final List<String> SPIKING_FILES = List.of("1_images.png", "2_encoding.png", "3_writing.png",
            "4_memory.png", "5_reading.png", "6_output.png", "7_memory_histogram.png");

    @TempDir
    static Path cache;
    private static Path data;
    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @BeforeAll
    static void findData() {
        data = GoldenFiles.shared().resolve("data/omniglot");
        assumeTrue(Files.isRegularFile(data.resolve(OmniglotFiles.BACKGROUND_ZIP)), "no Omniglot data at " + data);
    }

    @Test
    void spikingFiguresShowTheCheckpointsModelOnTheSamplersFirstTestEpisode(@TempDir Path dir) throws IOException {
        Path ckpt = spikingCheckpoint(dir);
        // no model flag given although T is not the default: the checkpoint defines the model
        FlagValues plot = OmniglotFlags.PLOT.defaults().with(OmniglotFlags.CHECKPOINT, ckpt.toString())
                .with(OmniglotFlags.DIR, data.toString()).with(OmniglotFlags.CACHE_DIR, cache.toString())
                .with(OmniglotFlags.HISTOGRAM_EPISODES, 3)
                .with(OmniglotFlags.OUT, dir.resolve("plots").toString());
        List<Path> files = OmniglotPlotTask.run(plot, out);
        assertEquals(SPIKING_FILES, files.stream().map(f -> f.getFileName().toString()).toList());
        assertValidImages(files);

        // the same model and episode, computed here: the checkpoint's weights (seeded differently from the plot's
        // default --seed, so an ignored checkpoint would show another memory) on the test split's episode 0
        FlagValues model = checkpointFlags();
        OmniglotModel expected = OmniglotTask.spikingModel(model, 0);
        RunCheckpoint.loadModel(RunCheckpoint.load(ckpt), expected);
        OmniglotSplit test = testSplit(model);
        EpisodeSampler sampler = new EpisodeSampler(test, 5, 42);
        OmniglotModel.Workspace ws = expected.newWorkspace();
        expected.forward(new OmniglotBatch(test, sampler.batch(0, 0, 1)), 0, ws);
        float[] memory = ws.writing().memory().clone();
        assertTrue(distinctValues(memory) > 50, "the episode writes a memory with structure to look at");
        assertMemoryShown(dir.resolve("plots/4_memory.png"), memory, 100);

        // the histogram's episodes: the plotted one first, then others
        float[] weights = OmniglotPlots.memoryWeights(expected, new OmniglotBatch(test, sampler.batch(0, 0, 3)), 2);
        assertEquals(3 * 100 * 100, weights.length);
        assertArrayEquals(memory, Arrays.copyOf(weights, memory.length));
        assertFalse(Arrays.equals(memory, Arrays.copyOfRange(weights, memory.length, 2 * memory.length)));
    }

    @Test
    void reluFiguresLeaveOutTheHistogramAndShowTheModelsMemory(@TempDir Path dir) throws IOException {
        FlagValues plot = OmniglotFlags.PLOT.defaults().with(OmniglotFlags.MODEL_VARIANT, "relu")
                .with(OmniglotFlags.DIR, data.toString()).with(OmniglotFlags.CACHE_DIR, cache.toString())
                .with(TrainingFlags.SEED, 3L)
                .with(OmniglotFlags.OUT, dir.toString());
        List<Path> files = OmniglotPlotTask.run(plot, out);
        assertEquals(SPIKING_FILES.subList(0, 6), files.stream().map(f -> f.getFileName().toString()).toList());
        assertValidImages(files);
        assertFalse(Files.exists(dir.resolve("7_memory_histogram.png")));

        // an untrained model from --seed 3 with a CNN from scratch (the ReLU default), batch norm in eval mode
        OmniglotModelRelu model = new OmniglotModelRelu(OmniglotFlags.modelConfig(plot), true);
        model.initialize(new SplittableRandom(3));
        OmniglotSplit test = testSplit(plot);
        OmniglotBatch one = new OmniglotBatch(test, new EpisodeSampler(test, 5, 42).batch(0, 0, 1));
        model.forwardBatch(one, false, null);
        OmniglotModelRelu.Workspace ws = model.newWorkspace();
        model.forward(one, 0, ws);
        assertTrue(distinctValues(ws.writing().memory()) > 50);
        assertMemoryShown(dir.resolve("4_memory.png"), ws.writing().memory(), 100);
    }

    @Test
    void givenModelFlagsThatDisagreeWithTheCheckpointAreRefused(@TempDir Path dir) throws IOException {
        Path ckpt = spikingCheckpoint(dir);
        FlagValues plot = OmniglotFlags.PLOT.defaults().with(OmniglotFlags.CHECKPOINT, ckpt.toString())
                .with(OmniglotFlags.DIR, data.toString()).with(OmniglotFlags.OUT, dir.resolve("plots").toString())
                .with(OmniglotFlags.NUM_TIME_STEPS, 100).with(MemoryFlags.MEMORY_SIZE, 50);
        UserError e = assertThrows(UserError.class, () -> OmniglotPlotTask.run(plot, out));
        assertTrue(e.getMessage().contains("--num_time_steps: checkpoint 12, now 100"), e.getMessage());
        assertTrue(e.getMessage().contains("--memory_size: checkpoint 100, now 50"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("plots")));
    }

    private OmniglotSplit testSplit(FlagValues v) {
        return new OmniglotSplits(v.path(OmniglotFlags.DIR), cache, out).get(OmniglotSplitName.TEST);
    }

    /** The model flags a short training run from scratch would store. */
    private static FlagValues checkpointFlags() {
        return OmniglotFlags.TRAIN.defaults().with(OmniglotFlags.NUM_TIME_STEPS, T)
                .with(OmniglotFlags.USE_PRETRAINED_PROTONET, 0).with(OmniglotFlags.DIR, data.toString())
                .with(TrainingFlags.SEED, CHECKPOINT_SEED);
    }

    /** A checkpoint as training writes it (task, stored flags, weights, optimiser), of an initialised model. */
    private static Path spikingCheckpoint(Path dir) throws IOException {
        FlagValues v = checkpointFlags();
        OmniglotModel model = OmniglotTask.spikingModel(v, 0);
        OmniglotTask.initialize(model, new SplittableRandom(CHECKPOINT_SEED), null);
        Path file = dir.resolve("checkpoint.safetensors");
        RunCheckpoint.save(file, OmniglotTask.TASK, model, new Adam(model.parameters(), 1e-3),
                new RunState(1, "Acc/val", 20.0, "now", dir.toString()), v.toParams());
        return file;
    }

    private static void assertValidImages(List<Path> files) throws IOException {
        for (Path f : files) {
            BufferedImage image = ImageIO.read(f.toFile());
            assertNotNull(image, f + " is a PNG");
            assertTrue(image.getWidth() >= 300 && image.getHeight() >= 300, f + ": " + image.getWidth() + " x "
                    + image.getHeight());
        }
    }

    /**
     * Every cell of the written memory figure has the colour of M[value i, key j] (row i, column j) on the symmetric
     * RdBu scale. The data area comes from rendering the figure again (layout is deterministic); the colours come from
     * the file.
     */
    private static void assertMemoryShown(Path png, float[] keyMajor, int m) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        Rectangle2D area = OmniglotPlots.memoryFigure(keyMajor, m)
                .render(OmniglotPlots.MEMORY_WIDTH, OmniglotPlots.MEMORY_HEIGHT).dataArea(0, 0);
        double limit = 0;
        for (float w : keyMajor) {
            limit = Math.max(limit, Math.abs(w));
        }
        ColorScale scale = ColorScale.rdBu(limit);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                int x = (int) (area.getX() + (j + 0.5) * area.getWidth() / m);
                int y = (int) (area.getY() + (i + 0.5) * area.getHeight() / m);
                float mij = keyMajor[j * m + i];
                assertEquals(scale.argb(mij) & 0xffffff, image.getRGB(x, y) & 0xffffff,
                        "M[" + i + ", " + j + "] = " + mij);
            }
        }
    }

    private static long distinctValues(float[] a) {
        return java.util.stream.IntStream.range(0, a.length).mapToObj(i -> a[i]).distinct().count();
    }
}
