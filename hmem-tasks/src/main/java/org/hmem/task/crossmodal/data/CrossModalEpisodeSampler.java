package org.hmem.task.crossmodal.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.hmem.task.flags.UserError;
import org.hmem.task.sampling.RandomDraws;
import org.hmem.task.sampling.SamplerSeeds;

/**
 * Draws cross-modal episodes (spec §6.3, "Episode generation"), in the reference's order per episode: L distinct
 * audio digits from the allowed classes; the target, one of them; the image digits, a random permutation of the audio
 * digits in training mode (so spoken "3" may be paired with a picture of a 7) and the same digits in test mode; then
 * per position either one recording and one image, or, at the target's position, two distinct recordings (the
 * sequence item, then the query) and one image (shown in the sequence and to be reconstructed).
 *
 * <p>Random access instead of one sequential stream: episode {@code e} of batch {@code (epoch, index)} uses a
 * generator seeded from {@code (seed, epoch, index, e)} alone ({@link SamplerSeeds}), so a resumed run sees exactly
 * the episodes the uninterrupted run would have, and a batch's first episodes do not depend on the batch size. The
 * reference's numpy stream cannot be reproduced, so the same seed gives different (equally distributed) episodes.
 * Giving train and test samplers the same seed, as the reference does, still gives different episodes: the mode is
 * part of the stream tag. Instances are immutable and thread-safe.
 */
public final class CrossModalEpisodeSampler {

    /** Stream tags: training and test episodes of the same seed are unrelated. */
    static final long TRAINING_TAG = 0x584d6f6461545231L;
    static final long TEST_TAG = 0x584d6f6461544531L;

    private final LabelledImages audio;
    private final LabelledImages images;
    private final int[] classes;
    private final int sequenceLength;
    private final boolean training;
    private final long seed;
    private final int[][] audioByClass;
    private final int[][] imagesByClass;

    /**
     * @param audio the recordings (FSDD MFCC images)
     * @param images the pictures (MNIST)
     * @param classes the allowed digits ({@code --train_classes} / {@code --test_classes}), distinct
     * @param sequenceLength L, pairs per episode, at most the number of classes
     * @param training permute the image digits against the audio digits (training) or not (test)
     * @param seed {@code --data_seed}
     * @throws UserError if the classes are not distinct digits, L is out of range, or a class has fewer than two
     *     recordings or no image
     */
    public CrossModalEpisodeSampler(LabelledImages audio, LabelledImages images, int[] classes, int sequenceLength,
            boolean training, long seed) {
        this.audio = Objects.requireNonNull(audio, "audio");
        this.images = Objects.requireNonNull(images, "images");
        this.classes = classes.clone();
        this.sequenceLength = sequenceLength;
        this.training = training;
        this.seed = seed;
        String which = training ? "training" : "test";
        if (classes.length == 0) {
            throw new UserError("the " + which + " classes are empty; give at least one digit");
        }
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] > 9) {
                throw new UserError("the " + which + " classes must be digits 0..9, got " + classes[i]);
            }
            for (int j = 0; j < i; j++) {
                if (classes[j] == classes[i]) {
                    throw new UserError("the " + which + " classes " + Arrays.toString(classes) + " name digit "
                            + classes[i] + " twice");
                }
            }
        }
        if (sequenceLength < 1 || sequenceLength > classes.length) {
            throw new UserError("the sequence length must be between 1 and the number of " + which + " classes ("
                    + classes.length + ": " + Arrays.toString(classes) + "), got " + sequenceLength
                    + "; each episode pairs " + "distinct digits");
        }
        audioByClass = new int[classes.length][];
        imagesByClass = new int[classes.length][];
        for (int k = 0; k < classes.length; k++) {
            audioByClass[k] = audio.itemsOfClass(classes[k]);
            imagesByClass[k] = images.itemsOfClass(classes[k]);
            if (audioByClass[k].length < 2) {
                throw new UserError("digit " + classes[k] + " has " + audioByClass[k].length + " recording"
                        + (audioByClass[k].length == 1 ? "" : "s") + " in the " + which + " audio data; an episode "
                        + "needs two (the sequence item and a different query)");
            }
            if (imagesByClass[k].length < 1) {
                throw new UserError("digit " + classes[k] + " has no image in the " + which + " image data");
            }
        }
    }

    /** L, pairs per episode. */
    public int sequenceLength() {
        return sequenceLength;
    }

    /** Whether image digits are permuted against the audio digits. */
    public boolean training() {
        return training;
    }

    /** The audio data set; {@link CrossModalEpisodes#audioItems()} index it. */
    public LabelledImages audio() {
        return audio;
    }

    /** The image data set; {@link CrossModalEpisodes#imageItems()} index it. */
    public LabelledImages images() {
        return images;
    }

    /**
     * The episodes of batch {@code index} of {@code epoch}: a pure function of {@code (seed, epoch, index)}, episode
     * by episode.
     */
    public CrossModalEpisodes batch(long epoch, int index, int batchSize) {
        if (batchSize < 1 || index < 0) {
            throw new IllegalArgumentException("batch size must be >= 1 and index >= 0, got " + batchSize + ", "
                    + index);
        }
        int len = sequenceLength;
        int[] audioItems = new int[batchSize * len];
        int[] imageItems = new int[batchSize * len];
        int[] audioClasses = new int[batchSize * len];
        int[] imageClasses = new int[batchSize * len];
        int[] query = new int[batchSize];
        int[] targetPosition = new int[batchSize];
        int[] targetImage = new int[batchSize];
        int[] audioKinds = new int[len];
        int[] imageKinds = new int[len];
        for (int b = 0; b < batchSize; b++) {
            SplittableRandom rng = SamplerSeeds.random(training ? TRAINING_TAG : TEST_TAG, seed, epoch, index, b);
            RandomDraws.distinct(rng, classes.length, len, audioKinds, 0);
            int target = rng.nextInt(len);
            System.arraycopy(audioKinds, 0, imageKinds, 0, len);
            if (training) {
                shuffle(rng, imageKinds);
            }
            int off = b * len;
            for (int p = 0; p < len; p++) {
                int[] recordings = audioByClass[audioKinds[p]];
                int first = rng.nextInt(recordings.length);
                audioItems[off + p] = recordings[first];
                if (p == target) {
                    int other = rng.nextInt(recordings.length - 1);
                    query[b] = recordings[other >= first ? other + 1 : other];
                }
                int[] pictures = imagesByClass[imageKinds[p]];
                imageItems[off + p] = pictures[rng.nextInt(pictures.length)];
                audioClasses[off + p] = classes[audioKinds[p]];
                imageClasses[off + p] = classes[imageKinds[p]];
            }
            targetPosition[b] = target;
            targetImage[b] = imageItems[off + target];
        }
        return new CrossModalEpisodes(batchSize, len, audioItems, imageItems, audioClasses, imageClasses, query,
                targetPosition, targetImage);
    }

    /** A uniform random permutation in place (Fisher-Yates). */
    private static void shuffle(SplittableRandom rng, int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
