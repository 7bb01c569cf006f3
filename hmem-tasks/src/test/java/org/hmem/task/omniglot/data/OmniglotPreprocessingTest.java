package org.hmem.task.omniglot.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The preprocessing of spec §6.2 on synthetic drawings whose 28×28 result is derived by hand below, and the PNG
 * decoding. (That the whole chain equals Pillow's on the real data is checked by {@link OmniglotRealDataTest}.)
 */
class OmniglotPreprocessingTest {

    private static final int N = OmniglotPreprocessing.SOURCE_SIZE;
    private static final int S = OmniglotPreprocessing.SIZE;

    /** floor((2i + 1) * 105 / 56) for i = 0..27, worked out by hand. */
    private static final int[] SAMPLED = {1, 5, 9, 13, 16, 20, 24, 28, 31, 35, 39, 43, 46, 50, 54, 58, 61, 65, 69,
        73, 76, 80, 84, 88, 91, 95, 99, 103};

    @Test
    void nearestResizeSamplesPixelCentres() {
        for (int i = 0; i < S; i++) {
            assertEquals(SAMPLED[i], OmniglotPreprocessing.sourceIndex(i), "output index " + i);
        }
    }

    /** The single ink pixel of the result, as {row, col}; fails unless there is exactly one. */
    private static int[] onlyInk(byte[] image) {
        int found = -1;
        for (int p = 0; p < image.length; p++) {
            assertTrue(image[p] == 0 || image[p] == 1, "value " + image[p]);
            if (image[p] == 1) {
                assertEquals(-1, found, "more than one ink pixel");
                found = p;
            }
        }
        assertTrue(found >= 0, "no ink pixel");
        return new int[] {found / S, found % S};
    }

    /**
     * One ink pixel near the top-right corner, at source row 5 (= s(1)) and column 103 (= s(27)).
     * <ul>
     * <li>0°: resized (1, 27); transposed: (27, 1).</li>
     * <li>90° counter-clockwise, rotated(r, c) = source(c, 104 - r): the pixel lands at rotated (1, 5), near the
     * top-left as a counter-clockwise turn must put it; resized (0, 1); transposed (1, 0).</li>
     * <li>180°, rotated(r, c) = source(104 - r, 104 - c): rotated (99, 1), bottom-left; resized (26, 0); transposed
     * (0, 26).</li>
     * <li>270°, rotated(r, c) = source(104 - c, r): rotated (103, 99), bottom-right; resized (27, 26); transposed
     * (26, 27).</li>
     * </ul>
     */
    @Test
    void rotationDirectionNearestSamplingAndTransposeByHand() {
        boolean[] white = OmniglotFixtures.drawing(5 * N + 103);
        assertArrayEquals(new int[] {27, 1}, onlyInk(OmniglotPreprocessing.process(white, 0)));
        assertArrayEquals(new int[] {1, 0}, onlyInk(OmniglotPreprocessing.process(white, 90)));
        assertArrayEquals(new int[] {0, 26}, onlyInk(OmniglotPreprocessing.process(white, 180)));
        assertArrayEquals(new int[] {26, 27}, onlyInk(OmniglotPreprocessing.process(white, 270)));
    }

    /** A second, asymmetric pixel: source (16, 50) = (s(4), s(13)). */
    @Test
    void secondPixelByHand() {
        boolean[] white = OmniglotFixtures.drawing(16 * N + 50);
        // 0°: resized (4, 13) -> (13, 4)
        assertArrayEquals(new int[] {13, 4}, onlyInk(OmniglotPreprocessing.process(white, 0)));
        // 90°: rotated (104 - 50, 16) = (54, 16) = (s(14), s(4)) -> resized (14, 4) -> (4, 14)
        assertArrayEquals(new int[] {4, 14}, onlyInk(OmniglotPreprocessing.process(white, 90)));
        // 180°: rotated (88, 54) = (s(23), s(14)) -> (14, 23)
        assertArrayEquals(new int[] {14, 23}, onlyInk(OmniglotPreprocessing.process(white, 180)));
        // 270°: rotated (50, 104 - 16) = (50, 88) = (s(13), s(23)) -> (23, 13)
        assertArrayEquals(new int[] {23, 13}, onlyInk(OmniglotPreprocessing.process(white, 270)));
    }

    /** Rows and columns 0 and 104 and row/column 6 are never sampled, whatever the rotation. */
    @Test
    void unsampledPixelsVanish() {
        boolean[] white = OmniglotFixtures.drawing(0, 104, 104 * N, 104 * N + 104, 6 * N + 6, 6 * N + 50, 50 * N + 6);
        for (int rotation : new int[] {0, 90, 180, 270}) {
            byte[] image = OmniglotPreprocessing.process(white, rotation);
            assertArrayEquals(new byte[OmniglotPreprocessing.PIXELS], image, "rotation " + rotation);
        }
    }

    @Test
    void whiteIsZeroAndInkIsOne() {
        boolean[] white = new boolean[N * N];
        Arrays.fill(white, true);
        byte[] ones = new byte[OmniglotPreprocessing.PIXELS];
        Arrays.fill(ones, (byte) 1);
        assertArrayEquals(new byte[OmniglotPreprocessing.PIXELS], OmniglotPreprocessing.process(white, 90));
        assertArrayEquals(ones, OmniglotPreprocessing.process(new boolean[N * N], 270));
    }

    @Test
    void badRotationOrSizeIsRejected() {
        boolean[] white = new boolean[N * N];
        assertThrows(IllegalArgumentException.class, () -> OmniglotPreprocessing.process(white, 45));
        assertThrows(IllegalArgumentException.class, () -> OmniglotPreprocessing.process(new boolean[100], 0));
    }

    @Test
    void pngRoundTrip() {
        boolean[] white = OmniglotFixtures.drawing(0, 5 * N + 103, 104 * N + 17, N * N - 1);
        byte[] png = OmniglotFixtures.png(white, N);
        assertArrayEquals(white, OmniglotPng.decodeWhite(png, "test.png"));
    }

    @Test
    void greyPixelWrongSizeAndGarbageAreReportedWithTheirOrigin() {
        BufferedImage grey = new BufferedImage(N, N, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(3, 2, 0, 128);
        OmniglotDataException e = assertThrows(OmniglotDataException.class,
                () -> OmniglotPng.decodeWhite(OmniglotFixtures.encode(grey), "x.zip!a/b/c.png"));
        assertTrue(e.getMessage().contains("x.zip!a/b/c.png") && e.getMessage().contains("(2, 3)"), e.getMessage());

        byte[] small = OmniglotFixtures.png(new boolean[100 * 100], 100);
        e = assertThrows(OmniglotDataException.class, () -> OmniglotPng.decodeWhite(small, "small.png"));
        assertTrue(e.getMessage().contains("105x105") && e.getMessage().contains("100x100"), e.getMessage());

        e = assertThrows(OmniglotDataException.class,
                () -> OmniglotPng.decodeWhite(new byte[] {1, 2, 3, 4}, "junk.png"));
        assertTrue(e.getMessage().contains("junk.png"), e.getMessage());
    }
}
