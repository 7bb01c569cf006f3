package org.hmem.task.crossmodal.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * One MNIST split read from its two idx files (plain or gzipped): 28 × 28 grey digits, row-major as stored (not
 * transposed, unlike Omniglot), as floats {@code byte / 255} in [0, 1] (torchvision's {@code ToTensor}). Pixels are
 * kept as bytes (47 MB for the training set instead of 188 MB as floats) and converted on access. Loading takes well
 * under a second, so there is no cache. Immutable; equality compares contents.
 */
public final class MnistImages implements LabelledImages {

    /** Image side. */
    public static final int SIDE = 28;

    /** Floats per image. */
    public static final int PIXELS = SIDE * SIDE;

    private static final int LABELS_MAGIC = 0x00000801;
    private static final int IMAGES_MAGIC = 0x00000803;

    private final CrossModalSplit split;
    private final byte[] pixels;
    private final byte[] labels;
    private final ItemsByClass byClass;

    MnistImages(CrossModalSplit split, byte[] pixels, byte[] labels) {
        this.split = Objects.requireNonNull(split, "split");
        if (pixels.length != (long) labels.length * PIXELS) {
            throw new IllegalArgumentException(pixels.length + " pixels for " + labels.length + " labels");
        }
        this.pixels = pixels;
        this.labels = labels;
        this.byClass = new ItemsByClass(labels);
    }

    /**
     * Reads {@code <prefix>-images-idx3-ubyte[.gz]} and {@code <prefix>-labels-idx1-ubyte[.gz]} of {@code split}.
     *
     * @param folder the MNIST folder ({@link CrossModalFiles#mnistFolder})
     * @throws CrossModalDataException if a file is missing, unreadable, not an idx file of the expected kind, or the
     *     two files disagree
     */
    public static MnistImages load(Path folder, CrossModalSplit split) {
        Path labelFile = CrossModalFiles.mnistFile(folder, split.mnistPrefix() + "-labels-idx1-ubyte");
        Path imageFile = CrossModalFiles.mnistFile(folder, split.mnistPrefix() + "-images-idx3-ubyte");
        ByteBuffer labelBytes = ByteBuffer.wrap(bytes(labelFile));
        int count = header(labelBytes, labelFile, LABELS_MAGIC, "labels (idx1)", 8);
        checkLength(labelBytes, labelFile, 8 + (long) count, count + " labels");
        byte[] labels = Arrays.copyOfRange(labelBytes.array(), 8, 8 + count);
        for (int i = 0; i < count; i++) {
            if (labels[i] < 0 || labels[i] > 9) {
                throw new CrossModalDataException("MNIST: " + labelFile + " has label " + labels[i] + " at item " + i
                        + "; expected digits 0..9");
            }
        }
        ByteBuffer imageBytes = ByteBuffer.wrap(bytes(imageFile));
        int images = header(imageBytes, imageFile, IMAGES_MAGIC, "images (idx3)", 16);
        int rows = imageBytes.getInt(8);
        int cols = imageBytes.getInt(12);
        if (rows != SIDE || cols != SIDE) {
            throw new CrossModalDataException("MNIST: " + imageFile + " holds " + rows + " x " + cols
                    + " images; expected " + SIDE + " x " + SIDE);
        }
        if (images != count) {
            throw new CrossModalDataException("MNIST: " + imageFile + " holds " + images + " images but "
                    + labelFile + " " + count + " labels; the two files must belong to the same split");
        }
        checkLength(imageBytes, imageFile, 16 + (long) count * PIXELS, count + " images of " + PIXELS + " bytes");
        return new MnistImages(split, Arrays.copyOfRange(imageBytes.array(), 16, 16 + count * PIXELS), labels);
    }

    private static byte[] bytes(Path file) {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16)
                        : raw) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new CrossModalDataException("MNIST: cannot read " + file + " (" + e.getMessage()
                    + "); download it again from " + CrossModalFiles.MNIST_URL, e);
        }
    }

    private static int header(ByteBuffer b, Path file, int magic, String kind, int headerBytes) {
        if (b.capacity() < headerBytes || b.getInt(0) != magic) {
            throw new CrossModalDataException("MNIST: " + file + " is not an idx file of " + kind + " (expected "
                    + "magic number " + String.format("0x%08x", magic) + (b.capacity() >= 4 ? ", found "
                    + String.format("0x%08x", b.getInt(0)) : ", file too short") + ")");
        }
        int count = b.getInt(4);
        if (count < 0) {
            throw new CrossModalDataException("MNIST: " + file + " declares " + count + " items");
        }
        return count;
    }

    private static void checkLength(ByteBuffer b, Path file, long expected, String what) {
        if (b.capacity() != expected) {
            throw new CrossModalDataException("MNIST: " + file + " has " + b.capacity() + " bytes (after "
                    + "unpacking); its header announces " + what + ", i.e. " + expected + " bytes"
                    + (b.capacity() < expected ? " (truncated download?)" : ""));
        }
    }

    /** Which split this is. */
    public CrossModalSplit split() {
        return split;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int item) {
        return labels[item];
    }

    @Override
    public int imageSize() {
        return PIXELS;
    }

    @Override
    public void image(int item, float[] out, int off) {
        Objects.checkIndex(item, labels.length);
        int base = item * PIXELS;
        for (int p = 0; p < PIXELS; p++) {
            out[off + p] = (pixels[base + p] & 0xFF) / 255f;
        }
    }

    @Override
    public int[] itemsOfClass(int digit) {
        return byClass.of(digit);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MnistImages x && split == x.split && Arrays.equals(labels, x.labels)
                && Arrays.equals(pixels, x.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(labels) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "MNIST " + split.id() + " (" + labels.length + " images)";
    }
}
