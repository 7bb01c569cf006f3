package org.hmem.task.omniglot.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building a split from the zips of the miniature data set: order, item naming, pixels, and the errors. */
class OmniglotSplitTest {

    private static final int S = OmniglotPreprocessing.SIZE;

    @TempDir
    Path tmp;

    private OmniglotFiles files;

    @BeforeEach
    void install() throws IOException {
        OmniglotFixtures.install(tmp);
        files = OmniglotFiles.locate(tmp);
    }

    private OmniglotSplit build(OmniglotSplitName name) {
        OmniglotSplitLoad load = OmniglotSplitLoader.load(files, name, null);
        assertEquals(OmniglotSplitLoad.Source.ZIPS, load.source());
        return load.split();
    }

    @Test
    void classesKeepSplitFileOrderAcrossBothZips() {
        OmniglotSplit train = build(OmniglotSplitName.TRAIN);
        assertEquals(List.of(new OmniglotClassRef("Gamma/character01", 90),
                new OmniglotClassRef("Alpha/character01", 0), new OmniglotClassRef("Alpha/character01", 180),
                new OmniglotClassRef("Beta/character01", 270)), train.classes());
        assertEquals(4, train.numClasses());
        assertEquals(12, train.numItems());
        for (int c = 0; c < 4; c++) {
            assertEquals(3 * c, train.firstItem(c));
            assertEquals(3, train.classSize(c));
            for (int k = 0; k < 3; k++) {
                assertEquals(c, train.classOf(3 * c + k));
            }
        }
        assertEquals(3, train.minClassSize());
        assertEquals("Gamma/character01/rot090", train.classRef(0).name());
    }

    @Test
    void itemsAreInFileNameOrderWhateverTheZipOrder() {
        OmniglotSplit train = build(OmniglotSplitName.TRAIN);
        // Gamma/character01 is character 3 of the fixtures: files 0103_01.png .. 0103_03.png
        assertEquals("Gamma/character01/0103_01.png@rot090", train.itemName(0));
        assertEquals("Gamma/character01/0103_03.png@rot090", train.itemName(2));
        assertEquals("Alpha/character01/0100_02.png@rot180", train.itemName(7));
    }

    @Test
    void pixelsAreThePreprocessedDrawings() {
        OmniglotSplit train = build(OmniglotSplitName.TRAIN);
        List<String> characters = OmniglotFixtures.characters();
        float[] out = new float[OmniglotPreprocessing.PIXELS + 3];
        for (int item = 0; item < train.numItems(); item++) {
            OmniglotClassRef ref = train.classRef(train.classOf(item));
            int k = characters.indexOf(ref.character());
            int d = item - train.firstItem(train.classOf(item));
            int[] ink = OmniglotFixtures.inkPosition(k, d);
            byte[] expected = OmniglotPreprocessing.process(
                    OmniglotFixtures.drawing(ink[0] * OmniglotFixtures.N + ink[1]), ref.rotation());
            train.pixels(item, out, 3);
            for (int p = 0; p < expected.length; p++) {
                assertEquals(expected[p], out[3 + p], "item " + item + " pixel " + p);
                assertEquals(expected[p] == 1, train.ink(item, p / S, p % S));
            }
        }
        // by hand for the unrotated class 1 (Alpha/character01, character 0): ink at source (s(2), s(10 + 3d)),
        // resized (2, 10 + 3d), transposed (10 + 3d, 2)
        for (int d = 0; d < 3; d++) {
            train.pixels(3 + d, out, 0);
            float[] expected = new float[OmniglotPreprocessing.PIXELS];
            expected[(10 + 3 * d) * S + 2] = 1f;
            assertArrayEquals(expected, Arrays.copyOf(out, OmniglotPreprocessing.PIXELS), "drawing " + d);
        }
    }

    @Test
    void characterMissingFromBothZipsIsNamed() throws IOException {
        Files.writeString(files.splitFile(OmniglotSplitName.VAL),
                "Alpha/character02/rot000\nDelta/character07/rot090\n");
        String msg = assertThrows(OmniglotDataException.class, () -> build(OmniglotSplitName.VAL)).getMessage();
        assertTrue(msg.contains("Delta/character07/rot090"), msg);
        assertTrue(msg.contains("images_background.zip") && msg.contains("images_evaluation.zip"), msg);
        assertTrue(msg.contains("val.txt"), msg);
    }

    @Test
    void malformedOrRepeatedLinesAreNamed() throws IOException {
        Path val = files.splitFile(OmniglotSplitName.VAL);
        Files.writeString(val, "Alpha/character02/rot000\n\nAlpha/character02/rot045\n");
        String msg = assertThrows(OmniglotDataException.class, () -> build(OmniglotSplitName.VAL)).getMessage();
        assertTrue(msg.contains("val.txt line 3") && msg.contains("rot045"), msg);

        Files.writeString(val, "Alpha/character02/rot000\nAlpha/character02/rot000\n");
        msg = assertThrows(OmniglotDataException.class, () -> build(OmniglotSplitName.VAL)).getMessage();
        assertTrue(msg.contains("line 2") && msg.contains("listed twice"), msg);
    }

    @Test
    void blankLinesAndWindowsLineEndsAreAccepted() throws IOException {
        Files.writeString(files.splitFile(OmniglotSplitName.VAL),
                "Alpha/character02/rot000\r\n\r\nAlpha/character02/rot090\r\n");
        OmniglotSplit val = build(OmniglotSplitName.VAL);
        assertEquals(2, val.numClasses());
        assertEquals(6, val.numItems());
    }

    @Test
    void damagedZipIsReported() throws IOException {
        Files.writeString(files.evaluationZip(), "not a zip");
        String msg = assertThrows(OmniglotDataException.class, () -> build(OmniglotSplitName.TEST)).getMessage();
        assertTrue(msg.contains("images_evaluation.zip") && msg.contains("download it again"), msg);
    }
}
