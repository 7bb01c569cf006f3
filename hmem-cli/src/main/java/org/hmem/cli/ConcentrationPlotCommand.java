package org.hmem.cli;

import java.util.concurrent.Callable;

import org.hmem.task.concentration.ConcentrationFlags;
import org.hmem.task.concentration.ConcentrationPlotTask;
import org.hmem.task.flags.FlagSet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hmem concentration plot}: the learning curve of a run and one game of its policy, as PNG files. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Plot the learning curve of the checkpoint's run (mean flips of the last 30 games against"
                + " environment steps, from the run's --logging output, next to the optimum with perfect memory"
                + " and a random agent) and one game played by the policy: per flip the grid and the chosen cell,"
                + " the read-out's spike raster (spiking) and the memory matrix. PNG files in --out.",
                "The model comes from the checkpoint's stored flags. Without --checkpoint an untrained policy is"
                        + " plotted."})
public final class ConcentrationPlotCommand implements Callable<Integer>, FlagCommand {

    @Spec
    CommandSpec spec;

    @Override
    public FlagSet flags() {
        return ConcentrationFlags.PLOT;
    }

    @Override
    public Integer call() {
        ConcentrationPlotTask.run(FlagOptions.values(spec, flags()), System.out);
        return 0;
    }
}
