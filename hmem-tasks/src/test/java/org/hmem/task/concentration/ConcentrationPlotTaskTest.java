package org.hmem.task.concentration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.hmem.task.flags.FlagValues;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.train.TrainingFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hmem concentration plot}: a logged run's learning curve and a replayed game (with the read-out's rasters
 * for the spiking policy) as PNG files; without logging the curve is skipped with a note.
 */
class ConcentrationPlotTaskTest {

    private static String run(FlagValues v, List<Path>[] files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        files[0] = ConcentrationPlotTask.run(v, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLoggedRunGivesItsCurveAndAGame(@TempDir Path dir) throws Exception {
        FlagValues train = ConcentrationFlags.TRAIN.defaults().with(ConcentrationFlags.MODEL_VARIANT, "spiking")
                .with(ConcentrationFlags.NUM_ENVS, 4).with(ConcentrationFlags.PPO_BATCHES, 2)
                .with(ConcentrationFlags.NUM_STEPS, 3).with(ConcentrationFlags.NUM_ENV_STEPS, 4L * 3 * 3)
                .with(ConcentrationFlags.NUM_TIME_STEPS, 35).with(MemoryFlags.MEMORY_SIZE, 10)
                .with(MemoryFlags.EMBEDDING_SIZE, 10).with(ConcentrationFlags.EVAL_GAMES, 4)
                .with(ConcentrationFlags.DIR, dir.resolve("data").toString()).with(TrainingFlags.SEED, 1L)
                .with(TrainingFlags.LOGGING, true)
                .with(TrainingFlags.CHECKPOINT_DIR, dir.resolve("ck").toString())
                .with(TrainingFlags.RUNS_DIR, dir.resolve("runs").toString());
        ConcentrationTask.Result r = ConcentrationTask.run(train, new PrintStream(new ByteArrayOutputStream()));
        List<Path>[] files = new List[1];
        String out = run(ConcentrationFlags.PLOT.defaults()
                .with(ConcentrationFlags.CHECKPOINT, r.lastCheckpoint().toString())
                .with(ConcentrationFlags.DIR, dir.resolve("data").toString())
                .with(ConcentrationFlags.REPLAY_FLIPS, 3)
                .with(ConcentrationFlags.OUT, dir.resolve("plots").toString()), files);
        assertEquals(2, files[0].size(), out);
        assertTrue(files[0].get(0).endsWith("concentration_learning_curve.png"), out);
        for (Path f : files[0]) {
            assertTrue(ImageIO.read(f.toFile()).getWidth() >= 600, f.toString());
        }
        // the spiking game shows two rows (rasters, memories) of at most 3 flips
        assertTrue(ImageIO.read(files[0].get(1).toFile()).getHeight() >= 2 * 280, out);
        assertTrue(out.contains("=> replayed game:"), out);
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutACheckpointOnlyTheGameIsPlotted(@TempDir Path dir) {
        List<Path>[] files = new List[1];
        run(ConcentrationFlags.PLOT.defaults().with(ConcentrationFlags.MODEL_VARIANT, "relu")
                .with(ConcentrationFlags.DIR, dir.resolve("data").toString())
                .with(ConcentrationFlags.OUT, dir.resolve("plots").toString()), files);
        assertEquals(1, files[0].size());
        assertTrue(files[0].get(0).endsWith("concentration_game.png"));
    }
}
