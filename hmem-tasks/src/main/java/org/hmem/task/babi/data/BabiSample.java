package org.hmem.task.babi.data;

import java.util.List;

/**
 * One bAbI question with its context, as words (lower case).
 *
 * @param story the statements of the current story up to the question, oldest first (questions are not part of
 *     stories)
 * @param question the question words, without the {@code ?}
 * @param answer the answer as one token, even when it lists several things ({@code n,w}, {@code apple,football})
 */
public record BabiSample(List<List<String>> story, List<String> question, String answer) {

    public BabiSample {
        story = List.copyOf(story);
        question = List.copyOf(question);
        if (answer == null) {
            throw new IllegalArgumentException("answer must not be null");
        }
    }
}
