package org.hmem.task.babi.data;

import java.util.List;

/**
 * The samples of one bAbI file.
 *
 * @param samples one per kept question, in file order
 * @param skippedQuestions questions dropped because their story had more than {@code maxNumSentences} statements
 * @param stats size statistics of the kept samples
 */
public record BabiParsedSplit(List<BabiSample> samples, int skippedQuestions, BabiSplitStats stats) {

    public BabiParsedSplit {
        samples = List.copyOf(samples);
    }

    public int size() {
        return samples.size();
    }
}
