package org.hmem.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code hmem} command: one subcommand per task, plus tools. */
@Command(name = "hmem", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Spiking neural networks with Hebbian memory (H-Mem): train, evaluate and plot the paper's tasks.",
        subcommands = {CommandLine.HelpCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
