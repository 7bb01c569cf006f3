package org.hmem.task.babi.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Vocabulary, vectorisation and splits over the hand-checked fixture (spec §6.4). */
class BabiTaskDataTest {

    private static BabiTaskData fixture(BabiDataOptions options) {
        BabiTaskFiles files = new BabiTaskFiles(1, true, "fixture",
                new BabiFile("train", BabiFixtures.TRAIN.lines().toList()),
                new BabiFile("test", BabiFixtures.TEST.lines().toList()));
        return BabiTaskData.fromFiles(files, options);
    }

    private static int idx(BabiVocabulary v, String word) {
        return v.indexOf(word);
    }

    /** Word indices of a sentence, right-padded with 0 to {@code w}. */
    private static int[] row(BabiVocabulary v, int w, String... words) {
        int[] r = new int[w];
        for (int i = 0; i < words.length; i++) {
            r[i] = v.indexOf(words[i]);
        }
        return r;
    }

    private static int[] sentence(BabiVectors x, int i, int s) {
        int from = x.storyOffset(i, s, 0);
        return Arrays.copyOfRange(x.story(), from, from + x.sentenceSize());
    }

    @Test
    void vocabularyIsSortedWithNilFirst() {
        BabiTaskData data = fixture(BabiDataOptions.defaults(1));
        assertEquals(BabiFixtures.VOCABULARY, data.vocabulary().words());
        assertEquals(20, data.vocabulary().baseSize());
        assertEquals(20, data.vocabulary().size());
        assertEquals(0, data.vocabulary().indexOf("NIL"));
        assertEquals(6, data.sentenceSize());
    }

    @Test
    void prePaddingPutsEmptySentencesInFront() {
        BabiTaskData data = fixture(BabiDataOptions.defaults(1));
        BabiVocabulary v = data.vocabulary();
        BabiVectors train = data.train();
        assertEquals(3, train.n());
        assertEquals(3, train.numSentences());
        assertEquals(6, train.sentenceSize());
        assertArrayEquals(new int[6], sentence(train, 0, 0));
        assertArrayEquals(row(v, 6, "mary", "moved", "to", "the", "bathroom"), sentence(train, 0, 1));
        assertArrayEquals(row(v, 6, "john", "went", "to", "the", "hallway"), sentence(train, 0, 2));
        assertArrayEquals(row(v, 6, "where", "is", "mary"), train.queryOf(0));
        assertArrayEquals(new int[] {idx(v, "bathroom"), idx(v, "hallway"), idx(v, "n,w")}, train.answer());
        assertArrayEquals(new int[] {2, 3, 1}, train.storyLength());
    }

    @Test
    void postPaddingPutsEmptySentencesBehind() {
        BabiTaskData data = fixture(BabiDataOptions.defaults(1).withPadding(BabiPadding.POST));
        BabiVocabulary v = data.vocabulary();
        BabiVectors train = data.train();
        assertArrayEquals(row(v, 6, "mary", "moved", "to", "the", "bathroom"), sentence(train, 0, 0));
        assertArrayEquals(row(v, 6, "john", "went", "to", "the", "hallway"), sentence(train, 0, 1));
        assertArrayEquals(new int[6], sentence(train, 0, 2));
        assertArrayEquals(row(v, 6, "sandra", "went", "to", "the", "garden"), sentence(train, 2, 0));
        assertArrayEquals(new int[] {2, 3, 1}, train.storyLength());
    }

    @Test
    void eachSplitIsPaddedToItsOwnMaximum() {
        BabiTaskData data = fixture(BabiDataOptions.defaults(1));
        assertEquals(3, data.train().numSentences());
        assertEquals(1, data.test().numSentences());
        assertEquals(1, data.test().n());
        assertArrayEquals(row(data.vocabulary(), 6, "john", "went", "to", "the", "kitchen"),
                sentence(data.test(), 0, 0));
    }

    @Test
    void timeWordsCountBackwardsFromTheMostRecentSentence() {
        BabiTaskData data = fixture(BabiDataOptions.defaults(1).withTimeWords(true));
        BabiVocabulary v = data.vocabulary();
        assertEquals(20, v.baseSize());
        assertEquals(23, v.size()); // S* = 3 over train and test
        assertEquals(List.of("TIME1", "TIME2", "TIME3"), v.words().subList(20, 23));
        assertEquals(7, data.sentenceSize());

        BabiVectors train = data.train();
        int w = 7;
        int[] expected = row(v, w, "mary", "moved", "to", "the", "bathroom");
        expected[w - 1] = v.indexOf("TIME2");
        assertArrayEquals(expected, sentence(train, 0, 1));
        expected = row(v, w, "john", "went", "to", "the", "hallway");
        expected[w - 1] = v.indexOf("TIME1");
        assertArrayEquals(expected, sentence(train, 0, 2));
        assertArrayEquals(new int[w], sentence(train, 0, 0)); // padding sentences get no time word

        // sample 1: three sentences, the oldest is TIME3
        assertEquals(v.indexOf("TIME3"), train.story()[train.storyOffset(1, 0, w - 1)]);
        assertEquals(v.indexOf("TIME1"), train.story()[train.storyOffset(1, 2, w - 1)]);
        // the query gets no time word
        assertArrayEquals(row(v, w, "where", "is", "mary"), train.queryOf(0));
        assertArrayEquals(new int[] {2, 3, 1}, train.storyLength());
    }

    @Test
    void timeWordsWithPostPadding() {
        BabiTaskData data = fixture(BabiDataOptions.defaults(1).withTimeWords(true).withPadding(BabiPadding.POST));
        BabiVectors train = data.train();
        BabiVocabulary v = data.vocabulary();
        assertEquals(v.indexOf("TIME2"), train.story()[train.storyOffset(0, 0, 6)]);
        assertEquals(v.indexOf("TIME1"), train.story()[train.storyOffset(0, 1, 6)]);
        assertEquals(0, train.story()[train.storyOffset(0, 2, 6)]);
    }

    @Test
    void skippedQuestionsAreCountedInTheSummary() {
        BabiTaskData data = fixture(BabiDataOptions.defaults(1).withMaxNumSentences(2));
        BabiSummary summary = data.summary();
        assertEquals(2, summary.trainQuestions());
        assertEquals(1, summary.trainSkipped());
        assertEquals(2, summary.trainSentences());
        assertEquals(0, summary.testSkipped());
        // "daniel" and "back" only occurred in the skipped question's story
        assertTrue(!data.vocabulary().contains("daniel"));
        assertTrue(summary.format().contains("1 skipped"), summary.format());
    }

    @Test
    void trainingSampleIsPickedFromTheUnsplitSet() {
        BabiTaskData data = fixture(BabiDataOptions.defaults(1));
        assertEquals("n,w", data.trainingSample(2).answer());
        BabiDataException e = assertThrows(BabiDataException.class, () -> data.trainingSample(3));
        assertTrue(e.getMessage().contains("3 training samples"), e.getMessage());
    }

    @Test
    void trainValidationSplitSizesAndDeterminism() {
        assertEquals(9000, BabiTrainValidationSplit.trainSize(10000));
        assertEquals(1000, BabiTrainValidationSplit.validationSize(10000));
        assertEquals(8989, BabiTrainValidationSplit.trainSize(9987)); // ceil(8988.3)
        assertEquals(998, BabiTrainValidationSplit.validationSize(9987));
        for (int n = 0; n <= 20_000; n++) { // the spec's formula, in floating point, agrees everywhere it is used
            assertEquals((int) Math.ceil(0.9 * n), BabiTrainValidationSplit.trainSize(n));
            assertEquals((int) Math.floor(0.1 * n), BabiTrainValidationSplit.validationSize(n));
        }

        BabiVectors all = syntheticVectors(25);
        BabiTrainValidationSplit a = BabiTrainValidationSplit.of(all, 7L);
        BabiTrainValidationSplit b = BabiTrainValidationSplit.of(all, 7L);
        BabiTrainValidationSplit c = BabiTrainValidationSplit.of(all, 8L);
        assertEquals(23, a.train().n());
        assertEquals(2, a.validation().n());
        assertArrayEquals(a.trainIndices(), b.trainIndices());
        assertEquals(a.train(), b.train());
        assertNotEquals(Arrays.toString(a.trainIndices()), Arrays.toString(c.trainIndices()));
        int[] union = new int[25];
        for (int i : a.trainIndices()) {
            union[i]++;
        }
        for (int i : a.validationIndices()) {
            union[i]++;
        }
        int[] ones = new int[25];
        Arrays.fill(ones, 1);
        assertArrayEquals(ones, union); // a partition
        int k = a.trainIndices()[5];
        assertEquals(all.answer()[k], a.train().answer()[5]);
        assertArrayEquals(all.storyOf(k), a.train().storyOf(5));
    }

    private static BabiVectors syntheticVectors(int n) {
        int s = 2;
        int w = 3;
        int[] story = new int[n * s * w];
        int[] query = new int[n * w];
        int[] answer = new int[n];
        int[] length = new int[n];
        for (int i = 0; i < story.length; i++) {
            story[i] = i;
        }
        for (int i = 0; i < n; i++) {
            answer[i] = i;
            length[i] = i % 3;
            query[i * w] = i;
        }
        return new BabiVectors(n, s, w, story, query, answer, length);
    }

    @Test
    void anEmptySplitIsAnErrorNamingItsFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        BabiFixtures.writeFolder(dir, "en", 1);
        java.nio.file.Path train = dir.resolve(BabiFixtures.entry("en", 1, BabiSplit.TRAIN));
        BabiFixtures.write(train, "");
        BabiDataException e = assertThrows(BabiDataException.class,
                () -> BabiTaskData.load(dir, BabiDataOptions.defaults(1).withTenK(false)));
        assertTrue(e.getMessage().contains(train.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("holds no question"), e.getMessage());
    }
}
