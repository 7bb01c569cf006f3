package org.hmem.task.omniglot.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * A miniature Omniglot folder in the official layout, built in a temporary directory: two alphabets in the
 * background zip, one in the evaluation zip, three drawings per character, each drawing a single ink pixel at a
 * position that identifies it (see {@link #inkPosition}).
 */
final class OmniglotFixtures {

    static final int N = OmniglotPreprocessing.SOURCE_SIZE;

    /** Characters per zip: background holds Alpha and Beta, evaluation holds Gamma. */
    static final List<String> BACKGROUND = List.of("Alpha/character01", "Alpha/character02", "Beta/character01");
    static final List<String> EVALUATION = List.of("Gamma/character01", "Gamma/character02");

    static final int DRAWINGS = 3;

    /** Split files: the train split lists classes out of alphabetical order, across both zips. */
    static final Map<OmniglotSplitName, String> SPLITS = Map.of(
            OmniglotSplitName.TRAIN, "Gamma/character01/rot090\nAlpha/character01/rot000\n"
                    + "Alpha/character01/rot180\nBeta/character01/rot270\n",
            OmniglotSplitName.VAL, "Alpha/character02/rot000\nAlpha/character02/rot090\n",
            OmniglotSplitName.TEST, "Gamma/character02/rot000\nGamma/character02/rot270\n",
            OmniglotSplitName.TRAINVAL, "Gamma/character01/rot090\nAlpha/character01/rot000\n"
                    + "Alpha/character01/rot180\nBeta/character01/rot270\nAlpha/character02/rot000\n"
                    + "Alpha/character02/rot090\n");

    private OmniglotFixtures() {
    }

    /** Writes the whole miniature data set into {@code dir}. */
    static void install(Path dir) throws IOException {
        writeZip(dir.resolve(OmniglotFiles.BACKGROUND_ZIP), "images_background", BACKGROUND);
        writeZip(dir.resolve(OmniglotFiles.EVALUATION_ZIP), "images_evaluation", EVALUATION);
        for (Map.Entry<OmniglotSplitName, String> split : SPLITS.entrySet()) {
            Path file = dir.resolve(OmniglotFiles.SPLITS_FOLDER).resolve(split.getKey().fileName());
            Files.createDirectories(file.getParent());
            Files.writeString(file, split.getValue(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The ink pixel {@code (row, col)} of drawing {@code d} (0-based) of character number {@code k} in
     * {@link #characters()}: always at sampled source rows/columns, so it survives the resize.
     */
    static int[] inkPosition(int k, int d) {
        return new int[] {OmniglotPreprocessing.sourceIndex(2 + k), OmniglotPreprocessing.sourceIndex(10 + 3 * d)};
    }

    /** All characters, background first. */
    static List<String> characters() {
        return Stream.concat(BACKGROUND.stream(), EVALUATION.stream()).toList();
    }

    /** The drawing's file name, as in the official zips ({@code <id>_<drawer>.png}). */
    static String fileName(int k, int d) {
        return String.format("%04d_%02d.png", 100 + k, d + 1);
    }

    /** A white drawing with ink at the given row-major pixels. */
    static boolean[] drawing(int... inkPixels) {
        boolean[] white = new boolean[N * N];
        Arrays.fill(white, true);
        for (int p : inkPixels) {
            white[p] = false;
        }
        return white;
    }

    /** A 1-bit PNG of {@code white}, written by ImageIO. */
    static byte[] png(boolean[] white, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                image.setRGB(c, r, white[r * size + c] ? 0xFFFFFF : 0);
            }
        }
        return encode(image);
    }

    static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeZip(Path zip, String top, List<String> characters) throws IOException {
        Files.createDirectories(zip.getParent());
        List<String> all = characters();
        // entries in reverse file order, as zips need not be sorted
        Map<String, byte[]> entries = new TreeMap<>(Comparator.reverseOrder());
        for (String character : characters) {
            int k = all.indexOf(character);
            for (int d = 0; d < DRAWINGS; d++) {
                int[] ink = inkPosition(k, d);
                entries.put(top + "/" + character + "/" + fileName(k, d), png(drawing(ink[0] * N + ink[1]), N));
            }
        }
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry(top + "/"));
            out.closeEntry();
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("__MACOSX/" + top + "/._junk.png"));
            out.write(new byte[] {1, 2, 3});
            out.closeEntry();
        }
    }
}
