package org.hmem.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import org.hmem.task.concentration.ConcentrationFlags;
import org.hmem.task.concentration.ConcentrationPlay;
import org.hmem.task.flags.FlagSet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hmem concentration play}: play one game of Concentration in the terminal. */
@Command(name = "play", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Play one game of Concentration in the terminal: type the number of the cell to flip. At the"
                + " end your number of flips is shown next to the optimum of a player with perfect memory."})
public final class ConcentrationPlayCommand implements Callable<Integer>, FlagCommand {

    @Spec
    CommandSpec spec;

    @Override
    public FlagSet flags() {
        return ConcentrationFlags.PLAY;
    }

    @Override
    public Integer call() {
        ConcentrationPlay.run(FlagOptions.values(spec, flags()),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
        return 0;
    }
}
