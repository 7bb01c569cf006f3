package org.hmem.task.omniglot.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.hmem.engine.golden.GoldenFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks against the shared copy of the official data ({@code <repoRoot>/../shared/data/omniglot}); skipped where it
 * is absent.
 *
 * <p>The fingerprints were computed independently in Python with Pillow 12.3.0 running the reference's own steps
 * ({@code Image.open(png).rotate(float(rot)).resize((28, 28))}, {@code 1 - np.asarray(x, np.float32)},
 * {@code .T}) over the split file's lines in order and each character's PNGs in sorted file-name order, hashing the
 * 0/1 pixels as one byte each. Java and Pillow agreed item for item on all of train, val and test.
 */
class OmniglotRealDataTest {

    private static final String VAL_SHA256 = "33e352f157a1c6cab14b42779989ff8a9929113a40628b80b2112a4755ca4640";
    private static final String TEST_SHA256 = "d4bcea3cec0f6c134451079f727fb0db7cdb822ed2551f65b66dbef01c2da598";

    private static OmniglotFiles files;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findData() {
        Path dir = GoldenFiles.shared().resolve("data/omniglot");
        assumeTrue(Files.isRegularFile(dir.resolve(OmniglotFiles.BACKGROUND_ZIP)), "no Omniglot data at " + dir);
        files = OmniglotFiles.locate(dir);
    }

    /** Classes and items of every split, counted from the split files and the zips' directories alone. */
    @Test
    void vinyalsSizesOfAllSplits() {
        int[][] expected = {{4112, 82240}, {688, 13760}, {1692, 33840}, {4800, 96000}};
        try (OmniglotArchive archive = OmniglotArchive.open(files.zips())) {
            for (OmniglotSplitName split : OmniglotSplitName.values()) {
                List<OmniglotClassRef> classes = OmniglotSplitFile.read(files.splitFile(split)).classes();
                int items = 0;
                for (OmniglotClassRef ref : classes) {
                    int drawings = archive.drawings(ref.character()).size();
                    assertEquals(20, drawings, ref.name());
                    items += drawings;
                }
                assertEquals(expected[split.ordinal()][0], classes.size(), split.id());
                assertEquals(expected[split.ordinal()][1], items, split.id());
            }
        }
    }

    @Test
    void valMatchesPillowAndSurvivesTheCache() throws Exception {
        OmniglotSplitLoad built = OmniglotSplitLoader.load(files, OmniglotSplitName.VAL, tmp);
        assertEquals(OmniglotSplitLoad.Source.ZIPS, built.source());
        check(built.split(), 688, 13760, 911_444, VAL_SHA256);
        assertEquals(new OmniglotClassRef("Hebrew/character01", 0), built.split().classRef(0));
        assertEquals("Hebrew/character01/0466_01.png@rot000", built.split().itemName(0));

        OmniglotSplitLoad cached = OmniglotSplitLoader.load(files, OmniglotSplitName.VAL, tmp);
        assertEquals(OmniglotSplitLoad.Source.CACHE, cached.source());
        assertEquals(built.split(), cached.split());
        check(cached.split(), 688, 13760, 911_444, VAL_SHA256);
    }

    @Test
    void testSplitMatchesPillow() throws Exception {
        OmniglotSplit test = OmniglotSplitLoader.load(files, OmniglotSplitName.TEST, null).split();
        check(test, 1692, 33840, 2_238_884, TEST_SHA256);
    }

    private static void check(OmniglotSplit split, int classes, int items, long ink, String sha256) throws Exception {
        assertEquals(classes, split.numClasses());
        assertEquals(items, split.numItems());
        for (int c = 0; c < classes; c++) {
            assertEquals(20, split.classSize(c), split.classRef(c).name());
        }
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        float[] pixels = new float[OmniglotPreprocessing.PIXELS];
        byte[] bytes = new byte[OmniglotPreprocessing.PIXELS];
        long total = 0;
        for (int i = 0; i < items; i++) {
            split.pixels(i, pixels, 0);
            for (int p = 0; p < pixels.length; p++) {
                bytes[p] = (byte) pixels[p];
                total += bytes[p];
            }
            digest.update(bytes);
        }
        assertEquals(ink, total, "ink pixels of " + split.name().id());
        assertEquals(sha256, HexFormat.of().formatHex(digest.digest()), "pixels of " + split.name().id());
    }
}
