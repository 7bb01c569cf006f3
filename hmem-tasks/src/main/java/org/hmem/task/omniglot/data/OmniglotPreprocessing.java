package org.hmem.task.omniglot.data;

/**
 * The reference's per-item preprocessing (spec §6.2), reproduced exactly for the 105×105 black-and-white drawings:
 * rotate counter-clockwise by the class's rotation, resize to 28×28 with nearest-neighbour sampling, white 1.0 and
 * black 0.0, {@code x = 1 - pixel} (so ink is 1), then transpose rows and columns.
 *
 * <p><b>Rotation.</b> PIL's {@code Image.rotate(angle)} turns counter-clockwise for positive angles. For 90, 180 and
 * 270 degrees on a square image it is an exact pixel permutation: recent Pillow versions call
 * {@code transpose(ROTATE_90/180/270)} directly, and older ones run the nearest-neighbour affine transform, whose
 * sampling point {@code (104.5 - y, x + 0.5)} (for 90 degrees) floors to the same permutation. With {@code m = 104},
 * the rotated image at row {@code r}, column {@code c} is the source at
 * 90: {@code (c, m - r)}, 180: {@code (m - r, m - c)}, 270: {@code (m - c, r)}. A pixel near the top-right corner
 * thus moves to the top-left for 90 degrees.
 *
 * <p><b>Resize.</b> For mode {@code '1'} images PIL always resamples with NEAREST, which runs
 * {@code ImagingScaleAffine} in {@code libImaging/Geometry.c}: output column {@code x} reads source column
 * {@code floor(a + (x + 0.5) * 105 / 28)} with {@code a = 0}, accumulated in doubles from
 * {@code xo = 0.5 * 3.75} in steps of {@code 3.75}; 3.75 is exact in binary, so the accumulation is exact and equals
 * the integer formula {@link #sourceIndex} {@code = floor((2x + 1) * 105 / 56)}, rows alike. The sampled source
 * indices are 1, 5, 9, 13, 16, 20, ..., 99, 103: rows and columns 0 and 104 are never read.
 *
 * <p><b>Values.</b> {@code numpy.array} of a mode-{@code '1'} image is boolean (white true), so the float image is
 * exactly 0/1 and {@code 1 - pixel} is 1 on ink. The final transpose gives
 * {@code out[i][j] = ink(rotated[s(j)][s(i)])}. Verified against Pillow 12.3 on real drawings (see the tests).
 */
public final class OmniglotPreprocessing {

    /**
     * Version of this preprocessing. It is part of the cache key, so changing what an item's pixels are must bump it
     * and every cached split is rebuilt instead of trusted.
     */
    public static final int VERSION = 1;

    /** Side of the source drawings. */
    public static final int SOURCE_SIZE = 105;

    /** Side of the processed images. */
    public static final int SIZE = 28;

    /** Pixels of a processed image, {@code SIZE * SIZE}. */
    public static final int PIXELS = SIZE * SIZE;

    private OmniglotPreprocessing() {
    }

    /** The source row (or column) that PIL's nearest-neighbour resize reads for output row (or column) {@code i}. */
    public static int sourceIndex(int i) {
        return (2 * i + 1) * SOURCE_SIZE / (2 * SIZE);
    }

    /**
     * Processes one drawing.
     *
     * @param white the drawing, row-major {@code 105 * 105}, {@code true} where white
     * @param rotation counter-clockwise degrees: 0, 90, 180 or 270
     * @return {@value #PIXELS} values, 1 for ink and 0 for background, row-major in the transposed image
     */
    public static byte[] process(boolean[] white, int rotation) {
        if (white.length != SOURCE_SIZE * SOURCE_SIZE) {
            throw new IllegalArgumentException(
                    "expected " + SOURCE_SIZE * SOURCE_SIZE + " pixels, got " + white.length);
        }
        byte[] ink = new byte[PIXELS];
        for (int i = 0; i < SIZE; i++) {
            int col = sourceIndex(i);
            for (int j = 0; j < SIZE; j++) {
                int row = sourceIndex(j);
                ink[i * SIZE + j] = white[rotatedSource(row, col, rotation)] ? (byte) 0 : (byte) 1;
            }
        }
        return ink;
    }

    /** The row-major source index of pixel {@code (r, c)} of the drawing rotated counter-clockwise. */
    static int rotatedSource(int r, int c, int rotation) {
        int m = SOURCE_SIZE - 1;
        return switch (rotation) {
            case 0 -> r * SOURCE_SIZE + c;
            case 90 -> c * SOURCE_SIZE + (m - r);
            case 180 -> (m - r) * SOURCE_SIZE + (m - c);
            case 270 -> (m - c) * SOURCE_SIZE + r;
            default -> throw new IllegalArgumentException("rotation must be 0, 90, 180 or 270, got " + rotation);
        };
    }
}
