package org.hmem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hmem concentration}: every flag of spec §8.8 in both spellings; mistakes exit 2 without a stack trace. */
class ConcentrationCommandTest {

    @Test
    void helpListsEveryReferenceFlagInBothSpellings() {
        String help = Main.commandLine().getSubcommands().get("concentration").getUsageMessage();
        for (String flag : new String[] {"num_envs", "num_cells", "card_shape", "resample_cards", "match_reward",
            "flip_penalty", "num_time_steps", "embedding_size", "memory_size", "w_max", "gamma_pos", "gamma_neg",
            "tau_trace", "readout_delay", "thr", "perfect_reset", "refractory_time_steps", "tau_mem",
            "use_rms_prop", "rms_prop_eps", "rms_prop_alpha", "adam_eps", "num_env_steps", "num_steps",
            "learning_rate", "decay_lr_linearly", "learning_rate_decay", "decay_learning_rate_every",
            "discount_factor", "ppo_clip_param", "ppo_batches", "ppo_epochs", "value_coefficient",
            "entropy_coefficient", "normalize_advantage", "use_smooth_l1_loss", "max_grad_norm", "start_update",
            "resume", "evaluate", "logging", "cuda", "seed", "env_seed"}) {
            assertTrue(help.contains("--" + flag), flag);
            assertTrue(help.contains("--" + flag.replace('_', '-')), flag + " with dashes");
        }
        for (String flag : new String[] {"--model", "--threads", "--time_budget", "--checkpoint_every",
            "--eval_games", "--dir"}) {
            assertTrue(help.contains(flag), flag);
        }
    }

    @Test
    void mistakesExitWithAMessageAndNoStackTrace(@TempDir Path dir) throws Exception {
        CliRun batches = CliRun.of("concentration", "--num_envs", "10", "--dir", dir.toString());
        assertEquals(2, batches.exit());
        assertTrue(batches.err().contains("--num_envs 10 must be a multiple of --ppo_batches 16"), batches.err());
        CliRun cells = CliRun.of("concentration", "--num_cells", "1");
        assertEquals(2, cells.exit());
        assertTrue(cells.err().contains("--num_cells"), cells.err());
        Path deck = dir.resolve("ConcentrationDataset/images-4.npy");
        Files.createDirectories(deck.getParent());
        Files.writeString(deck, "not a deck");
        CliRun broken = CliRun.of("concentration", "--dir", dir.toString(), "--num_env_steps", "640");
        assertEquals(2, broken.exit());
        assertTrue(broken.err().contains(deck.toString()), broken.err());
        CliRun missing = CliRun.of("concentration", "--evaluate", "--resume", dir.resolve("none.safetensors")
                .toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("checkpoint not found"), missing.err());
        for (CliRun r : new CliRun[] {batches, cells, broken, missing}) {
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
    }

    @Test
    void playReadsMovesUntilTheEndOfInput(@TempDir Path dir) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream("x\n0\n1\n".getBytes(StandardCharsets.UTF_8)));
        CliRun play;
        try {
            play = CliRun.of("concentration", "play", "--num_cells", "2", "--seed", "3", "--dir", dir.toString());
        } finally {
            System.setIn(saved);
        }
        assertEquals(0, play.exit(), play.err());
        assertTrue(play.out().contains("Flip which cell (0-1)?"), play.out());
        assertTrue(play.out().contains("All pairs found in 2 flips"), play.out());
    }
}
