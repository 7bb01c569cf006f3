package org.hmem.task.crossmodal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.hmem.engine.golden.GoldenFiles;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.train.TrainingFlags;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hmem cross-modal plot} on checkpoints of tiny training runs (one epoch of 12 episodes, T 12, L 2, 20 memory
 * neurons, CNNs from scratch) on the shared copy of the real data ({@code <repoRoot>/../shared/data}; skipped where
 * FSDD or MNIST is absent). Each model's checkpoint is trained once for the class.
 */
class CrossModalPlotTaskTest {

    /** Every figure of the spiking model and its pixel size. */
    private static final Map<String, int[]> SPIKING_FILES = Map.ofEntries(
            Map.entry("1_inputs.png", new int[] {570, 470}), Map.entry("2_encoding.png", new int[] {1400, 1000}),
            Map.entry("3_writing.png", new int[] {1400, 800}), Map.entry("4_memory.png", new int[] {800, 720}),
            Map.entry("5_reading.png", new int[] {1000, 800}), Map.entry("6_decoder_hidden.png", new int[] {1000, 700}),
            Map.entry("7_decoder_output.png", new int[] {1000, 900}),
            Map.entry("8_reconstruction.png", new int[] {700, 420}),
            // L 2: target and others; 8 episodes in the grid
            Map.entry("9_mse_histograms.png", new int[] {860, 450}),
            Map.entry("10_reconstructions.png", new int[] {1200, 380}));
    private static final List<String> SPIKING_ORDER = List.of("1_inputs.png", "2_encoding.png", "3_writing.png",
            "4_memory.png", "5_reading.png", "6_decoder_hidden.png", "7_decoder_output.png", "8_reconstruction.png",
            "9_mse_histograms.png", "10_reconstructions.png");
    private static final List<String> RELU_ORDER = List.of("1_inputs.png", "2_encoding.png", "3_writing.png",
            "4_memory.png", "5_reading.png", "8_reconstruction.png", "9_mse_histograms.png", "10_reconstructions.png");
    private static final Map<String, int[]> RELU_SIZES = Map.of("2_encoding.png", new int[] {700, 1000},
            "3_writing.png", new int[] {700, 900}, "5_reading.png", new int[] {420, 900});

    private static Path data;
    @TempDir
    static Path work;
    private static Path spikingCheckpoint;
    private static Path reluCheckpoint;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    @BeforeAll
    static void findData() {
        data = GoldenFiles.shared().resolve("data");
        assumeTrue(Files.isDirectory(data.resolve("fsdd/recordings")) && Files.isDirectory(data.resolve("mnist")),
                "no FSDD / MNIST data under " + data);
    }

    private static FlagValues tinyRun(String model) {
        Path dir = work.resolve(model);
        return CrossModalFlags.TRAIN.defaults().with(CrossModalFlags.MODEL_VARIANT, model)
                .with(CrossModalFlags.DIR, data.toString()).with(CrossModalFlags.CACHE_DIR, work.resolve("cache")
                        .toString())
                .with(CrossModalFlags.USE_PRETRAINED_PROTONET, 0).with(CrossModalFlags.NUM_TIME_STEPS, 12)
                .with(CrossModalFlags.SEQUENCE_LENGTH, 2).with(MemoryFlags.MEMORY_SIZE, 20)
                .with(CrossModalFlags.DATASET_SIZE, 12).with(CrossModalFlags.DATA_SEED, 3L)
                .with(TrainingFlags.BATCH_SIZE, 4).with(TrainingFlags.EPOCHS, 1).with(TrainingFlags.PRINT_FREQ, 0)
                .with(TrainingFlags.SEED, 5L).with(TrainingFlags.THREADS, 2)
                .with(TrainingFlags.CHECKPOINT_DIR, dir.resolve("ck").toString())
                .with(TrainingFlags.RUNS_DIR, dir.resolve("runs").toString());
    }

    private static synchronized Path checkpoint(String model) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        if (model.equals("spiking")) {
            if (spikingCheckpoint == null) {
                spikingCheckpoint = CrossModalTask.run(tinyRun(model), quiet).lastCheckpoint();
            }
            return spikingCheckpoint;
        }
        if (reluCheckpoint == null) {
            reluCheckpoint = CrossModalTask.run(tinyRun(model), quiet).lastCheckpoint();
        }
        return reluCheckpoint;
    }

    /** Plot flags as a user gives them: no model flag, the checkpoint defines the model. */
    private static FlagValues plot(Path ckpt, Path dir, int episodes) {
        return CrossModalFlags.PLOT.defaults().with(CrossModalFlags.CHECKPOINT, ckpt.toString())
                .with(CrossModalFlags.DIR, data.toString())
                .with(CrossModalFlags.CACHE_DIR, work.resolve("cache").toString())
                .with(CrossModalFlags.EVALUATION_EPISODES, episodes).with(TrainingFlags.THREADS, 2)
                .with(CrossModalFlags.OUT, dir.toString());
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void spikingCheckpointGivesEveryFigureAndTheEvaluation(@TempDir Path dir) throws IOException {
        long start = System.nanoTime();
        List<Path> files = CrossModalPlotTask.run(plot(checkpoint("spiking"), dir, 8), out);
        System.out.printf("spiking plot of the tiny checkpoint, 8 episodes: %.1f s%n",
                (System.nanoTime() - start) / 1e9);
        assertEquals(SPIKING_ORDER, files.stream().map(f -> f.getFileName().toString()).toList());
        for (Path f : files) {
            assertImage(f, SPIKING_FILES.get(f.getFileName().toString()));
        }
        String log = log();
        assertTrue(log.contains("--data_seed 0"), log);
        assertTrue(log.contains("reconstruction MSE over 8 test episodes"), log);
        assertTrue(log.contains("  target:  ") && log.contains("  others:  "), log);
        assertFalse(log.contains("other 1:"), "L 2 has one other image: " + log);
        assertTrue(log.contains("mean rates over storage + query (Hz)"), log);
        // the shared data ship the MNIST classifier
        assertTrue(log.contains("recognised as the target's digit by the MNIST classifier"), log);
    }

    @Test
    void spikingFlagsThatDisagreeWithTheCheckpointAreRefusedUnlessUnchecked(@TempDir Path dir) throws IOException {
        Path ckpt = checkpoint("spiking");
        FlagValues other = plot(ckpt, dir, 2).with(CrossModalFlags.NUM_TIME_STEPS, 13);
        UserError e = assertThrows(UserError.class, () -> CrossModalPlotTask.run(other, out));
        assertTrue(e.getMessage().contains("--num_time_steps: checkpoint 12, now 13"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("1_inputs.png")));

        List<Path> files = CrossModalPlotTask.run(other.with(CrossModalFlags.CHECK_PARAMS, 0)
                .with(CrossModalFlags.DATA_SEED, 7L), out);
        assertEquals(SPIKING_ORDER.size(), files.size());
        assertFalse(log().contains("--data_seed 0"), "the given data seed is used");
        // the given T wins: the decoder raster spans 13 steps (its figure is drawn all the same)
        assertTrue(Files.size(dir.resolve("7_decoder_output.png")) > 0);
    }

    @Test
    void reluCheckpointGivesItsFiguresAndTheEvaluation(@TempDir Path dir) throws IOException {
        long start = System.nanoTime();
        List<Path> files = CrossModalPlotTask.run(plot(checkpoint("relu"), dir, 8), out);
        System.out.printf("relu plot of the tiny checkpoint, 8 episodes: %.1f s%n",
                (System.nanoTime() - start) / 1e9);
        assertEquals(RELU_ORDER, files.stream().map(f -> f.getFileName().toString()).toList());
        for (Path f : files) {
            String name = f.getFileName().toString();
            assertImage(f, RELU_SIZES.getOrDefault(name, SPIKING_FILES.get(name)));
        }
        assertFalse(Files.exists(dir.resolve("6_decoder_hidden.png")));
        assertTrue(log().contains("reconstruction MSE over 8 test episodes"), log());
    }

    @Test
    void reluFlagsThatDisagreeAreRefusedUnlessUncheckedAndTheModelMustMatch(@TempDir Path dir) {
        Path ckpt = checkpoint("relu");
        FlagValues other = plot(ckpt, dir, 2).with(MemoryFlags.GAMMA_POS, 0.2);
        UserError e = assertThrows(UserError.class, () -> CrossModalPlotTask.run(other, out));
        assertTrue(e.getMessage().contains("--gamma_pos: checkpoint 0.1, now 0.2"), e.getMessage());
        assertEquals(RELU_ORDER.size(), CrossModalPlotTask.run(other.with(CrossModalFlags.CHECK_PARAMS, 0), out)
                .size());

        UserError variant = assertThrows(UserError.class, () -> CrossModalPlotTask.run(plot(ckpt, dir, 2)
                .with(CrossModalFlags.MODEL_VARIANT, "spiking").with(CrossModalFlags.CHECK_PARAMS, 0), out));
        assertTrue(variant.getMessage().contains("holds a ReLU model"), variant.getMessage());
    }

    @Test
    void summariesAreNumpysMeanStdAndLinearPercentiles() {
        ReconstructionErrors.Summary s = ReconstructionErrors.Summary.of(new float[] {4, 1, 3, 2});
        assertEquals(2.5, s.mean(), 1e-9);
        assertEquals(Math.sqrt(1.25), s.std(), 1e-9);
        assertEquals(2.5, s.median(), 1e-9);
        assertEquals(1.75, s.p25(), 1e-9);
        assertEquals(3.25, s.p75(), 1e-9);
    }

    private static void assertImage(Path f, int[] size) throws IOException {
        assertTrue(Files.size(f) > 0, f + " is empty");
        BufferedImage image = ImageIO.read(f.toFile());
        assertNotNull(image, f + " is a PNG");
        assertEquals(size[0], image.getWidth(), f + " width");
        assertEquals(size[1], image.getHeight(), f + " height");
    }
}
