package org.hmem.cli;

import java.util.concurrent.Callable;

import org.hmem.task.crossmodal.CrossModalFlags;
import org.hmem.task.crossmodal.CrossModalTask;
import org.hmem.task.flags.FlagSet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hmem cross-modal}: the cross-modal associations task (spec §8.5, §8.6). Every flag of the reference
 * scripts, in both spellings; see {@link CrossModalFlags}.
 */
@Command(name = "cross-modal", aliases = {"cross_modal"}, mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true, subcommands = {CrossModalPretrainCommand.class, CrossModalPlotCommand.class},
        description = {"Cross-modal associations: write L (spoken digit, handwritten digit) pairs into a Hebbian"
                + " memory; given another recording of one of the spoken digits, reconstruct its image through a"
                + " spiking decoder. Recordings (MFCC images) and images pass through spiking CNNs converted from"
                + " pretrained digit classifiers.",
                "Train (default), evaluate (--evaluate --resume FILE) or resume (--resume FILE)."},
        footer = {"", "Data: --dir names a folder holding fsdd/recordings/ (Free Spoken Digit Dataset v1.0.10) and"
                + " mnist/ (the four MNIST idx files), or the reference's FSDDataset/v1.0.10/recordings/ and"
                + " MNISTDataset/. MFCC images are computed once and cached in --cache_dir."})
public final class CrossModalCommand implements Callable<Integer>, FlagCommand {

    @Spec
    CommandSpec spec;

    @Override
    public FlagSet flags() {
        return CrossModalFlags.TRAIN;
    }

    @Override
    public Integer call() {
        CrossModalTask.run(FlagOptions.values(spec, flags()), System.out);
        return 0;
    }
}
