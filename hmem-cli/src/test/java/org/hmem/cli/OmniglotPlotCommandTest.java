package org.hmem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hmem omniglot plot} on the command line; the figures themselves are tested with the task. */
class OmniglotPlotCommandTest {

    @Test
    void helpListsThePlotFlagsOfTheReferenceAndHmemsOwn() {
        String help = Main.commandLine().getSubcommands().get("omniglot").getSubcommands().get("plot")
                .getUsageMessage();
        for (String flag : new String[] {"checkpoint_path", "check_params", "num_classes", "num_time_steps",
            "memory_size", "w_max", "gamma_pos", "gamma_neg", "tau_trace", "readout_delay", "thr", "perfect_reset",
            "refractory_time_steps", "tau_mem", "fix_cnn_thresholds", "sampler_seed", "histogram_episodes"}) {
            assertTrue(help.contains("--" + flag), flag);
            assertTrue(help.contains("--" + flag.replace('_', '-')), flag + " with dashes");
        }
        for (String flag : new String[] {"--checkpoint", "--seed", "--model", "--out", "--dir", "--threads"}) {
            assertTrue(help.contains(flag), flag);
        }
    }

    @Test
    void userMistakesExitNonZeroWithAMessageAndNoStackTrace(@TempDir Path dir) {
        CliRun missingCheckpoint = CliRun.of("omniglot", "plot", "--checkpoint",
                dir.resolve("missing.safetensors").toString(), "--out", dir.resolve("plots").toString());
        assertEquals(2, missingCheckpoint.exit());
        assertTrue(missingCheckpoint.err().contains("checkpoint not found"), missingCheckpoint.err());
        CliRun noData = CliRun.of("omniglot", "plot", "--model", "relu", "--dir", dir.toString(), "--out",
                dir.resolve("plots").toString());
        assertEquals(2, noData.exit());
        assertTrue(noData.err().contains(dir.toString()), noData.err());
        CliRun badEpisodes = CliRun.of("omniglot", "plot", "--histogram_episodes", "0");
        assertEquals(2, badEpisodes.exit());
        assertTrue(badEpisodes.err().contains("--histogram_episodes"), badEpisodes.err());
        for (CliRun r : new CliRun[] {missingCheckpoint, noData, badEpisodes}) {
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
    }
}
