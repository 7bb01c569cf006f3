package org.hmem.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.hmem.task.flags.UserError;
import org.hmem.task.train.TrainingFailure;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code hmem} command: one subcommand per task, plus tools. */
@Command(name = "hmem", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Spiking neural networks with Hebbian memory (H-Mem): train, evaluate and plot the paper's "
                + "tasks.",
        subcommands = {AssociationsCommand.class, BabiCommand.class, OmniglotCommand.class, CrossModalCommand.class,
                ConcentrationCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cli = commandLine();
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            cli.getErr().println("error: the Java heap is too small for this run (" + e.getMessage() + "): lower the "
                    + "sizes (--batch_size, --threads, the data and model sizes) or give Java more memory, e.g. "
                    + "HMEM_JAVA_OPTS=-Xmx8g ./hmem ...");
            return 1;
        }
    }

    /** The configured command line (tests set its streams). */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        registerFlags(cli);
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setParameterExceptionHandler(Main::badCommandLine);
        // a repeated flag takes its last value, as with the reference's argparse
        cli.setOverwrittenOptionsAllowed(true);
        return cli;
    }

    /** Gives every task command the options of its flag declarations. */
    private static void registerFlags(CommandLine cmd) {
        if (cmd.getCommand() instanceof FlagCommand f) {
            FlagOptions.register(cmd.getCommandSpec(), f.flags());
        }
        // a command with aliases appears once per name
        for (CommandLine sub : new java.util.LinkedHashSet<>(cmd.getSubcommands().values())) {
            registerFlags(sub);
        }
    }

    /** A command line that does not parse: the one-line reason and where the options are, not the whole usage. */
    private static int badCommandLine(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("error: " + e.getMessage());
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
        return 2;
    }

    /** User mistakes, failed runs and I/O problems end with a one-line message, not a stack trace. */
    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof UserError || e instanceof IllegalArgumentException) {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
        }
        if (e instanceof TrainingFailure || e instanceof java.io.UncheckedIOException
                || e instanceof java.io.IOException) {
            cmd.getErr().println("error: " + e.getMessage());
            return 1;
        }
        throw new IllegalStateException("internal error (please report): " + e, e);
    }

    /** {@code hmem} without a command: the usage, and a failure status. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
