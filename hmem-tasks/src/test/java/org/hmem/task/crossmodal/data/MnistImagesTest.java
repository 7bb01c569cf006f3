package org.hmem.task.crossmodal.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.hmem.engine.golden.GoldenFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** idx files are read as stored (byte / 255, row-major), plain or gzipped; broken files are named and refused. */
class MnistImagesTest {

    @TempDir
    Path tmp;

    private static byte[] labels(int magic, byte... digits) {
        return ByteBuffer.allocate(8 + digits.length).putInt(magic).putInt(digits.length).put(digits).array();
    }

    private static byte[] images(int magic, int count, int rows, int cols, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length).putInt(magic).putInt(count).putInt(rows).putInt(cols)
                .put(pixels).array();
    }

    private static void write(Path file, byte[] bytes, boolean gz) throws Exception {
        if (gz) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(Path.of(file + ".gz")))) {
                out.write(bytes);
            }
        } else {
            Files.write(file, bytes);
        }
    }

    private static byte[] pixels(int count) {
        byte[] p = new byte[count * 784];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i * 7 + i / 784);
        }
        return p;
    }

    /** A three-image test split: digits 4, 1, 4. */
    private void install(boolean gz) throws Exception {
        write(tmp.resolve("t10k-labels-idx1-ubyte"), labels(0x801, (byte) 4, (byte) 1, (byte) 4), gz);
        write(tmp.resolve("t10k-images-idx3-ubyte"), images(0x803, 3, 28, 28, pixels(3)), gz);
    }

    @Test
    void readsPixelsAsStoredScaledToOne() throws Exception {
        for (boolean gz : new boolean[] {false, true}) {
            Path dir = tmp;
            install(gz);
            MnistImages test = MnistImages.load(dir, CrossModalSplit.TEST);
            assertEquals(3, test.size());
            assertEquals(784, test.imageSize());
            assertEquals(1, test.label(1));
            assertArrayEquals(new int[] {0, 2}, test.itemsOfClass(4));
            float[] out = new float[786];
            test.image(2, out, 2);
            byte[] p = pixels(3);
            for (int k = 0; k < 784; k++) {
                assertEquals((p[2 * 784 + k] & 0xFF) / 255f, out[2 + k], "pixel " + k);
            }
            assertEquals(0f, out[1]);
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private void assertRefused(Path file, String... parts) {
        CrossModalDataException e = assertThrows(CrossModalDataException.class,
                () -> MnistImages.load(tmp, CrossModalSplit.TEST));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing in: " + e.getMessage());
        }
    }

    @Test
    void refusesAWrongMagicNumber() throws Exception {
        install(false);
        Path file = tmp.resolve("t10k-labels-idx1-ubyte");
        Files.write(file, images(0x803, 3, 28, 28, pixels(3)));
        assertRefused(file, "not an idx file of labels (idx1)", "0x00000801", "found 0x00000803");
    }

    @Test
    void refusesATruncatedFile() throws Exception {
        install(false);
        Path file = tmp.resolve("t10k-images-idx3-ubyte");
        byte[] full = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(full, full.length - 100));
        assertRefused(file, "announces 3 images of 784 bytes", "truncated");
    }

    @Test
    void refusesOtherImageSizesAndMismatchedCounts() throws Exception {
        install(false);
        Path file = tmp.resolve("t10k-images-idx3-ubyte");
        Files.write(file, images(0x803, 3, 32, 32, new byte[3 * 1024]));
        assertRefused(file, "32 x 32", "expected 28 x 28");
        Files.write(file, images(0x803, 2, 28, 28, pixels(2)));
        assertRefused(file, "holds 2 images", "3 labels");
    }

    @Test
    void refusesABrokenGzip() throws Exception {
        install(true);
        Path file = tmp.resolve("t10k-images-idx3-ubyte.gz");
        byte[] gz = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(gz, gz.length / 2));
        assertRefused(file, "cannot read", "download it again");
    }

    @Test
    void realMnistHasTheOfficialSizes() {
        Path dir = GoldenFiles.shared().resolve("data");
        assumeTrue(Files.isDirectory(dir.resolve("mnist")), "no MNIST data under " + dir);
        Path folder = CrossModalFiles.mnistFolder(dir);
        long start = System.nanoTime();
        MnistImages train = MnistImages.load(folder, CrossModalSplit.TRAIN);
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        MnistImages test = MnistImages.load(folder, CrossModalSplit.TEST);
        double testSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("MNIST loaded: train %d images in %.2f s, test %d in %.2f s%n", train.size(),
                trainSeconds, test.size(), testSeconds);
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        assertEquals(5, train.label(0)); // the well-known first training digit
        assertEquals(7, test.label(0));
        int total = 0;
        for (int d = 0; d < 10; d++) {
            total += train.itemsOfClass(d).length;
        }
        assertEquals(60000, total);
        assertEquals(5923, train.itemsOfClass(0).length);
        float[] img = new float[784];
        train.image(0, img, 0);
        float max = 0;
        for (float v : img) {
            assertTrue(v >= 0 && v <= 1);
            max = Math.max(max, v);
        }
        assertEquals(1f, max);
    }
}
