package org.hmem.task.omniglot.data;

/**
 * Packs processed images one bit per pixel: a 28×28 image is exactly {@value #BYTES} bytes, most significant bit
 * first. The images are binary, so this loses nothing and keeps the largest split (trainval, 96 000 items) at 9.4 MB in
 * memory and on disk instead of 301 MB as floats.
 */
final class OmniglotImageBits {

    /** Bytes of one packed image. */
    static final int BYTES = OmniglotPreprocessing.PIXELS / 8;

    private OmniglotImageBits() {
    }

    /** Packs {@code ink} (784 values 0/1) into {@code BYTES} bytes of {@code dst} at {@code off}. */
    static void pack(byte[] ink, byte[] dst, int off) {
        for (int b = 0; b < BYTES; b++) {
            int v = 0;
            for (int k = 0; k < 8; k++) {
                v = (v << 1) | (ink[b * 8 + k] & 1);
            }
            dst[off + b] = (byte) v;
        }
    }

    /** Unpacks the image at {@code src[off]} into 784 floats 0/1 of {@code out} from {@code outOff}. */
    static void unpack(byte[] src, int off, float[] out, int outOff) {
        for (int b = 0; b < BYTES; b++) {
            int v = src[off + b];
            int o = outOff + b * 8;
            for (int k = 0; k < 8; k++) {
                out[o + k] = (v >>> (7 - k)) & 1;
            }
        }
    }

    /** Pixel {@code p} (row-major) of the image at {@code src[off]}. */
    static boolean get(byte[] src, int off, int p) {
        return ((src[off + (p >>> 3)] >>> (7 - (p & 7))) & 1) != 0;
    }
}
