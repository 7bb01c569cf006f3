package org.hmem.task.babi.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the files in every accepted layout, the tarball reader, and the message for a missing file. */
class BabiFilesTest {

    @TempDir
    Path tmp;

    /** Puts the fixture, as task 1 in {@code en-10k}, in layout {@code layout} (0..5) under {@code dir}. */
    private static void install(Path dir, int layout) throws IOException {
        String lang = "en-10k";
        switch (layout) {
            case 0 -> BabiFixtures.writeFolder(dir.resolve("tasks_1-20_v1-2"), lang, 1);
            case 1 -> BabiFixtures.writeFolder(dir, lang, 1);
            case 2 -> BabiFixtures.writeFolder(dir.resolve("BABIDataset/tasks_1-20_v1-2"), lang, 1);
            case 3 -> BabiFixtures.writeTarGz(dir.resolve("tasks_1-20_v1-2.tar.gz"), BabiFixtures.tarFiles(lang, 1));
            case 4 -> BabiFixtures.writeTarGz(dir.resolve("babi_tasks_1-20_v1-2.tar.gz"),
                    BabiFixtures.tarFiles(lang, 1));
            case 5 -> BabiFixtures.writeTarGz(dir.resolve("BABIDataset/babi_tasks_1-20_v1-2.tar.gz"),
                    BabiFixtures.tarFiles(lang, 1));
            default -> throw new IllegalArgumentException("layout " + layout);
        }
    }

    @Test
    void everyLayoutGivesTheSameData() throws IOException {
        BabiDataOptions options = BabiDataOptions.defaults(1).withTimeWords(true);
        BabiTaskData reference = null;
        for (int layout = 0; layout < 6; layout++) {
            Path dir = tmp.resolve("layout" + layout);
            install(dir, layout);
            BabiTaskFiles files = BabiFiles.load(dir, 1, true);
            assertEquals(BabiFixtures.TRAIN.lines().toList(), files.train().lines(), "layout " + layout);
            assertEquals(BabiFixtures.TEST.lines().toList(), files.test().lines(), "layout " + layout);
            assertTrue(files.train().origin().contains("qa1_single-supporting-fact_train.txt"),
                    files.train().origin());
            BabiTaskData data = BabiTaskData.load(dir, options);
            if (reference == null) {
                reference = data;
                assertEquals(BabiFixtures.VOCABULARY, data.vocabulary().words().subList(0, 20));
                continue;
            }
            assertEquals(reference.vocabulary().words(), data.vocabulary().words(), "layout " + layout);
            assertEquals(reference.sentenceSize(), data.sentenceSize());
            assertEquals(reference.train(), data.train(), "layout " + layout);
            assertEquals(reference.test(), data.test(), "layout " + layout);
        }
    }

    @Test
    void tarballOriginNamesTheEntry() throws IOException {
        install(tmp, 3);
        BabiTaskFiles files = BabiFiles.load(tmp, 1, true);
        assertEquals(tmp.resolve("tasks_1-20_v1-2.tar.gz") + "!tasks_1-20_v1-2/en-10k/qa1_single-supporting-fact_train.txt",
                files.train().origin());
    }

    @Test
    void earlierLayoutWinsAndIncompleteOnesDoNotShadow() throws IOException {
        // layout 1 (<dir>/en-10k) complete, layout 0 holds only a different test file
        BabiFixtures.writeFolder(tmp, "en-10k", 1);
        BabiFixtures.write(tmp.resolve("tasks_1-20_v1-2/en-10k/qa1_single-supporting-fact_test.txt"),
                "1 Other text.\n2 Where? \tx\t1\n");
        BabiTaskFiles files = BabiFiles.load(tmp, 1, true);
        assertEquals(tmp.resolve("en-10k") + "/", files.location());
        assertEquals(BabiFixtures.TEST.lines().toList(), files.test().lines());

        // now make layout 0 complete: it comes first
        BabiFixtures.write(tmp.resolve("tasks_1-20_v1-2/en-10k/qa1_single-supporting-fact_train.txt"),
                "1 Other text.\n2 Where? \ty\t1\n");
        files = BabiFiles.load(tmp, 1, true);
        assertEquals(tmp.resolve("tasks_1-20_v1-2/en-10k") + "/", files.location());
    }

    @Test
    void incompleteFolderFallsBackToTarball() throws IOException {
        BabiFixtures.write(tmp.resolve("tasks_1-20_v1-2/en-10k/qa1_single-supporting-fact_test.txt"),
                BabiFixtures.TEST);
        install(tmp, 4);
        BabiTaskFiles files = BabiFiles.load(tmp, 1, true);
        assertTrue(files.location().startsWith(tmp.resolve("babi_tasks_1-20_v1-2.tar.gz").toString()),
                files.location());
    }

    @Test
    void taskOneDoesNotPickTaskTenAndTheLanguageFolderMatters() throws IOException {
        Path folder = tmp.resolve("en");
        BabiFixtures.write(folder.resolve("qa10_indefinite-knowledge_train.txt"), "1 Ten.\n2 Q? \tten\t1\n");
        BabiFixtures.write(folder.resolve("qa10_indefinite-knowledge_test.txt"), "1 Ten.\n2 Q? \tten\t1\n");
        BabiFixtures.writeFolder(tmp, "en", 1);
        assertEquals(BabiFixtures.TRAIN.lines().toList(), BabiFiles.load(tmp, 1, false).train().lines());
        assertEquals(List.of("1 Ten.", "2 Q? \tten\t1"), BabiFiles.load(tmp, 10, false).train().lines());
        assertThrows(BabiDataException.class, () -> BabiFiles.load(tmp, 1, true));
    }

    @Test
    void fileNamePatternNeedsTheUnderscoreAfterTheNumber() {
        assertTrue(BabiTaskNames.matches("qa1_single-supporting-fact_train.txt", 1, BabiSplit.TRAIN));
        assertFalse(BabiTaskNames.matches("qa10_indefinite-knowledge_train.txt", 1, BabiSplit.TRAIN));
        assertFalse(BabiTaskNames.matches("qa1_single-supporting-fact_test.txt", 1, BabiSplit.TRAIN));
        assertFalse(BabiTaskNames.matches("qa1_train.txt", 1, BabiSplit.TRAIN)); // en-valid naming
        assertTrue(BabiTaskNames.matches("qa10_indefinite-knowledge_test.txt", 10, BabiSplit.TEST));
        assertEquals("qa20_agents-motivations_test.txt", BabiTaskNames.fileName(20, BabiSplit.TEST));
    }

    @Test
    void missingTenKFileIsNamedWithPlacesUrlAndTheOneKHint() throws IOException {
        // the known gap: en-10k qa3 test present, train missing; en qa3 complete
        Path root = tmp.resolve("tasks_1-20_v1-2");
        BabiFixtures.write(root.resolve("en-10k/qa3_three-supporting-facts_test.txt"), BabiFixtures.TEST);
        BabiFixtures.writeFolder(root, "en", 3);

        BabiDataException e = assertThrows(BabiDataException.class, () -> BabiFiles.load(tmp, 3, true));
        String msg = e.getMessage();
        assertTrue(msg.contains("en-10k/qa3_three-supporting-facts_train.txt"), msg);
        assertFalse(msg.contains("en-10k/qa3_three-supporting-facts_test.txt"), msg); // that one exists
        for (String place : List.of(
                root.resolve("en-10k") + "/",
                tmp.resolve("en-10k") + "/",
                tmp.resolve("BABIDataset/tasks_1-20_v1-2/en-10k") + "/",
                tmp.resolve("tasks_1-20_v1-2.tar.gz").toString(),
                tmp.resolve("babi_tasks_1-20_v1-2.tar.gz").toString(),
                tmp.resolve("BABIDataset/babi_tasks_1-20_v1-2.tar.gz").toString())) {
            assertTrue(msg.contains(place), "message should name " + place + ":\n" + msg);
        }
        assertTrue(msg.contains("test file present, train file missing"), msg);
        assertTrue(msg.contains("--ten_k 0"), msg);
        assertTrue(msg.contains(root.resolve("en") + "/"), msg);
        assertTrue(msg.contains(BabiFiles.DATASET_PAGE), msg);
        assertTrue(msg.contains(BabiFiles.TARBALL_URL), msg);

        // and the 1k version really loads
        assertEquals(3, BabiTaskData.load(tmp, BabiDataOptions.defaults(3).withTenK(false)).train().n());
    }

    @Test
    void missingEverythingNamesBothFilesAndTheAbsentDirectory() {
        Path nowhere = tmp.resolve("nowhere");
        BabiDataException e = assertThrows(BabiDataException.class,
                () -> BabiTaskData.load(nowhere, BabiDataOptions.defaults(7)));
        String msg = e.getMessage();
        assertTrue(msg.contains("en-10k/qa7_counting_train.txt and en-10k/qa7_counting_test.txt"), msg);
        assertTrue(msg.contains("does not exist"), msg);
        assertTrue(msg.contains("no such directory"), msg);
        assertTrue(msg.contains("no such file"), msg);
        assertFalse(msg.contains("--ten_k 0"), msg);
        assertTrue(msg.contains(BabiFiles.TARBALL_URL), msg);
    }

    @Test
    void taskOutOfRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> BabiFiles.load(tmp, 21, true));
        assertThrows(IllegalArgumentException.class, () -> BabiDataOptions.defaults(0));
    }

    @Test
    void aGzipThatIsNotATarGivesAClearError() throws IOException {
        BabiFixtures.writeGz(tmp.resolve("tasks_1-20_v1-2.tar.gz"),
                "this is not a tar archive, just text".repeat(40).getBytes(StandardCharsets.UTF_8));
        BabiDataException e = assertThrows(BabiDataException.class, () -> BabiFiles.load(tmp, 1, true));
        assertTrue(e.getMessage().contains("cannot read the bAbI tarball"), e.getMessage());
        Files.writeString(tmp.resolve("tasks_1-20_v1-2.tar.gz"), "not even gzip");
        e = assertThrows(BabiDataException.class, () -> BabiFiles.load(tmp, 1, true));
        assertTrue(e.getMessage().contains("cannot read the bAbI tarball"), e.getMessage());
    }

    @Test
    void tarReaderHandlesLongNamesDotPrefixesAndSkipsOtherEntries() throws IOException {
        String longName = "x".repeat(60) + "/" + "y".repeat(60) + "/en/qa2_two-supporting-facts_train.txt";
        Path tar = tmp.resolve("t.tar.gz");
        BabiFixtures.writeTarGz(tar, Map.of(
                longName, "long\n",
                "./tasks_1-20_v1-2/en/qa2_two-supporting-facts_test.txt", "dot\n",
                "tasks_1-20_v1-2/README.txt", "skip me\n"));
        List<TarGzReader.Entry> entries = TarGzReader.read(tar, name -> name.contains("qa2_"));
        assertEquals(2, entries.size());
        Map<String, String> byName = new java.util.HashMap<>();
        for (TarGzReader.Entry entry : entries) {
            byName.put(entry.name(), new String(entry.content(), StandardCharsets.UTF_8));
        }
        assertEquals("long\n", byName.get(longName));
        assertEquals("dot\n", byName.get("tasks_1-20_v1-2/en/qa2_two-supporting-facts_test.txt"));
    }
}
