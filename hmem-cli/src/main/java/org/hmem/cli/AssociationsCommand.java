package org.hmem.cli;

import java.util.concurrent.Callable;

import org.hmem.task.associations.AssociationsFlags;
import org.hmem.task.associations.AssociationsTask;
import org.hmem.task.flags.FlagSet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hmem associations}: the memorizing-associations task (spec §8.1, §8.2). Every flag of the reference
 * script, in both spellings ({@code --sequence_length} and {@code --sequence-length}); see {@link AssociationsFlags}.
 */
@Command(name = "associations", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        subcommands = {AssociationsPlotCommand.class},
        description = {"Memorizing associations: store L (vector, label) pairs in a Hebbian memory, answer the label"
                + " of a queried vector.",
                "Train (default), evaluate (--evaluate --resume FILE), resume (--resume FILE), or plot one sample"
                        + " (plot --checkpoint FILE)."},
        footer = {"", "Out-of-distribution test: train with --sequence_length < --num_classes, then evaluate the"
                + " checkpoint with --evaluate --resume FILE --sequence_length L for other L <= --num_classes."})
public final class AssociationsCommand implements Callable<Integer>, FlagCommand {

    @Spec
    CommandSpec spec;

    @Override
    public FlagSet flags() {
        return AssociationsFlags.TRAIN;
    }

    @Override
    public Integer call() {
        AssociationsTask.run(FlagOptions.values(spec, flags()), System.out);
        return 0;
    }
}
