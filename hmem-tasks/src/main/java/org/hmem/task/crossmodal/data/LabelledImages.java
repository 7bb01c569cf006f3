package org.hmem.task.crossmodal.data;

/**
 * A data set of labelled fixed-size images, as the cross-modal samplers and the digit classifiers see it: the FSDD
 * MFCC images ({@link FsddSplit}, 30 × 20) and the MNIST digits ({@link MnistImages}, 28 × 28). Labels are the digits
 * 0..9. Implementations are immutable and thread-safe.
 */
public interface LabelledImages {

    /** Number of items. */
    int size();

    /** The digit of {@code item}. */
    int label(int item);

    /** Floats per image. */
    int imageSize();

    /** Writes the image of {@code item} to {@code out[off .. off + imageSize())}. */
    void image(int item, float[] out, int off);

    /** The items with label {@code digit}, ascending; a fresh array (empty for a digit without items). */
    int[] itemsOfClass(int digit);
}
