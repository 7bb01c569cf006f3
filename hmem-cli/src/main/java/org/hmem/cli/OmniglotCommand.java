package org.hmem.cli;

import java.util.concurrent.Callable;

import org.hmem.task.flags.FlagSet;
import org.hmem.task.omniglot.OmniglotFlags;
import org.hmem.task.omniglot.OmniglotTask;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hmem omniglot}: the Omniglot one-shot task (spec §8.3, §8.4). Every flag of the reference scripts, in both
 * spellings; see {@link OmniglotFlags}.
 */
@Command(name = "omniglot", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        subcommands = {OmniglotPretrainCommand.class, OmniglotPlotCommand.class},
        description = {"Omniglot 1-shot N-way: write N support images with labels 0..N-1 into a Hebbian memory,"
                + " name the label of a query image. Images pass through a spiking CNN converted from a pretrained"
                + " prototypical network.",
                "Train (default), evaluate (--evaluate --resume FILE) or resume (--resume FILE)."},
        footer = {"", "Data: --dir names the folder with images_background.zip, images_evaluation.zip and"
                + " splits/vinyals/ (or a data root holding it as omniglot/); the zips are read directly."})
public final class OmniglotCommand implements Callable<Integer>, FlagCommand {

    @Spec
    CommandSpec spec;

    @Override
    public FlagSet flags() {
        return OmniglotFlags.TRAIN;
    }

    @Override
    public Integer call() {
        OmniglotTask.run(FlagOptions.values(spec, flags()), System.out);
        return 0;
    }
}
