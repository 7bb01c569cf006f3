package org.hmem.task.crossmodal;

import java.util.AbstractList;
import java.util.List;
import java.util.function.Supplier;

import org.hmem.task.crossmodal.data.CrossModalEpisodeSampler;
import org.hmem.task.crossmodal.data.CrossModalEpisodes;
import org.hmem.task.crossmodal.data.LabelledImages;
import org.hmem.task.train.EpochData;

/**
 * The episode batches of a cross-modal run (spec §6.3, §8.5): of {@code --dataset_size} episodes per epoch 90 % train
 * and 10 % validate, both training-mode episodes; the test has as many test-mode episodes. Training batches are fresh
 * every epoch and a function of (epoch, index), so a resumed run sees the same ones; validation and test episodes are
 * fixed (the reference draws fresh validation episodes every epoch; fixed ones make epochs comparable,
 * docs/DECISIONS.md). A batch's inputs are gathered when it is asked for, so only the episodes' item numbers are
 * kept; samplers (and with them the data) are made on first use.
 */
public final class CrossModalEpochData implements EpochData<CrossModalBatch> {

    /** The validation episodes' stream (training epochs are >= 0). */
    private static final long VALIDATION_EPOCH = -1;
    /** The threshold-balancing episodes' stream. */
    private static final long BALANCING_EPOCH = -2;

    private final Supplier<CrossModalEpisodeSampler> train;
    private final Supplier<CrossModalEpisodeSampler> test;
    private final int batchSize;
    private final int trainEpisodes;
    private final int validationEpisodes;
    private final int testEpisodes;

    CrossModalEpochData(Supplier<CrossModalEpisodeSampler> train, Supplier<CrossModalEpisodeSampler> test,
                        int batchSize, int datasetSize) {
        this.train = train;
        this.test = test;
        this.batchSize = batchSize;
        this.validationEpisodes = datasetSize / 10;
        this.trainEpisodes = datasetSize - validationEpisodes;
        this.testEpisodes = datasetSize;
    }

    @Override
    public int trainBatches(int epoch) {
        return batches(trainEpisodes);
    }

    @Override
    public CrossModalBatch trainBatch(int epoch, int index) {
        return gather(train.get(), epoch, index, batchLength(trainEpisodes, index));
    }

    /** Training episodes per epoch. */
    int trainEpisodes() {
        return trainEpisodes;
    }

    /**
     * Batch {@code index} of {@code size} training episodes of the threshold-balancing pass (spec §5.3), drawn apart
     * from the training epochs' episodes.
     */
    CrossModalBatch balancingBatch(int index, int size) {
        return gather(train.get(), BALANCING_EPOCH, index, size);
    }

    @Override
    public List<CrossModalBatch> validation() {
        return batches(train, VALIDATION_EPOCH, validationEpisodes);
    }

    @Override
    public List<CrossModalBatch> test() {
        return batches(test, 0, testEpisodes);
    }

    private List<CrossModalBatch> batches(Supplier<CrossModalEpisodeSampler> sampler, long epoch, int episodes) {
        int n = batches(episodes);
        return new AbstractList<>() {
            @Override
            public CrossModalBatch get(int index) {
                return gather(sampler.get(), epoch, index, batchLength(episodes, index));
            }

            @Override
            public int size() {
                return n;
            }
        };
    }

    private int batches(int episodes) {
        return (episodes + batchSize - 1) / batchSize;
    }

    private int batchLength(int episodes, int index) {
        return Math.min(batchSize, episodes - index * batchSize);
    }

    /** The inputs and targets of a sampler's batch as flat arrays. */
    public static CrossModalBatch gather(CrossModalEpisodeSampler sampler, long epoch, int index, int size) {
        CrossModalEpisodes e = sampler.batch(epoch, index, size);
        return gather(e, sampler.audio(), sampler.images());
    }

    public static CrossModalBatch gather(CrossModalEpisodes e, LabelledImages audio, LabelledImages images) {
        int l = e.sequenceLength(), b = e.batchSize(), ms = audio.imageSize(), px = images.imageSize();
        float[] mfcc = new float[b * l * ms], pixels = new float[b * l * px];
        float[] query = new float[b * ms], target = new float[b * px];
        for (int i = 0; i < b * l; i++) {
            audio.image(e.audioItems()[i], mfcc, i * ms);
            images.image(e.imageItems()[i], pixels, i * px);
        }
        for (int i = 0; i < b; i++) {
            audio.image(e.queryItem()[i], query, i * ms);
            images.image(e.targetImageItem()[i], target, i * px);
        }
        return new CrossModalBatch(b, l, mfcc, pixels, query, target, audio, e.audioItems(), e.queryItem(), images,
                e.imageItems(), e);
    }
}
