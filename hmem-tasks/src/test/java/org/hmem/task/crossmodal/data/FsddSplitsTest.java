package org.hmem.task.crossmodal.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splitting, labels and order on a small synthetic folder; the cache is bit-identical and never trusted blindly. */
class FsddSplitsTest {

    @TempDir
    Path tmp;

    private Path folder;
    private Path cache;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    private final Mfcc mfcc = new Mfcc();

    @BeforeEach
    void install() throws Exception {
        folder = WavFixtures.fsddFolder(tmp.resolve("recordings"));
        cache = tmp.resolve("cache");
    }

    private String takeLog() {
        String s = logBytes.toString(StandardCharsets.UTF_8);
        logBytes.reset();
        return s;
    }

    private FsddSplit load(CrossModalSplit split, Path cacheDir) {
        return FsddSplits.load(folder, split, mfcc, cacheDir, log);
    }

    @Test
    void splitsByRecordingIndexInSortedOrderWithDigitLabels() {
        FsddSplit test = load(CrossModalSplit.TEST, null);
        FsddSplit train = load(CrossModalSplit.TRAIN, null);
        assertEquals(30, test.size()); // 3 digits x 2 speakers x indices 0..4
        assertEquals(12, train.size()); // indices 5, 6
        assertEquals("0_a_0.wav", test.file(0));
        assertEquals("0_a_1.wav", test.file(1));
        assertEquals("0_a_5.wav", train.file(0));
        assertEquals("2_b_6.wav", train.file(11));
        for (int i = 0; i < train.size(); i++) {
            assertEquals(train.file(i).charAt(0) - '0', train.label(i));
            if (i > 0) {
                assertTrue(train.file(i - 1).compareTo(train.file(i)) < 0);
            }
        }
        assertArrayEquals(new int[] {4, 5, 6, 7}, train.itemsOfClass(1));
        assertEquals(0, train.itemsOfClass(7).length);
        assertEquals(600, train.imageSize());
    }

    @Test
    void imagesAreThoseOfTheMfccPipeline() throws Exception {
        FsddSplit train = load(CrossModalSplit.TRAIN, null);
        float[] expected = new float[600];
        mfcc.preprocess(WavReader.read(folder.resolve("1_b_6.wav")), "1_b_6.wav", expected, 0);
        float[] actual = new float[601];
        train.image(7, actual, 1);
        assertEquals("1_b_6.wav", train.file(7));
        assertArrayEquals(expected, Arrays.copyOfRange(actual, 1, 601));
    }

    @Test
    void theCacheGivesBitIdenticalSplits() {
        FsddSplit uncached = load(CrossModalSplit.TEST, null);
        assertTrue(takeLog().contains("FSDD test: preprocessing 30 recordings into 30 x 20 MFCC images (no cache "
                + "directory)"));
        FsddSplit built = load(CrossModalSplit.TEST, cache);
        String first = takeLog();
        assertTrue(first.contains("(no cache file yet)"), first);
        assertTrue(first.contains("cache written to " + cache.resolve("fsdd-mfcc20x30-test.bin")), first);
        FsddSplit cached = load(CrossModalSplit.TEST, cache);
        assertTrue(takeLog().contains("30 recordings read from the cache"));
        assertEquals(uncached, built);
        assertEquals(uncached, cached);
        float[] a = new float[600];
        float[] b = new float[600];
        for (int i = 0; i < cached.size(); i++) {
            uncached.image(i, a, 0);
            cached.image(i, b, 0);
            for (int k = 0; k < 600; k++) {
                assertEquals(Float.floatToRawIntBits(a[k]), Float.floatToRawIntBits(b[k]));
            }
            assertEquals(uncached.file(i), cached.file(i));
            assertEquals(uncached.label(i), cached.label(i));
        }
    }

    @Test
    void aDamagedCacheIsRebuilt() throws Exception {
        FsddSplit built = load(CrossModalSplit.TRAIN, cache);
        Path file = cache.resolve("fsdd-mfcc20x30-train.bin");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        takeLog();
        FsddSplit rebuilt = load(CrossModalSplit.TRAIN, cache);
        String log = takeLog();
        assertTrue(log.contains("(cache damaged: checksum mismatch)"), log);
        assertTrue(log.contains("12 recordings preprocessed"), log);
        assertEquals(built, rebuilt);
        load(CrossModalSplit.TRAIN, cache);
        assertTrue(takeLog().contains("read from the cache"), "the rebuilt cache is used");

        Files.write(file, "not a cache".getBytes(StandardCharsets.US_ASCII));
        load(CrossModalSplit.TRAIN, cache);
        assertTrue(takeLog().contains("(the cache file is not an FSDD cache)"));
    }

    @Test
    void aChangedRecordingOrSettingMakesTheCacheStale() throws Exception {
        load(CrossModalSplit.TRAIN, cache);
        Path wav = folder.resolve("2_a_5.wav");
        Files.setLastModifiedTime(wav, FileTime.fromMillis(Files.getLastModifiedTime(wav).toMillis() + 5000));
        takeLog();
        load(CrossModalSplit.TRAIN, cache);
        assertTrue(takeLog().contains("(cache stale: the recordings"));

        FsddSplit other = FsddSplits.load(folder, CrossModalSplit.TRAIN, new Mfcc(12, 20), cache, log);
        assertTrue(takeLog().contains("(no cache file yet)"), "other settings use their own file");
        assertEquals(240, other.imageSize());
        java.util.List<Path> files = FsddSplits.recordings(folder, CrossModalSplit.TRAIN);
        assertFalse(Arrays.equals(FsddSplitCache.key(files, CrossModalSplit.TRAIN, mfcc),
                FsddSplitCache.key(files, CrossModalSplit.TRAIN, new Mfcc(20, 31))), "the time samples are keyed");
        assertFalse(Arrays.equals(FsddSplitCache.key(files, CrossModalSplit.TRAIN, mfcc),
                FsddSplitCache.key(files, CrossModalSplit.TEST, mfcc)), "the split is keyed");
    }

    @Test
    void aMalformedRecordingAbortsTheLoadWithItsName() throws Exception {
        Path bad = folder.resolve("1_a_6.wav");
        Files.write(bad, WavFixtures.wav(1, 2, 8000, 16, new byte[16]));
        CrossModalDataException e = assertThrows(CrossModalDataException.class,
                () -> load(CrossModalSplit.TRAIN, cache));
        assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("stereo"), e.getMessage());
        assertTrue(!Files.exists(cache.resolve("fsdd-mfcc20x30-train.bin")), "nothing cached");
    }

    @Test
    void aMalformedFileNameIsRefused() throws Exception {
        Files.write(folder.resolve("x_a_1.wav"), WavFixtures.wav(new short[] {1}));
        CrossModalDataException e = assertThrows(CrossModalDataException.class,
                () -> load(CrossModalSplit.TEST, null));
        assertTrue(e.getMessage().contains("x_a_1.wav is not <digit>_<speaker>_<index>.wav"), e.getMessage());
    }
}
