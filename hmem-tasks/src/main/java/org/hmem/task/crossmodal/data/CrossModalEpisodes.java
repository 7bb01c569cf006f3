package org.hmem.task.crossmodal.data;

import java.util.Arrays;

/**
 * A batch of cross-modal episodes as flat arrays (spec §6.3), the form the model's batches are cut from. Item numbers
 * refer to the sampler's audio ({@link FsddSplit}) and image ({@link MnistImages}) data sets.
 *
 * <ul>
 * <li>{@code audioItems[b * L + p]}, {@code imageItems[b * L + p]}: the pair shown at position {@code p} of episode
 * {@code b}</li>
 * <li>{@code audioClasses[b * L + p]}, {@code imageClasses[b * L + p]}: their digits (L distinct audio digits; the
 * image digits are a permutation of them in training mode, the same digits in test mode)</li>
 * <li>{@code queryItem[b]}: another recording of the target digit</li>
 * <li>{@code targetPosition[b]}: the position whose audio digit is the target</li>
 * <li>{@code targetImageItem[b]}: the image shown at that position, which the model must reconstruct</li>
 * </ul>
 * The arrays are held, not copied; treat them as read-only. Equality compares contents.
 *
 * @param batchSize number of episodes
 * @param sequenceLength L, pairs per episode
 */
public record CrossModalEpisodes(int batchSize, int sequenceLength, int[] audioItems, int[] imageItems,
        int[] audioClasses, int[] imageClasses, int[] queryItem, int[] targetPosition, int[] targetImageItem) {

    public CrossModalEpisodes {
        if (batchSize < 0 || sequenceLength < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + ", sequence length " + sequenceLength);
        }
        long pairs = (long) batchSize * sequenceLength;
        check("audioItems", audioItems, pairs);
        check("imageItems", imageItems, pairs);
        check("audioClasses", audioClasses, pairs);
        check("imageClasses", imageClasses, pairs);
        check("queryItem", queryItem, batchSize);
        check("targetPosition", targetPosition, batchSize);
        check("targetImageItem", targetImageItem, batchSize);
    }

    private static void check(String name, int[] array, long expected) {
        if (array.length != expected) {
            throw new IllegalArgumentException(name + " has " + array.length + " entries, expected " + expected);
        }
    }

    /** The audio digit to be recalled in episode {@code b}. */
    public int targetClass(int b) {
        return audioClasses[b * sequenceLength + targetPosition[b]];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrossModalEpisodes x && batchSize == x.batchSize && sequenceLength == x.sequenceLength
                && Arrays.equals(audioItems, x.audioItems) && Arrays.equals(imageItems, x.imageItems)
                && Arrays.equals(audioClasses, x.audioClasses) && Arrays.equals(imageClasses, x.imageClasses)
                && Arrays.equals(queryItem, x.queryItem) && Arrays.equals(targetPosition, x.targetPosition)
                && Arrays.equals(targetImageItem, x.targetImageItem);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(audioItems) + Arrays.hashCode(imageItems)) + Arrays.hashCode(queryItem);
    }

    @Override
    public String toString() {
        return "CrossModalEpisodes[" + batchSize + " x " + sequenceLength + "]";
    }
}
