package org.hmem.task.omniglot.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One processed Omniglot split: its classes (character, rotation) and their items, the 28×28 images the models see.
 *
 * <p>Classes are numbered in the line order of the split file ({@link OmniglotSplitFile}); the items of class
 * {@code c} are the contiguous range {@code firstItem(c) .. firstItem(c) + classSize(c) - 1}, one per drawing of the
 * character in file-name order, so item numbers are a pure function of the split file and the zips. Images are held
 * packed, one bit per pixel ({@link OmniglotImageBits}), and handed out as floats by {@link #pixels}. Instances are
 * immutable and safe to share between threads. Equality compares contents.
 */
public final class OmniglotSplit {

    private final OmniglotSplitName name;
    private final List<OmniglotClassRef> classes;
    private final int[] classStart;
    private final String[] itemFiles;
    private final byte[] bits;
    private final int[] classOf;

    /**
     * @param classStart {@code numClasses + 1} non-decreasing offsets from 0 to {@code numItems}
     * @param itemFiles the drawing's file name per item (held, not copied)
     * @param bits {@code numItems * 98} packed pixels (held, not copied)
     */
    OmniglotSplit(OmniglotSplitName name, List<OmniglotClassRef> classes, int[] classStart, String[] itemFiles,
            byte[] bits) {
        this.name = Objects.requireNonNull(name, "name");
        this.classes = List.copyOf(classes);
        int c = this.classes.size();
        if (classStart.length != c + 1 || classStart[0] != 0) {
            throw new IllegalArgumentException("class offsets must have " + (c + 1) + " entries starting at 0");
        }
        for (int k = 0; k < c; k++) {
            if (classStart[k + 1] < classStart[k]) {
                throw new IllegalArgumentException("class offsets decrease at class " + k);
            }
        }
        int n = classStart[c];
        if (itemFiles.length != n || bits.length != (long) n * OmniglotImageBits.BYTES) {
            throw new IllegalArgumentException("expected " + n + " item names and " + (long) n * OmniglotImageBits.BYTES
                    + " image bytes, got " + itemFiles.length + " and " + bits.length);
        }
        this.classStart = classStart;
        this.itemFiles = itemFiles;
        this.bits = bits;
        this.classOf = new int[n];
        for (int k = 0; k < c; k++) {
            Arrays.fill(classOf, classStart[k], classStart[k + 1], k);
        }
    }

    /** Which split this is, for messages and the cache. */
    public OmniglotSplitName name() {
        return name;
    }

    /** The number of classes (character, rotation); 4112 / 688 / 1692 / 4800 for the Vinyals splits. */
    public int numClasses() {
        return classes.size();
    }

    /** The number of items (rotated drawings); 20 per class in the official data. */
    public int numItems() {
        return classOf.length;
    }

    /** The classes in split-file line order. */
    public List<OmniglotClassRef> classes() {
        return classes;
    }

    /** Class {@code c}: which character and rotation its items show. */
    public OmniglotClassRef classRef(int c) {
        return classes.get(c);
    }

    /** The first item of class {@code c}; its items are contiguous. */
    public int firstItem(int c) {
        Objects.checkIndex(c, classes.size());
        return classStart[c];
    }

    /** The number of items (drawings) of class {@code c}, 20 in the official data. */
    public int classSize(int c) {
        Objects.checkIndex(c, classes.size());
        return classStart[c + 1] - classStart[c];
    }

    /** The smallest class size: what samplers check before drawing several distinct items of one class. */
    public int minClassSize() {
        int min = Integer.MAX_VALUE;
        for (int c = 0; c < classes.size(); c++) {
            min = Math.min(min, classStart[c + 1] - classStart[c]);
        }
        return classes.isEmpty() ? 0 : min;
    }

    /** The class of {@code item}. */
    public int classOf(int item) {
        return classOf[item];
    }

    /** Where an item comes from, for messages and spot checks: {@code Alphabet/characterNN/0094_01.png@rot090}. */
    public String itemName(int item) {
        OmniglotClassRef ref = classes.get(classOf[item]);
        return ref.character() + "/" + itemFiles[item] + "@rot" + String.format("%03d", ref.rotation());
    }

    /**
     * Writes the {@value OmniglotPreprocessing#PIXELS} pixels of {@code item}, 1.0 for ink and 0.0 for background,
     * row-major in the transposed image (spec §6.2), into {@code out} from {@code off}: the model's input layout.
     */
    public void pixels(int item, float[] out, int off) {
        Objects.checkIndex(item, classOf.length);
        Objects.checkFromIndexSize(off, OmniglotPreprocessing.PIXELS, out.length);
        OmniglotImageBits.unpack(bits, item * OmniglotImageBits.BYTES, out, off);
    }

    /** Whether pixel {@code (row, col)} of {@code item}'s processed image is ink. */
    public boolean ink(int item, int row, int col) {
        Objects.checkIndex(item, classOf.length);
        Objects.checkIndex(row, OmniglotPreprocessing.SIZE);
        Objects.checkIndex(col, OmniglotPreprocessing.SIZE);
        return OmniglotImageBits.get(bits, item * OmniglotImageBits.BYTES, row * OmniglotPreprocessing.SIZE + col);
    }

    /** The drawing's file name of {@code item}, for the cache. */
    String itemFile(int item) {
        return itemFiles[item];
    }

    /** The packed images themselves, for the cache; not to be modified. */
    byte[] packedBits() {
        return bits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OmniglotSplit s && name == s.name && classes.equals(s.classes)
                && Arrays.equals(classStart, s.classStart) && Arrays.equals(itemFiles, s.itemFiles)
                && Arrays.equals(bits, s.bits);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + classes.hashCode()) + Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return "OmniglotSplit[" + name.id() + ", " + numClasses() + " classes, " + numItems() + " items]";
    }
}
