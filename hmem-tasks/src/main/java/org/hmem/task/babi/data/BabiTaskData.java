package org.hmem.task.babi.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a bAbI run needs from the data: parsed samples, vocabulary, and the vectorised training and test
 * splits, built exactly as the reference's task script does (spec §6.4), so the training and plot commands share
 * one code path.
 *
 * <p>The vocabulary and sentence size come from train and test together; each split is padded to its own maximum
 * story length (spec §13 item 23), so {@code train().numSentences()} and {@code test().numSentences()} may differ.
 */
public final class BabiTaskData {

    private final BabiDataOptions options;
    private final String location;
    private final BabiParsedSplit trainParsed;
    private final BabiParsedSplit testParsed;
    private final BabiVocabulary vocabulary;
    private final int sentenceSize;
    private final BabiVectors train;
    private final BabiVectors test;

    private BabiTaskData(BabiDataOptions options, String location, BabiParsedSplit trainParsed,
            BabiParsedSplit testParsed) {
        this.options = options;
        this.location = location;
        this.trainParsed = trainParsed;
        this.testParsed = testParsed;
        BabiSplitStats tr = trainParsed.stats();
        BabiSplitStats te = testParsed.stats();
        int maxSentences = Math.max(tr.maxStorySentences(), te.maxStorySentences());
        this.vocabulary = BabiVocabulary.build(trainParsed.samples(), testParsed.samples(),
                options.addTimeWords() ? maxSentences : 0);
        this.sentenceSize = Math.max(tr.maxNumWords(), te.maxNumWords()) + (options.addTimeWords() ? 1 : 0);
        if (sentenceSize < 1) {
            throw new BabiDataException("bAbI task " + options.task() + " from " + location
                    + " contains no questions" + (trainParsed.skippedQuestions() + testParsed.skippedQuestions() > 0
                            ? " with at most " + options.maxNumSentences() + " story sentences"
                            : ""));
        }
        BabiVectorizer vectorizer = new BabiVectorizer(vocabulary, sentenceSize, options.addTimeWords(),
                options.padding());
        this.train = vectorizer.vectorize(trainParsed.samples(), tr.maxStorySentences());
        this.test = vectorizer.vectorize(testParsed.samples(), te.maxStorySentences());
    }

    /**
     * Finds, reads, parses and vectorises a task.
     *
     * @param dir the data directory (see {@link BabiFiles} for the layouts accepted)
     * @throws BabiDataException if files are missing or malformed
     */
    public static BabiTaskData load(Path dir, BabiDataOptions options) {
        return fromFiles(BabiFiles.load(dir, options.task(), options.tenK()), options);
    }

    /** Parses and vectorises files already found; {@code options.task()} and {@code tenK()} are not re-checked. */
    public static BabiTaskData fromFiles(BabiTaskFiles files, BabiDataOptions options) {
        return new BabiTaskData(options, files.location(), parseNonEmpty(files.train(), options),
                parseNonEmpty(files.test(), options));
    }

    /** A split without a question would train or test on nothing (and report NaN): an error naming the file. */
    private static BabiParsedSplit parseNonEmpty(BabiFile file, BabiDataOptions options) {
        BabiParsedSplit split = BabiParser.parse(file, options.maxNumSentences());
        if (split.samples().isEmpty()) {
            throw new BabiDataException(file.origin() + " holds no question"
                    + (split.skippedQuestions() > 0 ? " whose story has at most " + options.maxNumSentences()
                    + " sentences (" + split.skippedQuestions() + " skipped; raise --max_num_sentences)" : "")
                    + ": a bAbI split must not be empty");
        }
        return split;
    }

    public BabiDataOptions options() {
        return options;
    }

    public BabiVocabulary vocabulary() {
        return vocabulary;
    }

    /** {@code W_s}: words per sentence and query, including the time-word slot if any. */
    public int sentenceSize() {
        return sentenceSize;
    }

    public BabiParsedSplit trainParsed() {
        return trainParsed;
    }

    public BabiParsedSplit testParsed() {
        return testParsed;
    }

    /** The whole training file, vectorised, before the train/validation split. */
    public BabiVectors train() {
        return train;
    }

    public BabiVectors test() {
        return test;
    }

    /** The random train/validation split of {@link #train()} for {@code seed}. */
    public BabiTrainValidationSplit split(long seed) {
        return BabiTrainValidationSplit.of(train, seed);
    }

    /**
     * Training sample {@code i} of the unsplit training set, in words (as the plot command shows it; its vectors are
     * {@code train().storyOf(i)} etc.).
     *
     * @throws BabiDataException if {@code i} is out of range (the user chose it with {@code --example})
     */
    public BabiSample trainingSample(int i) {
        List<BabiSample> samples = trainParsed.samples();
        if (i < 0 || i >= samples.size()) {
            throw new BabiDataException("training sample " + i + " does not exist: bAbI task " + options.task()
                    + " has " + samples.size() + " training samples (0.." + (samples.size() - 1) + ")");
        }
        return samples.get(i);
    }

    public BabiSummary summary() {
        return new BabiSummary(options.task(), options.tenK(), location, vocabulary.baseSize(), vocabulary.size(),
                sentenceSize, train.numSentences(), test.numSentences(), trainParsed.size(), testParsed.size(),
                trainParsed.skippedQuestions(), testParsed.skippedQuestions());
    }
}
