package org.hmem.task.omniglot.data;

import java.util.Objects;
import java.util.SplittableRandom;

import org.hmem.task.sampling.RandomDraws;
import org.hmem.task.sampling.SamplerSeeds;

/**
 * Draws N-way 1-shot episodes from a split (spec §6.2): N distinct classes in random order, one random drawing of
 * each as the support item with label = position, a target position drawn uniformly, and as query another drawing of
 * the target class. This has the reference's distribution: its classes are the first N of a random permutation, the
 * target the first of a random permutation of positions, the support item element 0 and the query element 1 of a
 * random permutation of the class's items.
 *
 * <p>Random access instead of one sequential stream: episode {@code e} of batch {@code (epoch, index)} uses a
 * generator seeded from {@code (seed, epoch, index, e)} alone ({@link SamplerSeeds}), so a resumed run sees exactly
 * the episodes the uninterrupted run would have, every epoch sees fresh episodes (as the reference's persisting
 * generator gives), and a batch's first episodes do not depend on the batch size. The torch generator stream of the
 * reference cannot be reproduced, so the same seed gives different (equally distributed) episodes than there.
 * Instances are immutable and thread-safe.
 */
public final class EpisodeSampler {

    private final OmniglotSplit split;
    private final int ways;
    private final long seed;
    /** Episodes draw their classes from the split's first {@code classLimit}. */
    private final int classLimit;

    /**
     * @param ways N, at most the number of classes
     * @param seed {@code --sampler_seed} (reference default 42, the same for train, val and test)
     * @throws IllegalArgumentException if {@code ways} is out of range or a class has fewer than two drawings
     */
    public EpisodeSampler(OmniglotSplit split, int ways, long seed) {
        this(split, ways, seed, split.numClasses());
    }

    /**
     * A sampler restricted to the split's first {@code classes} classes ({@code --max_classes}).
     *
     * @throws IllegalArgumentException also if {@code classes} is not in {@code ways..split.numClasses()}
     */
    public EpisodeSampler(OmniglotSplit split, int ways, long seed, int classes) {
        this.split = Objects.requireNonNull(split, "split");
        if (ways < 1 || ways > split.numClasses()) {
            throw new IllegalArgumentException(
                    "ways must be in 1.." + split.numClasses() + " for split " + split.name().id() + ", got " + ways);
        }
        if (classes < ways || classes > split.numClasses()) {
            throw new IllegalArgumentException("the classes drawn from must be in " + ways + ".."
                    + split.numClasses() + " for split " + split.name().id() + ", got " + classes);
        }
        this.classLimit = classes;
        if (split.minClassSize() < 2) {
            throw new IllegalArgumentException("split " + split.name().id()
                    + " has a class with fewer than two drawings; a query needs another drawing than the support");
        }
        this.ways = ways;
        this.seed = seed;
    }

    /** N: the classes, and so the labels and outputs, of every episode. */
    public int ways() {
        return ways;
    }

    /** The split episodes are drawn from; item numbers in {@link Episodes} refer to it. */
    public OmniglotSplit split() {
        return split;
    }

    /**
     * The episodes of batch {@code index} of {@code epoch}: a pure function of {@code (seed, epoch, index)}, episode
     * by episode.
     */
    public Episodes batch(long epoch, int index, int batchSize) {
        if (batchSize < 1 || index < 0) {
            throw new IllegalArgumentException("batch size must be >= 1 and index >= 0, got " + batchSize + ", "
                    + index);
        }
        int[] classes = new int[batchSize * ways];
        int[] support = new int[batchSize * ways];
        int[] query = new int[batchSize];
        int[] answer = new int[batchSize];
        for (int e = 0; e < batchSize; e++) {
            SplittableRandom rng = SamplerSeeds.random(SamplerSeeds.EPISODES, seed, epoch, index, e);
            int off = e * ways;
            RandomDraws.distinct(rng, classLimit, ways, classes, off);
            int target = rng.nextInt(ways);
            int targetDrawing = 0;
            for (int k = 0; k < ways; k++) {
                int c = classes[off + k];
                int drawing = rng.nextInt(split.classSize(c));
                support[off + k] = split.firstItem(c) + drawing;
                if (k == target) {
                    targetDrawing = drawing;
                }
            }
            int c = classes[off + target];
            int other = rng.nextInt(split.classSize(c) - 1);
            query[e] = split.firstItem(c) + (other >= targetDrawing ? other + 1 : other);
            answer[e] = target;
        }
        return new Episodes(batchSize, ways, support, classes, query, answer);
    }
}
