package org.hmem.task.omniglot.pretrain;

import org.hmem.task.flags.UserError;
import org.hmem.task.omniglot.data.OmniglotSplit;
import org.hmem.task.omniglot.data.PrototypicalBatch;
import org.hmem.task.omniglot.data.PrototypicalBatchSampler;

/** The episodes of one split in one shape: batch {@code (epoch, index)} is a pure function of the sampler seed. */
public record EpisodeSource(OmniglotSplit split, EpisodeShape shape, PrototypicalBatchSampler sampler) {

    /**
     * The episodes of {@code shape} over {@code split}, seeded with {@code --sampler_seed}; a split too small for the
     * shape is a user error naming the flags (the reference raises the same complaint).
     */
    public static EpisodeSource of(OmniglotSplit split, EpisodeShape shape, long seed) {
        String suffix = shape.flagSuffix();
        if (shape.ways() > split.numClasses()) {
            throw new UserError("--classes_per_iteration" + suffix + " " + shape.ways() + " is more than the "
                    + split.numClasses() + " classes of the " + split.name().id() + " split");
        }
        if (shape.samplesPerClass() > split.minClassSize()) {
            throw new UserError("--num_samples_support" + suffix + " + --num_samples_query" + suffix + " = "
                    + shape.samplesPerClass() + " is more than the " + split.minClassSize() + " drawings of the "
                    + "smallest class of the " + split.name().id() + " split");
        }
        return new EpisodeSource(split, shape,
                new PrototypicalBatchSampler(split, shape.ways(), shape.samplesPerClass(), seed));
    }

    public PrototypicalBatch batch(long epoch, int index) {
        return sampler.batch(epoch, index);
    }
}
