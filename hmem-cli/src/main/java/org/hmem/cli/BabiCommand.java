package org.hmem.cli;

import java.util.concurrent.Callable;

import org.hmem.task.babi.BabiOptions;
import org.hmem.task.babi.BabiTask;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hmem babi}: bAbI question answering (spec §8.7). Every flag of the reference script, in both spellings.
 */
@Command(name = "babi", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        subcommands = {BabiPlotCommand.class},
        description = {"bAbI question answering with the spiking H-Mem network (20 tasks; 10k or 1k training "
                + "questions).",
                "Train (default), evaluate (--evaluate --resume FILE), resume (--resume FILE), all 20 tasks "
                        + "(--task all), or plot one sample (plot --checkpoint FILE)."},
        footer = {"", "Data: the bAbI v1.2 folder tasks_1-20_v1-2/{en,en-10k}/ or the tarball tasks_1-20_v1-2.tar.gz "
                + "under --dir (or $" + BabiOptions.DIR_ENV + "); "
                + "https://research.facebook.com/downloads/babi/",
                "With several tasks, --resume names a folder holding the per-task checkpoints."})
public final class BabiCommand implements Callable<Integer> {

    private final BabiOptions o = new BabiOptions();

    /** The flags shared by all tasks, writing into this task's options. */
    @Mixin
    CommonFlags common = new CommonFlags(o.common);

    @Option(names = "--task", defaultValue = "1", paramLabel = "1..20|all|LIST",
            description = "bAbI task; 'all', a list (2,5,7) or a range (2-20) runs several one after another and "
                    + "writes a per-task table (default: ${DEFAULT-VALUE}).")
    void task(String v) {
        o.task = v;
    }

    @Option(names = {"--ten_k", "--ten-k"}, defaultValue = "1",
            description = "1: the 10k-question training files (en-10k); 0: the 1k ones (en) (default: "
                    + "${DEFAULT-VALUE}).")
    void tenK(int v) {
        o.tenK = v;
    }

    @Option(names = {"--add_time_words", "--add-time-words"}, defaultValue = "0",
            description = "1: mark each sentence's age with a time word in its last slot (default: "
                    + "${DEFAULT-VALUE}).")
    void addTimeWords(int v) {
        o.addTimeWords = v;
    }

    @Option(names = {"--mask_time_words", "--mask-time-words"}, defaultValue = "1",
            description = "1: keep the time-word row of the encoding fixed; off without time words (default: "
                    + "${DEFAULT-VALUE}).")
    void maskTimeWords(int v) {
        o.maskTimeWords = v;
    }

    @Option(names = {"--learn_encoding", "--learn-encoding"}, defaultValue = "1",
            description = "1: learned position-wise sentence encoding; 0: bag of words (default: ${DEFAULT-VALUE}).")
    void learnEncoding(int v) {
        o.learnEncoding = v;
    }

    @Option(names = {"--sentence_duration", "--sentence-duration"}, defaultValue = "100",
            description = "Steps T per sentence and for the query (default: ${DEFAULT-VALUE}).")
    void sentenceDuration(int v) {
        o.sentenceDuration = v;
    }

    @Option(names = {"--max_num_sentences", "--max-num-sentences"}, defaultValue = "50",
            description = "Questions whose story has more sentences are skipped (default: ${DEFAULT-VALUE}).")
    void maxNumSentences(int v) {
        o.maxNumSentences = v;
    }

    @Option(names = "--padding", defaultValue = "pre", paramLabel = "pre|post",
            description = "Where stories are padded with empty sentences (default: ${DEFAULT-VALUE}).")
    void padding(String v) {
        o.padding = v;
    }

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Folder with the bAbI data (default: $" + BabiOptions.DIR_ENV
                    + ", else ./data).")
    void dir(String v) {
        o.dir = v;
    }

    @Option(names = {"--pin_data_to_memory", "--pin-data-to-memory"}, defaultValue = "1",
            description = "Accepted for compatibility; the data always stays in memory.")
    void pin(int v) {
        o.pinDataToMemory = v;
    }

    @Option(names = {"--learn_readout_delay", "--learn-readout-delay"},
            description = "Accepted; has no effect (as in the reference).")
    void learnReadoutDelay(boolean v) {
        o.learnReadoutDelay = v;
    }

    @Option(names = {"--split_seed", "--split-seed"}, defaultValue = "42",
            description = "Seed of the 90/10 train/validation split and of the training order (default: "
                    + "${DEFAULT-VALUE}).")
    void splitSeed(long v) {
        o.splitSeed = v;
    }

    BabiOptions options() {
        return o;
    }

    @Override
    public Integer call() {
        if (o.severalTasks()) {
            BabiTask.runAll(o, System.out);
        } else {
            BabiTask.run(o, System.out);
        }
        return 0;
    }
}
