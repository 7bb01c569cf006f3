package org.hmem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

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
}
