package org.hmem.cli;

import java.util.concurrent.Callable;

import org.hmem.task.babi.BabiFlags;
import org.hmem.task.babi.BabiTask;
import org.hmem.task.flags.FlagSet;
import org.hmem.task.flags.FlagValues;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hmem babi}: bAbI question answering (spec §8.7). Every flag of the reference script, in both spellings. */
@Command(name = "babi", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        subcommands = {BabiPlotCommand.class},
        description = {"bAbI question answering with the spiking H-Mem network (20 tasks; 10k or 1k training "
                + "questions).",
                "Train (default), evaluate (--evaluate --resume FILE), resume (--resume FILE), all 20 tasks "
                        + "(--task all), or plot one sample (plot --checkpoint FILE)."},
        footer = {"", "Data: the bAbI v1.2 folder tasks_1-20_v1-2/{en,en-10k}/ or the tarball tasks_1-20_v1-2.tar.gz "
                + "under --dir (or $" + BabiFlags.DIR_ENV + "); https://research.facebook.com/downloads/babi/",
                "With several tasks, --resume names a folder holding the per-task checkpoints."})
public final class BabiCommand implements Callable<Integer>, FlagCommand {

    @Spec
    CommandSpec spec;

    @Override
    public FlagSet flags() {
        return BabiFlags.TRAIN;
    }

    @Override
    public Integer call() {
        FlagValues v = FlagOptions.values(spec, flags());
        if (BabiFlags.severalTasks(v)) {
            BabiTask.runAll(v, System.out);
        } else {
            BabiTask.run(v, System.out);
        }
        return 0;
    }
}
