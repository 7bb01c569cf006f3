package org.hmem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a new user and as someone trying to break it meets it: checkpoints define the model, bad
 * values and oversized runs are refused with the flag, the value and the range, and mistakes cost one line.
 */
class CliHardeningTest {

    private String out = "";
    private String err = "";

    /** Runs the command line; {@code out} and {@code err} hold what this run printed. */
    private int run(String... args) {
        CliRun r = CliRun.of(args);
        out = r.out();
        err = r.err();
        return r.exit();
    }

    private static String[] tiny(Path dir, String... more) {
        String[] base = {"associations", "--sequence_length", "1", "--num_classes", "2", "--num_time_steps", "10",
            "--embedding_size", "8", "--memory_size", "12", "--readout_delay", "2", "--batch_size", "8",
            "--train_size", "8", "--val_size", "8", "--test_size", "8", "--epochs", "1", "--print_freq", "0",
            "--seed", "1", "--threads", "1", "--checkpoint_dir", dir.toString()};
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private String savedCheckpoint() {
        return out.toString().lines().filter(l -> l.startsWith("=> saved checkpoint ")).findFirst().orElseThrow()
                .substring("=> saved checkpoint ".length());
    }

    @Test
    void plotAndEvaluateTakeANonDefaultModelFromTheCheckpointWithoutFlags(@TempDir Path dir) {
        assertEquals(0, run(tiny(dir)), err.toString());
        String ckpt = savedCheckpoint();
        assertEquals(0, run("associations", "plot", "--checkpoint", ckpt, "--out", dir.resolve("plots").toString()),
                err.toString());
        assertEquals(0, run("associations", "--evaluate", "--resume", ckpt, "--test_size", "8"), err.toString());
        assertTrue(out.toString().contains(" * Test: Acc"), out.toString());
        assertEquals(2, run("associations", "--evaluate", "--resume", ckpt, "--memory_size", "100"));
        assertTrue(err.toString().contains("--memory_size: checkpoint 12, now 100"), err.toString());
    }

    @Test
    void valuesOutsideTheirDomainAreRefusedNamingFlagValueAndRange() {
        String[][] cases = {{"--learning_rate", "NaN"}, {"--learning_rate", "Infinity"}, {"--learning_rate", "-1"},
            {"--w_max", "NaN"}, {"--gamma_pos", "1e30"}, {"--l2", "1e300"}, {"--batch_size", "0"},
            {"--model", "lstm"}, {"--embedding_size", "0"}, {"--threads", "0"}, {"--target_rate", "-5"},
            {"--time_budget", "NaN"}, {"--print_freq", "-1"}};
        for (String[] c : cases) {
            assertEquals(2, run("associations", c[0], c[1]), c[0] + " " + c[1]);
            String message = err.toString();
            assertTrue(message.startsWith("error: " + c[0] + " "), message);
            assertTrue(message.contains("is not allowed: expected "), message);
            assertFalse(message.contains("\tat "), "no stack trace");
        }
    }

    @Test
    void sizesThatOverflowOrExceedTheHeapAreRefusedBeforeAllocating(@TempDir Path dir) {
        assertEquals(2, run(tiny(dir, "--test_size", "300000000")));
        assertTrue(err.toString().contains("lower --test_size"), err.toString());
        assertEquals(2, run(tiny(dir, "--train_size", "2000000000", "--inf_data", "0")));
        assertTrue(err.toString().contains("--train_size"), err.toString());
        assertEquals(2, run(tiny(dir, "--num_time_steps", "100000000")));
        assertTrue(err.toString().contains("--num_time_steps"), err.toString());
        assertEquals(2, run(tiny(dir, "--test_size", "60000000")));
        assertTrue(err.toString().contains("HMEM_JAVA_OPTS=-Xmx"), err.toString());
        assertEquals(0, run(tiny(dir, "--batch_size", "2147483647")), err.toString());
        assertTrue(out.toString().contains("Epoch 0: train loss 0."), "one batch of all 8 samples: " + out);
    }

    @Test
    void mistakesCostOneLineAndAHintAndNoCommandIsAFailure() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("Usage: hmem"), err.toString());
        assertEquals(2, run("associations", "--epochs", "many"));
        assertEquals("error: --epochs: 'many' is not an integer", err.toString().strip());
        assertEquals(2, run("associations", "--no_such_flag"));
        assertTrue(err.toString().contains("Try 'hmem associations --help'"), err.toString());
        assertFalse(err.toString().contains("Usage:"), "no full usage for a typo: " + err);
        assertEquals(2, run("babi", "plot", "--bogus"));
        assertTrue(err.toString().contains("Try 'hmem babi plot --help'"), err.toString());
    }

    @Test
    void babiHelpSpeaksOfBabiOnly() {
        String help = Main.commandLine().getSubcommands().get("babi").getUsageMessage();
        assertFalse(help.contains("--model"), "babi has no --model flag");
        assertTrue(help.contains("(default: 30)"), "its own readout delay");
    }

    @Test
    void oneOfAThingIsSingular(@TempDir Path dir) {
        assertEquals(0, run(tiny(dir)), err.toString());
        assertTrue(out.toString().contains("1 pair, 2 classes, batch 8, 1 thread\n")
                || out.toString().contains("1 pair, 2 classes, batch 8, 1 thread\r\n"), out.toString());
    }
}
