package org.hmem.task.omniglot.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the data in both accepted layouts, and the messages for missing files. */
class OmniglotFilesTest {

    @TempDir
    Path tmp;

    @Test
    void acceptsTheFolderItself() throws IOException {
        OmniglotFixtures.install(tmp);
        OmniglotFiles files = OmniglotFiles.locate(tmp);
        assertEquals(tmp, files.folder());
        assertEquals(tmp.resolve("images_background.zip"), files.backgroundZip());
        assertEquals(tmp.resolve("splits/vinyals/trainval.txt"), files.splitFile(OmniglotSplitName.TRAINVAL));
    }

    @Test
    void acceptsADataRootWithAnOmniglotFolder() throws IOException {
        OmniglotFixtures.install(tmp.resolve("omniglot"));
        assertEquals(tmp.resolve("omniglot"), OmniglotFiles.locate(tmp).folder());
    }

    @Test
    void aCompleteSubfolderWinsOverAnIncompleteFolder() throws IOException {
        OmniglotFixtures.install(tmp.resolve("omniglot"));
        Files.writeString(tmp.resolve("images_background.zip"), "not used");
        assertEquals(tmp.resolve("omniglot"), OmniglotFiles.locate(tmp).folder());
    }

    @Test
    void missingZipIsNamedWithEveryPlaceAndWhereToGetIt() throws IOException {
        OmniglotFixtures.install(tmp);
        Files.delete(tmp.resolve("images_evaluation.zip"));
        String msg = assertThrows(OmniglotDataException.class, () -> OmniglotFiles.locate(tmp)).getMessage();
        assertTrue(msg.startsWith("Omniglot data: missing file images_evaluation.zip\n"), msg);
        assertTrue(msg.contains(tmp + "/  (missing images_evaluation.zip)"), msg);
        assertTrue(msg.contains(tmp.resolve("omniglot") + "/  (no such directory)"), msg);
        assertTrue(msg.contains("https://github.com/brendenlake/omniglot"), msg);
        assertTrue(msg.contains("python/images_evaluation.zip"), msg);
        assertTrue(msg.contains("HMEM_OMNIGLOT_DIR"), msg);
    }

    @Test
    void missingSplitFileIsNamed() throws IOException {
        OmniglotFixtures.install(tmp.resolve("omniglot"));
        Files.delete(tmp.resolve("omniglot/splits/vinyals/val.txt"));
        String msg = assertThrows(OmniglotDataException.class, () -> OmniglotFiles.locate(tmp)).getMessage();
        assertTrue(msg.startsWith("Omniglot data: missing file splits/vinyals/val.txt\n"), msg);
        assertTrue(msg.contains(tmp.resolve("omniglot") + "/  (missing splits/vinyals/val.txt)"), msg);
        assertTrue(msg.contains("https://github.com/jakesnell/prototypical-networks"), msg);
        assertTrue(msg.contains("data/omniglot/splits/vinyals/"), msg);
    }

    @Test
    void missingDirectorySaysSo() {
        Path absent = tmp.resolve("nowhere");
        String msg = assertThrows(OmniglotDataException.class, () -> OmniglotFiles.locate(absent)).getMessage();
        assertTrue(msg.contains("missing files images_background.zip, images_evaluation.zip, "
                + "splits/vinyals/train.txt"), msg);
        assertTrue(msg.contains("The data directory " + absent + " does not exist."), msg);
        assertFalse(msg.contains("Exception"), msg);
    }

    @Test
    void splitNamesParse() {
        assertEquals(OmniglotSplitName.TRAINVAL, OmniglotSplitName.parse("TrainVal"));
        assertEquals("val.txt", OmniglotSplitName.VAL.fileName());
        assertThrows(IllegalArgumentException.class, () -> OmniglotSplitName.parse("validation"));
    }
}
