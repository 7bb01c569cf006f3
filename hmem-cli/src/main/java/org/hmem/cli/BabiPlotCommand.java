package org.hmem.cli;

import java.util.concurrent.Callable;

import org.hmem.task.babi.BabiFlags;
import org.hmem.task.babi.BabiPlotTask;
import org.hmem.task.flags.FlagSet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hmem babi plot}: the reference's bAbI figures (spec §10.7) for one training sample, as PNG files. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Plot word indices, spike rasters, memory matrix and logits of one training sample as PNGs.",
                "Model and data flags come from the checkpoint; flags given here must agree with them."})
public final class BabiPlotCommand implements Callable<Integer>, FlagCommand {

    @Spec
    CommandSpec spec;

    @Override
    public FlagSet flags() {
        return BabiFlags.PLOT;
    }

    @Override
    public Integer call() {
        BabiPlotTask.run(FlagOptions.values(spec, flags()), System.out);
        return 0;
    }
}
