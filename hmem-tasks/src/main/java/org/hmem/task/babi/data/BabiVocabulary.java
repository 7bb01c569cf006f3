package org.hmem.task.babi.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Word ↔ index map of a bAbI task (spec §6.4): {@code 'NIL'} at index 0 (the padding index), then the sorted set of
 * all story words, question words and answers of train and test, then optionally {@code TIME1..TIME{S*}}.
 *
 * <p>Sorting uses Java's natural {@code String} order, which equals Python's code-point order for the ASCII text
 * of bAbI, so indices match the reference. {@code V} = {@link #baseSize()} is the number of answer classes of the
 * model; {@code V'} = {@link #size()} is the embedding table size.
 */
public final class BabiVocabulary {

    /** The padding word at index 0. */
    public static final String NIL = "NIL";

    /** Prefix of the time words; {@code TIME1} marks the most recent sentence. */
    public static final String TIME_PREFIX = "TIME";

    private final List<String> words;
    private final Map<String, Integer> index;
    private final int baseSize;

    private BabiVocabulary(List<String> words, int baseSize) {
        this.words = List.copyOf(words);
        this.baseSize = baseSize;
        this.index = new HashMap<>();
        for (int i = 0; i < this.words.size(); i++) {
            index.putIfAbsent(this.words.get(i), i);
        }
    }

    /**
     * Builds the vocabulary of a task.
     *
     * @param timeWordCount {@code S*} (the most story sentences over train and test) to append time words, else 0
     */
    public static BabiVocabulary build(List<BabiSample> train, List<BabiSample> test, int timeWordCount) {
        if (timeWordCount < 0) {
            throw new IllegalArgumentException("time word count must be >= 0, got " + timeWordCount);
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (List<BabiSample> split : List.of(train, test)) {
            for (BabiSample sample : split) {
                for (List<String> sentence : sample.story()) {
                    sorted.addAll(sentence);
                }
                sorted.addAll(sample.question());
                sorted.add(sample.answer());
            }
        }
        List<String> words = new ArrayList<>(1 + sorted.size() + timeWordCount);
        words.add(NIL);
        words.addAll(sorted);
        int baseSize = words.size();
        for (int i = 1; i <= timeWordCount; i++) {
            words.add(TIME_PREFIX + i);
        }
        return new BabiVocabulary(words, baseSize);
    }

    /** {@code V'}: all words including NIL and time words. */
    public int size() {
        return words.size();
    }

    /** {@code V}: NIL plus the data words, without time words. */
    public int baseSize() {
        return baseSize;
    }

    public int timeWordCount() {
        return words.size() - baseSize;
    }

    /** All words by index. */
    public List<String> words() {
        return words;
    }

    public String word(int index) {
        return words.get(index);
    }

    public boolean contains(String word) {
        return index.containsKey(word);
    }

    /** @throws IllegalArgumentException for a word that is not in the vocabulary */
    public int indexOf(String word) {
        Integer i = index.get(word);
        if (i == null) {
            throw new IllegalArgumentException("word not in the bAbI vocabulary: \"" + word + "\"");
        }
        return i;
    }

    /** Index of {@code TIME{i}}, {@code 1 <= i <= timeWordCount()}. */
    public int timeWordIndex(int i) {
        if (i < 1 || i > timeWordCount()) {
            throw new IllegalArgumentException("time word TIME" + i + " outside TIME1..TIME" + timeWordCount());
        }
        return baseSize + i - 1;
    }
}
