package org.hmem.cli;

import java.util.concurrent.Callable;

import org.hmem.task.flags.FlagSet;
import org.hmem.task.omniglot.OmniglotFlags;
import org.hmem.task.omniglot.OmniglotPlotTask;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hmem omniglot plot}: the reference's Omniglot figures (spec §10.3, §10.4) for one episode, as PNG files. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Plot the images, spike rasters, memory matrix and logits of one test episode, and (spiking)"
                + " a histogram of the memory weights over --histogram_episodes episodes, as PNG files.",
                "The model comes from the checkpoint's stored flags; model flags given here must agree with them."
                        + " Without --checkpoint an untrained model is plotted."})
public final class OmniglotPlotCommand implements Callable<Integer>, FlagCommand {

    @Spec
    CommandSpec spec;

    @Override
    public FlagSet flags() {
        return OmniglotFlags.PLOT;
    }

    @Override
    public Integer call() {
        OmniglotPlotTask.run(FlagOptions.values(spec, flags()), System.out);
        return 0;
    }
}
