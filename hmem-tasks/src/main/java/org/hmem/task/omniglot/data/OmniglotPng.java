package org.hmem.task.omniglot.data;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes one Omniglot drawing, a 105×105 black-and-white PNG (bit depth 1, PIL mode {@code '1'}), into a
 * row-major {@code boolean[]} that is {@code true} where the pixel is white.
 *
 * <p>Only pure black and pure white pixels are accepted: the reference's preprocessing relies on PIL opening the file
 * in mode {@code '1'} (which forces nearest-neighbour resizing), so a grey or coloured pixel means a file that would
 * not be processed like the reference's, and is reported instead of being thresholded silently. The stream is read
 * from memory with a fresh reader per call, so calls may run in parallel and ImageIO writes no cache files.
 */
final class OmniglotPng {

    private static final int WHITE = 0xFFFFFF;

    private OmniglotPng() {
    }

    /**
     * Decodes {@code png}.
     *
     * @param origin where the bytes came from, for messages
     * @throws OmniglotDataException if it is no readable PNG, not {@value OmniglotPreprocessing#SOURCE_SIZE} pixels
     *     square, or has a pixel that is neither black nor white
     */
    static boolean[] decodeWhite(byte[] png, String origin) {
        BufferedImage image = read(png, origin);
        int n = OmniglotPreprocessing.SOURCE_SIZE;
        if (image.getWidth() != n || image.getHeight() != n) {
            throw new OmniglotDataException(origin + ": expected a " + n + "x" + n + " drawing, got "
                    + image.getWidth() + "x" + image.getHeight());
        }
        int[] rgb = rgb(image);
        boolean[] white = new boolean[n * n];
        for (int p = 0; p < white.length; p++) {
            int c = rgb[p] & WHITE;
            if (c != 0 && c != WHITE) {
                throw new OmniglotDataException(origin + ": pixel (" + p / n + ", " + p % n + ") is neither black "
                        + "nor white (#" + String.format("%06x", c) + "); expected the official 1-bit drawings");
            }
            white[p] = c == WHITE;
        }
        return white;
    }

    private static BufferedImage read(byte[] png, String origin) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
        if (!readers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no PNG reader");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(png))) {
            reader.setInput(in, true, true);
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw new OmniglotDataException("cannot decode " + origin + " as PNG: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * The colour of every pixel, row-major. A single-band image of at most 8 bits per pixel (the 1-bit drawings) goes
     * through a lookup table of its few sample values, which is much faster than asking the colour model per pixel.
     */
    private static int[] rgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        ColorModel model = image.getColorModel();
        int bits = raster.getSampleModel().getSampleSize(0);
        if (raster.getNumBands() != 1 || bits > 8) {
            return image.getRGB(0, 0, w, h, null, 0, w);
        }
        int[] lut = new int[1 << bits];
        for (int s = 0; s < lut.length; s++) {
            lut[s] = model.getRGB(s);
        }
        int[] samples = raster.getSamples(0, 0, w, h, 0, (int[]) null);
        for (int p = 0; p < samples.length; p++) {
            samples[p] = lut[samples[p]];
        }
        return samples;
    }
}
