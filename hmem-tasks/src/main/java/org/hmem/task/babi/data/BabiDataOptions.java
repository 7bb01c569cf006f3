package org.hmem.task.babi.data;

import java.util.Objects;

/**
 * The flags that decide how a bAbI task is loaded (spec §8.7).
 *
 * @param task {@code --task}, 1..20
 * @param tenK {@code --ten_k}: the 10k-question training file ({@code en-10k}) instead of the 1k one ({@code en})
 * @param addTimeWords {@code --add_time_words}
 * @param maxNumSentences {@code --max_num_sentences}: questions with longer stories are skipped; {@code <= 0} keeps
 *     all (the reference cannot express that from its command line)
 * @param padding {@code --padding}
 */
public record BabiDataOptions(int task, boolean tenK, boolean addTimeWords, int maxNumSentences, BabiPadding padding) {

    /** The reference's default for {@code --max_num_sentences}. */
    public static final int DEFAULT_MAX_NUM_SENTENCES = 50;

    public BabiDataOptions {
        BabiTaskNames.checkTask(task);
        Objects.requireNonNull(padding, "padding");
    }

    /** The reference defaults for a task: 10k, no time words, at most 50 sentences, pre-padding. */
    public static BabiDataOptions defaults(int task) {
        return new BabiDataOptions(task, true, false, DEFAULT_MAX_NUM_SENTENCES, BabiPadding.PRE);
    }

    public BabiDataOptions withTenK(boolean value) {
        return new BabiDataOptions(task, value, addTimeWords, maxNumSentences, padding);
    }

    public BabiDataOptions withTimeWords(boolean value) {
        return new BabiDataOptions(task, tenK, value, maxNumSentences, padding);
    }

    public BabiDataOptions withMaxNumSentences(int value) {
        return new BabiDataOptions(task, tenK, addTimeWords, value, padding);
    }

    public BabiDataOptions withPadding(BabiPadding value) {
        return new BabiDataOptions(task, tenK, addTimeWords, maxNumSentences, value);
    }
}
