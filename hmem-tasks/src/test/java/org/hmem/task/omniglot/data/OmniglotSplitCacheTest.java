package org.hmem.task.omniglot.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache gives back identical data, and any change of its inputs or damage makes it rebuilt, never trusted. */
class OmniglotSplitCacheTest {

    @TempDir
    Path tmp;

    private OmniglotFiles files;
    private Path cache;

    @BeforeEach
    void install() throws IOException {
        OmniglotFixtures.install(tmp.resolve("data"));
        files = OmniglotFiles.locate(tmp.resolve("data"));
        cache = tmp.resolve("results/cache/omniglot");
    }

    private OmniglotSplitLoad load() {
        return OmniglotSplitLoader.load(files, OmniglotSplitName.TRAIN, cache);
    }

    private static void assertSamePixels(OmniglotSplit a, OmniglotSplit b) {
        assertEquals(a.numItems(), b.numItems());
        float[] x = new float[OmniglotPreprocessing.PIXELS];
        float[] y = new float[OmniglotPreprocessing.PIXELS];
        for (int i = 0; i < a.numItems(); i++) {
            a.pixels(i, x, 0);
            b.pixels(i, y, 0);
            assertArrayEquals(x, y, "item " + i);
            assertEquals(a.itemName(i), b.itemName(i));
        }
    }

    @Test
    void roundTripGivesIdenticalData() {
        OmniglotSplitLoad first = load();
        assertEquals(OmniglotSplitLoad.Source.ZIPS, first.source());
        assertTrue(first.note().startsWith("no cache file yet; written to "), first.note());
        assertTrue(Files.isRegularFile(cache.resolve("omniglot-vinyals-train.bin")));

        OmniglotSplitLoad second = load();
        assertEquals(OmniglotSplitLoad.Source.CACHE, second.source());
        assertEquals("", second.note());
        assertEquals(first.split(), second.split());
        assertEquals(first.split().classes(), second.split().classes());
        assertSamePixels(first.split(), second.split());
        assertTrue(second.describe().startsWith("train: 4 classes, 12 items, read from the cache "),
                second.describe());
    }

    @Test
    void editedSplitFileInvalidatesTheCache() throws IOException {
        load();
        Path splitFile = files.splitFile(OmniglotSplitName.TRAIN);
        Files.writeString(splitFile, "Alpha/character01/rot000\nGamma/character01/rot090\n");
        OmniglotSplitLoad rebuilt = load();
        assertEquals(OmniglotSplitLoad.Source.ZIPS, rebuilt.source());
        assertTrue(rebuilt.note().startsWith("cache stale"), rebuilt.note());
        assertEquals(new OmniglotClassRef("Alpha/character01", 0), rebuilt.split().classRef(0));
        assertEquals(2, rebuilt.split().numClasses());
        assertEquals(OmniglotSplitLoad.Source.CACHE, load().source());
    }

    @Test
    void touchedZipInvalidatesTheCache() throws IOException {
        load();
        Path zip = files.evaluationZip();
        Files.setLastModifiedTime(zip, FileTime.fromMillis(Files.getLastModifiedTime(zip).toMillis() - 60_000));
        OmniglotSplitLoad rebuilt = load();
        assertEquals(OmniglotSplitLoad.Source.ZIPS, rebuilt.source());
        assertTrue(rebuilt.note().startsWith("cache stale"), rebuilt.note());
    }

    @Test
    void damagedOrTruncatedCacheIsRebuilt() throws IOException {
        OmniglotSplit original = load().split();
        Path file = cache.resolve("omniglot-vinyals-train.bin");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        OmniglotSplitLoad rebuilt = load();
        assertEquals(OmniglotSplitLoad.Source.ZIPS, rebuilt.source());
        assertTrue(rebuilt.note().startsWith("cache damaged: checksum mismatch"), rebuilt.note());
        assertEquals(original, rebuilt.split());
        assertEquals(OmniglotSplitLoad.Source.CACHE, load().source());

        Files.write(file, Arrays.copyOf(bytes, 30));
        rebuilt = load();
        assertEquals(OmniglotSplitLoad.Source.ZIPS, rebuilt.source());
        assertTrue(rebuilt.note().startsWith("the cache file is not an Omniglot cache"), rebuilt.note());
        assertEquals(original, rebuilt.split());
    }

    @Test
    void unwritableCacheCostsSpeedNotTheRun() throws IOException {
        Files.createDirectories(cache.getParent());
        Files.writeString(cache, "a file where the cache folder should be");
        OmniglotSplitLoad load = load();
        assertEquals(OmniglotSplitLoad.Source.ZIPS, load.source());
        assertTrue(load.note().contains("could not write"), load.note());
        assertEquals(12, load.split().numItems());
    }

    @Test
    void noCacheDirectoryMeansNoCaching() {
        OmniglotSplitLoad load = OmniglotSplitLoader.load(files, OmniglotSplitName.VAL, null);
        assertEquals(OmniglotSplitLoad.Source.ZIPS, load.source());
        assertNull(load.cacheFile());
        assertEquals("no cache directory", load.note());
    }
}
