package org.hmem.task.babi.data;

import java.util.List;

/**
 * Size statistics of one parsed split, which fix the shapes of the vectorised data (spec §6.4).
 *
 * @param maxStorySentences most statements in any sample's story; this split's stories are padded to it
 * @param maxSentenceWords most words in any story statement
 * @param maxQuestionWords most words in any question
 */
public record BabiSplitStats(int maxStorySentences, int maxSentenceWords, int maxQuestionWords) {

    /** {@code max_num_words}: the longest statement or question. */
    public int maxNumWords() {
        return Math.max(maxSentenceWords, maxQuestionWords);
    }

    /** Statistics of the given samples (all zero for none). */
    public static BabiSplitStats of(List<BabiSample> samples) {
        int sentences = 0;
        int sentenceWords = 0;
        int questionWords = 0;
        for (BabiSample sample : samples) {
            sentences = Math.max(sentences, sample.story().size());
            questionWords = Math.max(questionWords, sample.question().size());
            for (List<String> sentence : sample.story()) {
                sentenceWords = Math.max(sentenceWords, sentence.size());
            }
        }
        return new BabiSplitStats(sentences, sentenceWords, questionWords);
    }
}
