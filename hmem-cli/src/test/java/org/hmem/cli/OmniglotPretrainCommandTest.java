package org.hmem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code hmem omniglot pretrain} on the command line (the runs themselves are tested in hmem-tasks). */
class OmniglotPretrainCommandTest {

    @Test
    void helpListsEveryReferenceFlagInBothSpellings() {
        String help = Main.commandLine().getSubcommands().get("omniglot").getSubcommands().get("pretrain")
                .getUsageMessage();
        for (String flag : new String[] {"epochs", "iterations", "learning_rate", "lr_scheduler_step",
                "lr_scheduler_gamma", "classes_per_iteration_train", "num_samples_support_train",
                "num_samples_query_train", "classes_per_iteration_val", "num_samples_support_val",
                "num_samples_query_val", "use_batch_norm", "checkpoint_path", "sampler_seed", "checkpoint_dir",
                "time_budget", "print_freq"}) {
            assertTrue(help.contains("--" + flag), flag);
            assertTrue(help.contains("--" + flag.replace('_', '-')), flag + " with dashes");
        }
        for (String flag : new String[] {"--dir", "--evaluate", "--seed", "--cuda", "--threads"}) {
            assertTrue(help.contains(flag), flag);
        }
        assertTrue(help.contains("(default: 60)"), "60-way training episodes");
        assertTrue(help.contains("(default: 15)"), "15 queries per class in validation");
    }

    @Test
    void omniglotHelpNamesTheSubcommand() {
        String help = Main.commandLine().getSubcommands().get("omniglot").getUsageMessage();
        assertTrue(help.contains("pretrain"), help);
    }

    @Test
    void evaluateWithoutCheckpointIsAOneLineError() {
        CliRun r = CliRun.of("omniglot", "pretrain", "--evaluate", "--cuda");
        assertEquals(2, r.exit(), r.out());
        assertEquals("error: --evaluate needs --checkpoint_path FILE: the network to test", r.err().strip());
        assertTrue(r.out().contains("note: --cuda has no effect"), r.out());
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
