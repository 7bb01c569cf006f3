package org.hmem.task.babi.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks against the shared copy of the official files ({@code <repoRoot>/../shared/data/babi}); skipped where it is
 * absent. The expected numbers were worked out independently with a short Python script implementing spec §6.4,
 * or are recomputed here from the raw text without the parser.
 */
class BabiRealDataTest {

    private static Path dir;

    @BeforeAll
    static void findData() {
        String repoRoot = System.getProperty("hmem.repoRoot");
        Assumptions.assumeTrue(repoRoot != null, "hmem.repoRoot not set");
        dir = Path.of(repoRoot).resolve("../shared/data/babi").normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("tasks_1-20_v1-2/en-10k")), "no bAbI data at " + dir);
    }

    private static Path file(String language, String name) {
        return dir.resolve("tasks_1-20_v1-2").resolve(language).resolve(name);
    }

    @Test
    void tenKTaskOneHasTheOfficialSizes() throws IOException {
        BabiTaskData data = BabiTaskData.load(dir, BabiDataOptions.defaults(1));
        BabiSummary summary = data.summary();
        assertEquals(10000, summary.trainQuestions());
        assertEquals(1000, summary.testQuestions());
        assertEquals(9000, summary.trainSplitSize());
        assertEquals(1000, summary.validationSize());
        BabiTrainValidationSplit split = data.split(42L);
        assertEquals(9000, split.train().n());
        assertEquals(1000, split.validation().n());
        assertEquals(1000, data.test().n());
        assertEquals(0, summary.trainSkipped() + summary.testSkipped());

        // question lines counted straight from the file
        long questions = Files.readAllLines(file("en-10k", "qa1_single-supporting-fact_train.txt")).stream()
                .filter(l -> l.contains("\t")).count();
        assertEquals(10000, questions);

        // vocabulary recomputed from the raw text: drop ids and supporting-fact numbers, split on punctuation/space
        TreeSet<String> words = new TreeSet<>();
        for (String name : List.of("qa1_single-supporting-fact_train.txt", "qa1_single-supporting-fact_test.txt")) {
            for (String line : Files.readAllLines(file("en-10k", name), StandardCharsets.UTF_8)) {
                String text = line.toLowerCase(Locale.ROOT).replaceFirst("^\\d+ ", "").replaceFirst("\t[\\d ]+$", "");
                for (String w : text.split("[\\s.?]+")) {
                    if (!w.isEmpty()) {
                        words.add(w);
                    }
                }
            }
        }
        assertEquals(words.size() + 1, data.vocabulary().size());
        assertEquals(20, data.vocabulary().size()); // also by the Python check
        assertEquals(List.of("NIL", "back", "bathroom", "bedroom", "daniel", "garden", "hallway", "is"),
                data.vocabulary().words().subList(0, 8));
        assertEquals(6, data.sentenceSize()); // "daniel went back to the hallway"
        assertEquals(10, data.train().numSentences());
        assertEquals(10, data.test().numSentences());

        // training sample 4 (the plot command's default --example): the first story's fourth question
        BabiSample sample = data.trainingSample(4);
        assertEquals(List.of("mary", "moved", "to", "the", "bathroom"), sample.story().get(0));
        assertEquals(List.of("john", "moved", "to", "the", "bedroom"), sample.story().get(9));
        assertEquals(List.of("where", "is", "sandra"), sample.question());
        assertEquals("bathroom", sample.answer());
        assertEquals(10, data.train().storyLength()[4]);
        BabiVocabulary v = data.vocabulary();
        assertArrayEquals(new int[] {v.indexOf("where"), v.indexOf("is"), v.indexOf("sandra"), 0, 0, 0},
                data.train().queryOf(4));

        BabiTaskData timed = BabiTaskData.load(dir, BabiDataOptions.defaults(1).withTimeWords(true));
        assertEquals(20, timed.vocabulary().baseSize());
        assertEquals(30, timed.vocabulary().size());
        assertEquals(7, timed.sentenceSize());
    }

    @Test
    void tenKTaskThreeTrainIsReportedMissingWithTheOneKHint() {
        BabiDataException e = assertThrows(BabiDataException.class,
                () -> BabiTaskData.load(dir, BabiDataOptions.defaults(3)));
        String msg = e.getMessage();
        assertTrue(msg.contains("en-10k/qa3_three-supporting-facts_train.txt"), msg);
        assertTrue(msg.contains("--ten_k 0"), msg);
        assertTrue(msg.contains(BabiFiles.DATASET_PAGE), msg);
        assertTrue(msg.contains(dir.resolve("tasks_1-20_v1-2/en-10k") + "/"), msg);
    }

    @Test
    void oneKTaskThreeLoadsAndSkipsLongStories() {
        BabiTaskData data = BabiTaskData.load(dir, BabiDataOptions.defaults(3).withTenK(false));
        BabiSummary s = data.summary();
        assertEquals(623, s.trainQuestions());
        assertEquals(377, s.trainSkipped());
        assertEquals(613, s.testQuestions());
        assertEquals(387, s.testSkipped());
        assertEquals(35, s.vocabularySize());
        assertEquals(7, s.sentenceSize());
        assertEquals(50, s.trainSentences());
        assertEquals(50, s.testSentences());
    }

    @Test
    void multiPartAnswersAreSingleWords() {
        BabiTaskData lists = BabiTaskData.load(dir, BabiDataOptions.defaults(8));
        assertTrue(lists.vocabulary().contains("apple,football"));
        assertEquals(48, lists.vocabulary().size());
        assertEquals(998, lists.summary().testQuestions());
        assertEquals(2, lists.summary().testSkipped());
        assertEquals(50, lists.train().numSentences());
        assertEquals(48, lists.test().numSentences()); // each split padded to its own maximum

        BabiTaskData paths = BabiTaskData.load(dir, BabiDataOptions.defaults(19));
        assertEquals("s,e", paths.trainingSample(4).answer());
        assertEquals(32, paths.vocabulary().size());
        assertEquals(10, paths.sentenceSize());
    }

    @Test
    void skippedTrainingQuestionsChangeTheSplitSizes() {
        BabiSummary s = BabiTaskData.load(dir, BabiDataOptions.defaults(2)).summary();
        assertEquals(9987, s.trainQuestions());
        assertEquals(13, s.trainSkipped());
        assertEquals(8989, s.trainSplitSize());
        assertEquals(998, s.validationSize());
    }

    @Test
    void aTarballOfTheRealFilesGivesTheSameData(@TempDir Path tmp) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : List.of("qa1_single-supporting-fact_train.txt", "qa1_single-supporting-fact_test.txt",
                "qa10_indefinite-knowledge_train.txt", "qa10_indefinite-knowledge_test.txt")) {
            files.put("tasks_1-20_v1-2/en-10k/" + name, Files.readString(file("en-10k", name)));
        }
        BabiFixtures.writeTarGz(tmp.resolve("tasks_1-20_v1-2.tar.gz"), files);
        BabiDataOptions options = BabiDataOptions.defaults(1).withTimeWords(true);
        BabiTaskData fromTar = BabiTaskData.load(tmp, options);
        BabiTaskData fromFolder = BabiTaskData.load(dir, options);
        assertEquals(fromFolder.vocabulary().words(), fromTar.vocabulary().words());
        assertEquals(fromFolder.train(), fromTar.train());
        assertEquals(fromFolder.test(), fromTar.test());
    }
}
