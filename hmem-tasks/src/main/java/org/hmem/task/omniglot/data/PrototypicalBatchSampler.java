package org.hmem.task.omniglot.data;

import java.util.Objects;
import java.util.SplittableRandom;

import org.hmem.task.sampling.RandomDraws;
import org.hmem.task.sampling.SamplerSeeds;

/**
 * Draws the batches of ProtoNet pretraining (spec §6.2 last paragraph, §8.9): per iteration
 * {@code classesPerIteration} distinct classes, {@code samplesPerClass} distinct drawings of each (support and query
 * samples together, e.g. 1 + 5), then the whole batch shuffled with one more random permutation.
 *
 * <p>Like {@link EpisodeSampler}, batch {@code (epoch, index)} is a pure function of {@code (seed, epoch, index)}
 * ({@link SamplerSeeds}) rather than a position in the reference's torch generator stream, so resuming replays
 * nothing and changes nothing. Instances are immutable and thread-safe.
 */
public final class PrototypicalBatchSampler {

    private final OmniglotSplit split;
    private final int classesPerIteration;
    private final int samplesPerClass;
    private final long seed;

    /**
     * @param classesPerIteration classes per batch ({@code --classes_per_iteration_train} 60, {@code _val} 5)
     * @param samplesPerClass support plus query samples per class (1 + 5 training, 1 + 15 validation)
     * @param seed {@code --sampler_seed} (reference default 7)
     * @throws IllegalArgumentException if the split has too few classes or a class too few drawings
     */
    public PrototypicalBatchSampler(OmniglotSplit split, int classesPerIteration, int samplesPerClass, long seed) {
        this.split = Objects.requireNonNull(split, "split");
        if (classesPerIteration < 1 || classesPerIteration > split.numClasses()) {
            throw new IllegalArgumentException("classes per iteration must be in 1.." + split.numClasses()
                    + " for split " + split.name().id() + ", got " + classesPerIteration);
        }
        if (samplesPerClass < 1 || samplesPerClass > split.minClassSize()) {
            throw new IllegalArgumentException("samples per class must be in 1.." + split.minClassSize()
                    + " (the smallest class of split " + split.name().id() + "), got " + samplesPerClass);
        }
        this.classesPerIteration = classesPerIteration;
        this.samplesPerClass = samplesPerClass;
        this.seed = seed;
    }

    /** The classes of every batch. */
    public int classesPerIteration() {
        return classesPerIteration;
    }

    /** The distinct drawings per class of every batch (support and query together). */
    public int samplesPerClass() {
        return samplesPerClass;
    }

    /** The batch of iteration {@code index} of {@code epoch}. */
    public PrototypicalBatch batch(long epoch, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        SplittableRandom rng = SamplerSeeds.random(SamplerSeeds.PROTOTYPICAL, seed, epoch, index);
        int[] classes = new int[classesPerIteration];
        RandomDraws.distinct(rng, split.numClasses(), classesPerIteration, classes, 0);
        int n = classesPerIteration * samplesPerClass;
        int[] items = new int[n];
        int[] labels = new int[n];
        for (int k = 0; k < classesPerIteration; k++) {
            int c = classes[k];
            int off = k * samplesPerClass;
            RandomDraws.distinct(rng, split.classSize(c), samplesPerClass, items, off);
            for (int s = off; s < off + samplesPerClass; s++) {
                items[s] += split.firstItem(c);
                labels[s] = c;
            }
        }
        RandomDraws.shuffleTogether(rng, items, labels);
        return new PrototypicalBatch(items, labels);
    }
}
