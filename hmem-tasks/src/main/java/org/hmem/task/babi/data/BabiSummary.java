package org.hmem.task.babi.data;

/**
 * What was loaded, for the log line a training or plot run prints before it starts, so a user can see at once
 * whether the expected files, vocabulary and shapes were used.
 *
 * @param vocabularySize {@code V} (NIL + data words; the number of answer classes)
 * @param vocabularySizeWithTimeWords {@code V'} (embedding rows; equals V without time words)
 * @param sentenceSize {@code W_s}
 * @param trainSentences {@code S} of the training split
 * @param testSentences {@code S} of the test split
 * @param trainQuestions kept questions of the training file (before the train/validation split)
 * @param testQuestions kept questions of the test file
 * @param trainSkipped training questions skipped for too long a story
 * @param testSkipped test questions skipped for too long a story
 */
public record BabiSummary(int task, boolean tenK, String location, int vocabularySize,
        int vocabularySizeWithTimeWords, int sentenceSize, int trainSentences, int testSentences, int trainQuestions,
        int testQuestions, int trainSkipped, int testSkipped) {

    /** Training samples after the train/validation split. */
    public int trainSplitSize() {
        return BabiTrainValidationSplit.trainSize(trainQuestions);
    }

    /** Validation samples after the train/validation split. */
    public int validationSize() {
        return BabiTrainValidationSplit.validationSize(trainQuestions);
    }

    /** A few human-readable lines. */
    public String format() {
        return String.format(
                "bAbI task %d (%s, %s) from %s%n"
                        + "  vocabulary V = %d, with time words V' = %d; sentence size W_s = %d%n"
                        + "  train: %d questions (%d train / %d validation), S = %d, %d skipped%n"
                        + "  test:  %d questions, S = %d, %d skipped",
                task, BabiTaskNames.name(task), BabiTaskNames.languageFolder(tenK), location, vocabularySize,
                vocabularySizeWithTimeWords, sentenceSize, trainQuestions, trainSplitSize(), validationSize(),
                trainSentences, trainSkipped, testQuestions, testSentences, testSkipped);
    }
}
