package org.hmem.cli;

import java.util.concurrent.Callable;

import org.hmem.task.associations.AssociationsFlags;
import org.hmem.task.associations.AssociationsPlotTask;
import org.hmem.task.flags.FlagSet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hmem associations plot}: the reference's figures (spec §10.1, §10.2) for one sample, as PNG files. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Plot spike rasters, memory matrix and output of one sample as PNG files.",
                "The model comes from the checkpoint's stored flags; model flags given here must agree with them "
                        + "(except --sequence_length, to look at other lengths)."})
public final class AssociationsPlotCommand implements Callable<Integer>, FlagCommand {

    @Spec
    CommandSpec spec;

    @Override
    public FlagSet flags() {
        return AssociationsFlags.PLOT;
    }

    @Override
    public Integer call() {
        AssociationsPlotTask.run(FlagOptions.values(spec, flags()), System.out);
        return 0;
    }
}
