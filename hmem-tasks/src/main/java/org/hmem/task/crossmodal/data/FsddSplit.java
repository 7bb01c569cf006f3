package org.hmem.task.crossmodal.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * The preprocessed recordings of one FSDD split: one MFCC image per recording, in sorted file-name order (the
 * reference's glob order, made deterministic), labelled by the spoken digit. Images are time-major float32
 * ({@code timeSamples × numMfcc}, the reference's transposed {@code (1, 30, 20)}), held in one flat array. Built by
 * {@link FsddSplits}; immutable; equality compares contents bit for bit.
 */
public final class FsddSplit implements LabelledImages {

    private final CrossModalSplit split;
    private final int numMfcc;
    private final int timeSamples;
    private final String[] files;
    private final byte[] labels;
    private final float[] images;
    private final ItemsByClass byClass;

    FsddSplit(CrossModalSplit split, int numMfcc, int timeSamples, String[] files, byte[] labels, float[] images) {
        this.split = Objects.requireNonNull(split, "split");
        this.numMfcc = numMfcc;
        this.timeSamples = timeSamples;
        this.files = files;
        this.labels = labels;
        this.images = images;
        if (labels.length != files.length || images.length != (long) files.length * numMfcc * timeSamples) {
            throw new IllegalArgumentException(files.length + " files, " + labels.length + " labels, "
                    + images.length + " floats");
        }
        for (byte label : labels) {
            if (label < 0 || label >= ItemsByClass.CLASSES) {
                throw new IllegalArgumentException("label " + label);
            }
        }
        this.byClass = new ItemsByClass(labels);
    }

    /** Which split this is. */
    public CrossModalSplit split() {
        return split;
    }

    /** Coefficients per frame. */
    public int numMfcc() {
        return numMfcc;
    }

    /** Frames per image. */
    public int timeSamples() {
        return timeSamples;
    }

    @Override
    public int size() {
        return files.length;
    }

    @Override
    public int label(int item) {
        return labels[item];
    }

    /** The file name of {@code item}, e.g. {@code 7_theo_10.wav}. */
    public String file(int item) {
        return files[item];
    }

    @Override
    public int imageSize() {
        return numMfcc * timeSamples;
    }

    @Override
    public void image(int item, float[] out, int off) {
        Objects.checkIndex(item, files.length);
        System.arraycopy(images, item * imageSize(), out, off, imageSize());
    }

    @Override
    public int[] itemsOfClass(int digit) {
        return byClass.of(digit);
    }

    /** The flat image array, held, for the cache writer. */
    float[] images() {
        return images;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FsddSplit x && split == x.split && numMfcc == x.numMfcc && timeSamples == x.timeSamples
                && Arrays.equals(files, x.files) && Arrays.equals(labels, x.labels)
                && Arrays.equals(images, x.images);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(files) + Arrays.hashCode(images);
    }

    @Override
    public String toString() {
        return "FSDD " + split.id() + " (" + files.length + " recordings, " + timeSamples + " x " + numMfcc + ")";
    }
}
