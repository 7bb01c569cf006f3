package org.hmem.cli;

import org.hmem.task.flags.UserError;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code hmem} command: one subcommand per task, plus tools. */
@Command(name = "hmem", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Spiking neural networks with Hebbian memory (H-Mem): train, evaluate and plot the paper's tasks.",
        subcommands = {AssociationsCommand.class, BabiCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line (tests set its streams). */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        registerFlags(cli);
        cli.setExecutionExceptionHandler(Main::handle);
        // a repeated flag takes its last value, as with the reference's argparse
        cli.setOverwrittenOptionsAllowed(true);
        return cli;
    }

    /** Gives every task command the options of its flag declarations. */
    private static void registerFlags(CommandLine cmd) {
        if (cmd.getCommand() instanceof FlagCommand f) {
            FlagOptions.register(cmd.getCommandSpec(), f.flags());
        }
        for (CommandLine sub : cmd.getSubcommands().values()) {
            registerFlags(sub);
        }
    }

    /** User mistakes and I/O problems end with a one-line message, not a stack trace. */
    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof UserError) {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
        }
        if (e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
            cmd.getErr().println("error: " + e.getMessage());
            return 1;
        }
        if (e instanceof IllegalArgumentException) {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
        }
        throw new IllegalStateException("internal error (please report): " + e, e);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
