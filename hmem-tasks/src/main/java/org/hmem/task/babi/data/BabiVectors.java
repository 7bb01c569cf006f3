package org.hmem.task.babi.data;

import java.util.Arrays;

/**
 * A vectorised bAbI split as flat row-major int arrays, the form the model's batches are cut from.
 *
 * <ul>
 * <li>{@code story[i * S * W + s * W + w]}: word index of word {@code w} of sentence {@code s} of sample {@code i}
 * (0 = NIL padding)</li>
 * <li>{@code query[i * W + w]}</li>
 * <li>{@code answer[i]}: vocabulary index of the answer</li>
 * <li>{@code storyLength[i]}: number of real (non-padding) sentences</li>
 * </ul>
 * The arrays are held, not copied; treat them as read-only. Equality compares contents.
 *
 * @param n number of samples
 * @param numSentences {@code S}, sentences per story after padding
 * @param sentenceSize {@code W}, words per sentence and query after padding
 */
public record BabiVectors(int n, int numSentences, int sentenceSize, int[] story, int[] query, int[] answer,
        int[] storyLength) {

    public BabiVectors {
        if (n < 0 || numSentences < 0 || sentenceSize < 0) {
            throw new IllegalArgumentException("negative shape: n=" + n + ", S=" + numSentences + ", W=" + sentenceSize);
        }
        check("story", story, (long) n * numSentences * sentenceSize);
        check("query", query, (long) n * sentenceSize);
        check("answer", answer, n);
        check("storyLength", storyLength, n);
    }

    private static void check(String name, int[] array, long expected) {
        if (array.length != expected) {
            throw new IllegalArgumentException(name + " has " + array.length + " entries, expected " + expected);
        }
    }

    /** Offset of word {@code w} of sentence {@code s} of sample {@code i} in {@link #story()}. */
    public int storyOffset(int i, int s, int w) {
        return (i * numSentences + s) * sentenceSize + w;
    }

    /** A copy of sample {@code i}'s story, {@code S * W} entries. */
    public int[] storyOf(int i) {
        int size = numSentences * sentenceSize;
        return Arrays.copyOfRange(story, i * size, (i + 1) * size);
    }

    /** A copy of sample {@code i}'s query, {@code W} entries. */
    public int[] queryOf(int i) {
        return Arrays.copyOfRange(query, i * sentenceSize, (i + 1) * sentenceSize);
    }

    /** The samples at {@code indices}, in that order, with the same {@code S} and {@code W}. */
    public BabiVectors subset(int[] indices) {
        int storySize = numSentences * sentenceSize;
        int m = indices.length;
        int[] st = new int[m * storySize];
        int[] q = new int[m * sentenceSize];
        int[] a = new int[m];
        int[] len = new int[m];
        for (int k = 0; k < m; k++) {
            int i = indices[k];
            if (i < 0 || i >= n) {
                throw new IndexOutOfBoundsException("sample " + i + " of " + n);
            }
            System.arraycopy(story, i * storySize, st, k * storySize, storySize);
            System.arraycopy(query, i * sentenceSize, q, k * sentenceSize, sentenceSize);
            a[k] = answer[i];
            len[k] = storyLength[i];
        }
        return new BabiVectors(m, numSentences, sentenceSize, st, q, a, len);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BabiVectors v && n == v.n && numSentences == v.numSentences
                && sentenceSize == v.sentenceSize && Arrays.equals(story, v.story) && Arrays.equals(query, v.query)
                && Arrays.equals(answer, v.answer) && Arrays.equals(storyLength, v.storyLength);
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(story);
        h = 31 * h + Arrays.hashCode(query);
        h = 31 * h + Arrays.hashCode(answer);
        return 31 * h + Arrays.hashCode(storyLength);
    }

    @Override
    public String toString() {
        return "BabiVectors[n=" + n + ", S=" + numSentences + ", W=" + sentenceSize + "]";
    }
}
