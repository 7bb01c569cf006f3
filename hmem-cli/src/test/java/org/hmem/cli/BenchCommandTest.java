package org.hmem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class BenchCommandTest {

    @Test
    void printsOneJsonLinePerConfiguration() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out));
        int rc = cl.execute("bench", "--in-process", "--json", "--mode", "train,forward", "--batch", "2", "--pairs",
                "1", "--threads", "1", "--min-reps", "1", "--min-seconds", "0", "--max-seconds", "0",
                "--warmup-seconds", "0");
        assertEquals(0, rc);
        String[] lines = out.toString().trim().split("\\R");
        assertEquals(2, lines.length, out.toString());
        assertTrue(lines[0].startsWith("{\"mode\":\"train\",\"batch\":2,\"pairs\":1,\"threads\":1,"), lines[0]);
        assertTrue(lines[1].startsWith("{\"mode\":\"forward\""), lines[1]);
    }

    @Test
    void omniglotRejectsABadVariantInOneLine() {
        assertOneLineError(CliRun.of("bench", "--task", "omniglot", "--variant", "cached,spiky"),
                "error: unknown variant 'spiky': expected trainable, frozen, cached or relu");
    }

    @Test
    void omniglotRejectsAMissingDataFolderInOneLine(@TempDir Path tmp) {
        CliRun r = CliRun.of("bench", "--task", "omniglot", "--dir", tmp.resolve("nowhere").toString());
        assertOneLineError(r, null);
        assertTrue(r.err().contains("images_background.zip") && r.err().contains("--dir"), r.err());
    }

    @Test
    void optionsOfTheOtherTaskAreRefused() {
        assertOneLineError(CliRun.of("bench", "--variant", "relu"),
                "error: --variant applies to --task omniglot, cross-modal and concentration only");
        assertOneLineError(CliRun.of("bench", "--task", "cross-modal", "--no-components"),
                "error: --no-components applies to --task omniglot only");
        assertOneLineError(CliRun.of("bench", "--task", "omniglot", "--pairs", "3"),
                "error: --pairs applies to --task associations only");
        assertOneLineError(CliRun.of("bench", "--protonet-checkpoint-path", "x"),
                "error: --protonet_checkpoint_path applies to --task omniglot only");
        assertOneLineError(CliRun.of("bench", "--task", "concentration", "--batch", "8"),
                "error: --batch applies to --task associations, omniglot and cross-modal only");
        assertOneLineError(CliRun.of("bench", "--task", "concentration", "--min-reps", "3"),
                "error: --min-reps applies to --task associations, omniglot and cross-modal only");
        assertOneLineError(CliRun.of("bench", "--task", "babi"),
                "error: unknown --task 'babi': expected associations, omniglot, cross-modal or concentration");
    }

    /** Exit status 2, one line on stderr (equal to {@code expected} unless null), no stack trace. */
    private static void assertOneLineError(CliRun r, String expected) {
        assertEquals(2, r.exit(), r.out() + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), err);
        assertFalse(err.contains("Exception"), err);
        if (expected != null) {
            assertEquals(expected, err);
        }
    }
}
