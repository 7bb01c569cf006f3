package org.hmem.cli;

import java.util.concurrent.Callable;

import org.hmem.task.concentration.ConcentrationFlags;
import org.hmem.task.concentration.ConcentrationTask;
import org.hmem.task.flags.FlagSet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hmem concentration}: reinforcement learning on the Concentration card game with PPO (spec §8.8, §9). Every
 * flag of the reference scripts, in both spellings; see {@link ConcentrationFlags}.
 */
@Command(name = "concentration", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        subcommands = {ConcentrationPlayCommand.class, ConcentrationPlotCommand.class},
        description = {"Concentration: an agent with a Hebbian episodic memory learns with PPO to find all matching"
                + " pairs of cards with as few flips as possible.",
                "Train (default), evaluate (--evaluate --resume FILE) or resume (--resume FILE)."},
        footer = {"", "The fixed deck (without --resample_cards) is read from --dir/ConcentrationDataset/"
                + "images-<n>.npy, or drawn and written there on first use; no download is needed."})
public final class ConcentrationCommand implements Callable<Integer>, FlagCommand {

    @Spec
    CommandSpec spec;

    @Override
    public FlagSet flags() {
        return ConcentrationFlags.TRAIN;
    }

    @Override
    public Integer call() {
        ConcentrationTask.run(FlagOptions.values(spec, flags()), System.out);
        return 0;
    }
}
