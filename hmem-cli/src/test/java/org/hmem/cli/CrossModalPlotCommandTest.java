package org.hmem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hmem cross-modal plot} on the command line; the figures themselves are tested with the task. */
class CrossModalPlotCommandTest {

    @Test
    void helpListsThePlotFlagsOfTheReferenceAndHmemsOwn() {
        String help = Main.commandLine().getSubcommands().get("cross-modal").getSubcommands().get("plot")
                .getUsageMessage();
        for (String flag : new String[] {"checkpoint_path", "check_params", "sequence_length", "test_classes",
            "dataset_size", "num_mfcc", "num_mfcc_time_samples", "num_time_steps", "fix_cnn_thresholds",
            "embedding_size", "memory_size", "w_max", "gamma_pos", "gamma_neg", "tau_trace", "readout_delay", "thr",
            "perfect_reset", "refractory_time_steps", "tau_mem", "data_seed", "evaluation_episodes"}) {
            assertTrue(help.contains("--" + flag), flag);
            assertTrue(help.contains("--" + flag.replace('_', '-')), flag + " with dashes");
        }
        for (String flag : new String[] {"--checkpoint", "--seed", "--model", "--out", "--dir", "--threads"}) {
            assertTrue(help.contains(flag), flag);
        }
    }

    @Test
    void userMistakesExitNonZeroWithAMessageAndNoStackTrace(@TempDir Path dir) {
        CliRun missingCheckpoint = CliRun.of("cross-modal", "plot", "--checkpoint",
                dir.resolve("missing.safetensors").toString(), "--out", dir.resolve("plots").toString());
        assertEquals(2, missingCheckpoint.exit());
        assertTrue(missingCheckpoint.err().contains("checkpoint not found"), missingCheckpoint.err());
        CliRun noData = CliRun.of("cross-modal", "plot", "--model", "relu", "--dir", dir.toString(), "--out",
                dir.resolve("plots").toString());
        assertEquals(2, noData.exit());
        assertTrue(noData.err().contains(dir.toString()), noData.err());
        CliRun badEpisodes = CliRun.of("cross-modal", "plot", "--evaluation_episodes", "0");
        assertEquals(2, badEpisodes.exit());
        assertTrue(badEpisodes.err().contains("--evaluation_episodes"), badEpisodes.err());
        for (CliRun r : new CliRun[] {missingCheckpoint, noData, badEpisodes}) {
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
    }
}
