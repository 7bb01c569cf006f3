package org.hmem.task.omniglot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.hmem.task.omniglot.data.EpisodeSampler;
import org.hmem.task.omniglot.data.OmniglotSplit;
import org.hmem.task.train.EpochData;

/**
 * The episode batches of an Omniglot run (spec §6.2, §8.3): {@code iterations} training batches per epoch, fresh
 * every epoch and a function of (epoch, index) so that a resumed run sees the same ones; validation and test are
 * {@code iterations} fixed batches each (the reference draws fresh validation episodes every epoch; fixed ones make
 * epochs comparable, docs/DECISIONS.md). Splits are loaded on first use, so {@code --evaluate} never reads the
 * training split.
 */
final class OmniglotEpochData implements EpochData<OmniglotBatch> {

    private final Supplier<EpisodeSampler> train;
    private final Supplier<EpisodeSampler> validation;
    private final Supplier<EpisodeSampler> test;
    private final int batchSize;
    private final int iterations;
    private List<OmniglotBatch> validationBatches;
    private List<OmniglotBatch> testBatches;

    OmniglotEpochData(Supplier<EpisodeSampler> train, Supplier<EpisodeSampler> validation,
                      Supplier<EpisodeSampler> test, int batchSize, int iterations) {
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.batchSize = batchSize;
        this.iterations = iterations;
    }

    @Override
    public int trainBatches(int epoch) {
        return iterations;
    }

    @Override
    public OmniglotBatch trainBatch(int epoch, int index) {
        EpisodeSampler s = train.get();
        return new OmniglotBatch(s.split(), s.batch(epoch, index, batchSize));
    }

    @Override
    public synchronized List<OmniglotBatch> validation() {
        if (validationBatches == null) {
            validationBatches = fixed(validation.get());
        }
        return validationBatches;
    }

    @Override
    public synchronized List<OmniglotBatch> test() {
        if (testBatches == null) {
            testBatches = fixed(test.get());
        }
        return testBatches;
    }

    private List<OmniglotBatch> fixed(EpisodeSampler s) {
        List<OmniglotBatch> list = new ArrayList<>(iterations);
        OmniglotSplit split = s.split();
        for (int i = 0; i < iterations; i++) {
            list.add(new OmniglotBatch(split, s.batch(0, i, batchSize)));
        }
        return List.copyOf(list);
    }
}
