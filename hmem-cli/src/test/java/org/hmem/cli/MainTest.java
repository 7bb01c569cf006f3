package org.hmem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.hmem.task.associations.AssociationsFlags;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.train.TrainingFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class MainTest {

    private final StringBuilder err = new StringBuilder();
    private final StringBuilder out = new StringBuilder();

    /** Runs the command line, collecting what every run of a test printed. */
    private int run(String... args) {
        CliRun r = CliRun.of(args);
        out.append(r.out());
        err.append(r.err());
        return r.exit();
    }

    @Test
    void helpDocumentsEveryReferenceFlagInBothSpellings() {
        String help = Main.commandLine().getSubcommands().get("associations").getUsageMessage();
        for (String flag : new String[] {"sequence_length", "num_classes", "feature_size", "inf_data",
                "num_time_steps", "prefetch_factor", "embedding_size", "memory_size", "w_max", "gamma_pos",
                "gamma_neg", "tau_trace", "readout_delay", "perfect_reset", "refractory_time_steps", "tau_mem",
                "dampening_factor", "batch_size", "learning_rate", "learning_rate_decay",
                "decay_learning_rate_every", "max_grad_norm", "target_rate", "start_epoch", "check_params",
                "print_freq", "world_size", "dist_url", "dist_backend", "multiprocessing_distributed",
                "dataset_seed"}) {
            assertTrue(help.contains("--" + flag), flag);
            assertTrue(help.contains("--" + flag.replace('_', '-')), flag + " with dashes");
        }
        for (String flag : new String[] {"--workers", "--thr", "--epochs", "--l2", "--resume", "--evaluate",
                "--logging", "--rank", "--gpu", "--seed", "--model", "--threads"}) {
            assertTrue(help.contains(flag), flag);
        }
    }

    @Test
    void babiHelpDocumentsEveryReferenceFlagInBothSpellings() {
        String help = Main.commandLine().getSubcommands().get("babi").getUsageMessage();
        for (String flag : new String[] {"ten_k", "add_time_words", "mask_time_words", "learn_encoding",
                "sentence_duration", "max_num_sentences", "pin_data_to_memory", "learn_readout_delay",
                "embedding_size", "memory_size", "readout_delay", "batch_size", "learning_rate", "max_grad_norm",
                "world_size", "dist_url"}) {
            assertTrue(help.contains("--" + flag), flag);
            assertTrue(help.contains("--" + flag.replace('_', '-')), flag + " with dashes");
        }
        for (String flag : new String[] {"--task", "--padding", "--dir", "--workers", "--prefetch_factor", "--l2",
                "--thr", "--epochs", "--resume", "--evaluate", "--logging", "--seed", "--gpu"}) {
            assertTrue(help.contains(flag), flag);
        }
        assertTrue(help.contains("(default: 30)"), "bAbI's own readout delay default is shown");
        assertTrue(help.contains("(default: 200)"), "bAbI's own epochs default is shown");
    }

    /** The flag values the associations command would run with. */
    private static FlagValues parseAssociations(String... args) {
        CommandLine cli = Main.commandLine();
        CommandLine.ParseResult parsed = cli.parseArgs(concat(new String[] {"associations"}, args));
        return FlagOptions.values(parsed.subcommand().commandSpec(), AssociationsFlags.TRAIN);
    }

    @Test
    void dashedAndUnderscoredSpellingsAreTheSameFlag() {
        FlagValues v = parseAssociations("--sequence-length", "3", "--num_classes", "4");
        assertEquals(3, v.get(AssociationsFlags.SEQUENCE_LENGTH));
        assertEquals(4, v.get(AssociationsFlags.NUM_CLASSES));
        assertTrue(v.isGiven(AssociationsFlags.SEQUENCE_LENGTH));
        assertFalse(v.isGiven(AssociationsFlags.FEATURE_SIZE), "a default is not a given flag");
    }

    @Test
    void aRepeatedFlagTakesItsLastValueAndSwitchesNeedNoValue() {
        FlagValues v = parseAssociations("--epochs", "3", "--epochs", "7", "--perfect_reset", "--logging");
        assertEquals(7, v.get(TrainingFlags.EPOCHS));
        assertTrue(v.get(MemoryFlags.PERFECT_RESET));
        assertTrue(v.get(TrainingFlags.LOGGING));
        assertFalse(v.get(TrainingFlags.EVALUATE));
    }

    @Test
    void helpIsGroupedInTheSameOrderEveryTime() {
        String help = Main.commandLine().getSubcommands().get("associations").getUsageMessage();
        int model = help.indexOf("Model:"), training = help.indexOf("Training:"), data = help.indexOf("Data:");
        int output = help.indexOf("Output:"), run = help.indexOf("Run:");
        assertTrue(model >= 0 && model < training && training < data && data < output && output < run, help);
        assertTrue(help.indexOf("--memory_size") < training, "a model flag in the model section");
        assertTrue(help.indexOf("--checkpoint_dir") > output && help.indexOf("--checkpoint_dir") < run, help);
        assertEquals(help, Main.commandLine().getSubcommands().get("associations").getUsageMessage());
    }

    @Test
    void userMistakesExitNonZeroWithAMessageAndNoStackTrace(@TempDir Path dir) {
        assertEquals(2, run("associations", "--sequence_length", "x"));
        assertTrue(err.toString().contains("--sequence_length"), err.toString());
        assertEquals(2, run("associations", "--sequence_length", "12", "--num_classes", "10"));
        assertTrue(err.toString().contains("error: --sequence_length (12) must not exceed --num_classes (10)"));
        assertEquals(2, run("associations", "--resume", dir.resolve("missing.safetensors").toString(),
                "--checkpoint_dir", dir.toString()));
        assertTrue(err.toString().contains("checkpoint not found"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void resumeWithADifferentModelFlagIsRefused(@TempDir Path dir) {
        String[] common = {"associations", "--sequence_length", "2", "--num_classes", "2", "--num_time_steps", "10",
            "--embedding_size", "8", "--memory_size", "10", "--batch_size", "8", "--train_size", "8", "--val_size",
            "8", "--test_size", "8", "--print_freq", "0", "--seed", "1", "--checkpoint_dir", dir.toString()};
        assertEquals(0, run(concat(common, "--epochs", "1")));
        String ckpt = out.toString().lines().filter(l -> l.startsWith("=> saved checkpoint ")).findFirst()
                .orElseThrow().substring("=> saved checkpoint ".length());
        assertEquals(2, run(concat(common, "--epochs", "2", "--resume", ckpt, "--gamma_pos", "0.5")));
        assertTrue(err.toString().contains("--gamma_pos: checkpoint 0.3, now 0.5"), err.toString());
        assertEquals(0, run(concat(common, "--evaluate", "--resume", ckpt)));
        assertTrue(out.toString().contains(" * Test: Acc"), out.toString());
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
