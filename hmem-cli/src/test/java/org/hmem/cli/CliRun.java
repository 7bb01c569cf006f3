package org.hmem.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;

/** One run of the {@code hmem} command line in this JVM: its exit status and what it printed. */
record CliRun(int exit, String out, String err) {

    /** Runs {@code args}; the tasks' progress output (System.out) counts as the command's output. */
    static CliRun of(String... args) {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        PrintStream saved = System.out;
        ByteArrayOutputStream taskOut = new ByteArrayOutputStream();
        System.setOut(new PrintStream(taskOut, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = cli.execute(args);
        } finally {
            System.setOut(saved);
        }
        return new CliRun(exit, out + taskOut.toString(StandardCharsets.UTF_8), err.toString());
    }
}
