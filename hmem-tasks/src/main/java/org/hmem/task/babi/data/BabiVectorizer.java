package org.hmem.task.babi.data;

import java.util.List;

/**
 * Turns word samples into {@link BabiVectors} (spec §6.4).
 *
 * <p>Each sentence becomes word indices right-padded with 0 to the sentence size {@code W}. With time words the
 * last slot of each real sentence holds {@code TIME{i}}, {@code i = 1} for the most recent sentence counting
 * backwards, so the model can tell sentence order in a bag-of-words encoding. Stories are padded with all-zero
 * sentences to the given sentence count in front ({@link BabiPadding#PRE}) or behind ({@link BabiPadding#POST});
 * the query is right-padded to {@code W}; {@code storyLength} counts the sentences whose first word is not NIL.
 */
public final class BabiVectorizer {

    private final BabiVocabulary vocabulary;
    private final int sentenceSize;
    private final boolean timeWords;
    private final BabiPadding padding;

    /**
     * @param sentenceSize {@code W_s}: the longest statement or question over train and test, +1 with time words
     * @param timeWords whether to write time words into the last slot (the vocabulary must contain them)
     */
    public BabiVectorizer(BabiVocabulary vocabulary, int sentenceSize, boolean timeWords, BabiPadding padding) {
        if (sentenceSize < 1) {
            throw new IllegalArgumentException("sentence size must be >= 1, got " + sentenceSize);
        }
        this.vocabulary = vocabulary;
        this.sentenceSize = sentenceSize;
        this.timeWords = timeWords;
        this.padding = padding;
    }

    public int sentenceSize() {
        return sentenceSize;
    }

    /**
     * Vectorises the samples of one split.
     *
     * @param numSentences {@code S}: this split's own maximum story length
     * @throws IllegalArgumentException if a story, sentence or question does not fit, or a word is unknown
     */
    public BabiVectors vectorize(List<BabiSample> samples, int numSentences) {
        int n = samples.size();
        int w = sentenceSize;
        int wordSlots = timeWords ? w - 1 : w;
        int[] story = new int[n * numSentences * w];
        int[] query = new int[n * w];
        int[] answer = new int[n];
        int[] storyLength = new int[n];
        for (int i = 0; i < n; i++) {
            BabiSample sample = samples.get(i);
            List<List<String>> sentences = sample.story();
            int length = sentences.size();
            if (length > numSentences) {
                throw new IllegalArgumentException(
                        "story of sample " + i + " has " + length + " sentences, more than S = " + numSentences);
            }
            int first = padding == BabiPadding.PRE ? numSentences - length : 0;
            for (int s = 0; s < length; s++) {
                int offset = (i * numSentences + first + s) * w;
                writeWords(sentences.get(s), story, offset, wordSlots, "sentence of sample " + i);
                if (timeWords) {
                    story[offset + w - 1] = vocabulary.timeWordIndex(length - s);
                }
            }
            writeWords(sample.question(), query, i * w, w, "question of sample " + i);
            answer[i] = vocabulary.indexOf(sample.answer());
            int real = 0;
            for (int s = 0; s < numSentences; s++) {
                if (story[(i * numSentences + s) * w] != 0) {
                    real++;
                }
            }
            storyLength[i] = real;
        }
        return new BabiVectors(n, numSentences, w, story, query, answer, storyLength);
    }

    private void writeWords(List<String> words, int[] target, int offset, int slots, String what) {
        if (words.size() > slots) {
            throw new IllegalArgumentException(
                    what + " has " + words.size() + " words, more than the " + slots + " available");
        }
        for (int k = 0; k < words.size(); k++) {
            target[offset + k] = vocabulary.indexOf(words.get(k));
        }
    }
}
