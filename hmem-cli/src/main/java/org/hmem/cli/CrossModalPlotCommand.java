package org.hmem.cli;

import java.util.concurrent.Callable;

import org.hmem.task.crossmodal.CrossModalFlags;
import org.hmem.task.crossmodal.CrossModalPlotTask;
import org.hmem.task.flags.FlagSet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hmem cross-modal plot}: the reference's cross-modal figures (spec §10.5, §10.6) for one test episode, and
 * the reconstruction errors of many, as PNG files.
 */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Plot the stored pairs, query and reconstruction, the CNN outputs, keys, values, memory matrix"
                + " and (spiking) decoder layers of one test episode; then reconstruct --evaluation_episodes test"
                + " episodes and report the MSE against the target and the other stored images (printed and as"
                + " histograms) and the share recognised as the target's digit by the MNIST classifier, with a grid"
                + " of targets and reconstructions. All figures are PNG files in --out.",
                "The model comes from the checkpoint's stored flags; model flags given here must agree with them"
                        + " (unless --check_params 0). Without --checkpoint an untrained model is plotted."})
public final class CrossModalPlotCommand implements Callable<Integer>, FlagCommand {

    @Spec
    CommandSpec spec;

    @Override
    public FlagSet flags() {
        return CrossModalFlags.PLOT;
    }

    @Override
    public Integer call() {
        CrossModalPlotTask.run(FlagOptions.values(spec, flags()), System.out);
        return 0;
    }
}
