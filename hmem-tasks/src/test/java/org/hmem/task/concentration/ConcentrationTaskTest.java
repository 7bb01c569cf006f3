package org.hmem.task.concentration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.hmem.engine.io.Safetensors;
import org.hmem.engine.io.SafetensorsFile;
import org.hmem.task.concentration.env.ConcentrationConfig;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.train.RunCheckpoint;
import org.hmem.task.train.TrainingFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hmem concentration} end to end: a tiny PPO run on two cells learns to flip the other card (far better than a
 * random agent, near the optimum of 2 flips); a resumed run continues at the stored update with the stored optimiser;
 * mistakes are refused with the flag's name.
 */
class ConcentrationTaskTest {

    private static FlagValues tiny(Path dir) {
        return ConcentrationFlags.TRAIN.defaults()
                .with(ConcentrationFlags.MODEL_VARIANT, "relu")
                .with(ConcentrationFlags.NUM_CELLS, 2)
                .with(ConcentrationFlags.NUM_ENVS, 16)
                .with(ConcentrationFlags.PPO_BATCHES, 4)
                .with(ConcentrationFlags.NUM_STEPS, 5)
                .with(ConcentrationFlags.NUM_ENV_STEPS, 16L * 5 * 150)
                .with(ConcentrationFlags.EVAL_GAMES, 200)
                .with(ConcentrationFlags.DIR, dir.resolve("data").toString())
                .with(MemoryFlags.MEMORY_SIZE, 20)
                .with(MemoryFlags.EMBEDDING_SIZE, 20)
                .with(TrainingFlags.LEARNING_RATE, 3e-3)
                .with(TrainingFlags.SEED, 4L)
                .with(TrainingFlags.THREADS, 2)
                .with(TrainingFlags.CHECKPOINT_DIR, dir.resolve("ck").toString())
                .with(TrainingFlags.RUNS_DIR, dir.resolve("runs").toString());
    }

    private static String run(FlagValues v, ConcentrationTask.Result[] result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        result[0] = ConcentrationTask.run(v, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTinyRunLearnsToBeatARandomAgent(@TempDir Path dir) {
        ConcentrationTask.Result[] r = new ConcentrationTask.Result[1];
        String out = run(tiny(dir).with(TrainingFlags.LOGGING, true), r);
        ConcentrationConfig config = new ConcentrationConfig(2, 10, 25, -0.5, false);
        double random = Evaluation.randomAgent(config, ConcentrationTask.deck(tiny(dir), config,
                new PrintStream(new ByteArrayOutputStream())), 42, 5000).mean();
        assertTrue(random > 3.5, "a random agent needs about 4 flips on 2 cells: " + random);
        Evaluation.Result trained = r[0].evaluation();
        assertEquals(200, trained.games(), out);
        assertTrue(trained.mean() < 2.2 && trained.mean() < random - 1.5,
                "trained " + trained.mean() + " flips vs random " + random + " and the optimum 2\n" + out);
        assertTrue(out.contains("optimum with perfect memory (2 cells): 2.000 flips"), out);
        assertTrue(out.contains("update 150/150"), out);
        assertNotNull(r[0].lastCheckpoint());
        assertTrue(dir.resolve("runs").toFile().list().length == 1, "--logging writes a run folder");
    }

    @Test
    void aResumedRunContinuesAtTheStoredUpdate(@TempDir Path dir) throws Exception {
        ConcentrationTask.Result[] r = new ConcentrationTask.Result[1];
        FlagValues shortRun = tiny(dir).with(ConcentrationFlags.NUM_ENV_STEPS, 16L * 5 * 4)
                .with(ConcentrationFlags.CHECKPOINT_EVERY, 3);
        run(shortRun, r);
        Path first = r[0].lastCheckpoint();
        SafetensorsFile a = Safetensors.read(first);
        assertEquals("4", a.metadata().get("epoch"), "the next update is stored");
        String out = run(tiny(dir).with(ConcentrationFlags.NUM_ENV_STEPS, 16L * 5 * 6)
                .with(TrainingFlags.RESUME, first.toString()), r);
        assertTrue(out.contains("next update 4"), out);
        assertTrue(out.contains("update 5/6") && out.contains("update 6/6") && !out.contains("update 4/6"), out);
        assertEquals(6, r[0].nextUpdate());
        SafetensorsFile b = Safetensors.read(r[0].lastCheckpoint());
        assertEquals("6", b.metadata().get("epoch"));
        // Adam's step count: 4 epochs x 4 minibatches per update, 6 updates in all
        float[] step = b.tensors().entrySet().stream().filter(e -> e.getKey().startsWith("optimizer.")
                && e.getKey().endsWith("step")).findFirst().orElseThrow().getValue().data();
        assertEquals(6 * 16, step[0], 0f);
    }

    /** A resumed run ends with the parameters and optimiser state of the uninterrupted run, bit for bit. */
    @Test
    void resumingContinuesExactlyAsTheUninterruptedRun(@TempDir Path dir) throws Exception {
        for (String model : new String[] {"relu", "spiking"}) {
            FlagValues base = tiny(dir.resolve(model)).with(ConcentrationFlags.MODEL_VARIANT, model)
                    .with(ConcentrationFlags.NUM_ENVS, 8).with(ConcentrationFlags.PPO_BATCHES, 2)
                    .with(ConcentrationFlags.NUM_STEPS, 3).with(ConcentrationFlags.NUM_TIME_STEPS, 35)
                    .with(MemoryFlags.MEMORY_SIZE, 10).with(MemoryFlags.EMBEDDING_SIZE, 10)
                    .with(ConcentrationFlags.CHECKPOINT_EVERY, 100);
            long perUpdate = 8 * 3;
            ConcentrationTask.Result[] whole = new ConcentrationTask.Result[1], part = new ConcentrationTask.Result[1];
            run(base.with(ConcentrationFlags.NUM_ENV_STEPS, 5 * perUpdate), whole);
            run(base.with(ConcentrationFlags.NUM_ENV_STEPS, 2 * perUpdate), part);
            String out = run(base.with(ConcentrationFlags.NUM_ENV_STEPS, 5 * perUpdate)
                    .with(TrainingFlags.RESUME, part[0].lastCheckpoint().toString()), part);
            assertTrue(out.contains("restored the 8 games in progress"), out);
            SafetensorsFile a = Safetensors.read(whole[0].lastCheckpoint());
            SafetensorsFile b = Safetensors.read(part[0].lastCheckpoint());
            assertEquals(a.tensors().keySet(), b.tensors().keySet());
            for (String name : a.tensors().keySet()) {
                assertArrayEquals(a.tensors().get(name).data(), b.tensors().get(name).data(), model + ": " + name);
            }
            assertEquals(a.metadata().get(RunCheckpoint.RUN_STATE), b.metadata().get(RunCheckpoint.RUN_STATE));
        }
    }

    @Test
    void mistakesAreRefusedWithTheFlag(@TempDir Path dir) {
        UserError e = assertThrows(UserError.class, () -> run(tiny(dir).with(ConcentrationFlags.NUM_ENVS, 10),
                new ConcentrationTask.Result[1]));
        assertTrue(e.getMessage().contains("--num_envs 10 must be a multiple of --ppo_batches 4"), e.getMessage());
        ConcentrationTask.Result[] r = new ConcentrationTask.Result[1];
        run(tiny(dir).with(ConcentrationFlags.NUM_ENV_STEPS, 80L), r);
        FlagValues other = tiny(dir).with(ConcentrationFlags.NUM_CELLS, 4).with(TrainingFlags.EVALUATE, true)
                .with(TrainingFlags.RESUME, r[0].lastCheckpoint().toString());
        UserError refused = assertThrows(UserError.class, () -> run(other, r));
        assertTrue(refused.getMessage().contains("num_cells"), refused.getMessage());
    }
}
