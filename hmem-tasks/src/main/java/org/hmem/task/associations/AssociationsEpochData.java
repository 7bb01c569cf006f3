package org.hmem.task.associations;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.hmem.task.train.EpochData;

/**
 * The associations task's data per spec §6.1: validation and test sets pre-generated from
 * {@code dataset_seed + workers} and {@code + 1}; training data either fresh every batch ({@code inf_data}) or a fixed
 * set from {@code dataset_seed}.
 *
 * <p>The reference draws training batches round-robin from {@code workers} persistent generators seeded
 * {@code dataset_seed + w}. Here each (epoch, worker) pair gets its own generator derived from those seeds, so an
 * epoch's batches depend only on the epoch number and a resumed run sees exactly the batches it would have seen.
 */
public final class AssociationsEpochData implements EpochData<AssociationsBatch> {

    private final AssociationsData generator;
    private final int batchSize;
    private final int trainSize;
    private final int workers;
    private final long datasetSeed;
    private final AssociationsBatch fixedTrain;
    private final List<AssociationsBatch> validation;
    private final List<AssociationsBatch> test;
    private int epoch = -1;
    private int nextIndex;
    private SplittableRandom[] streams;
    private AssociationsBatch shuffled;

    public AssociationsEpochData(AssociationsData generator, int batchSize,
                                 int trainSize, int valSize, int testSize, boolean infData, int workers,
                                 long datasetSeed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1");
        }
        this.generator = generator;
        this.batchSize = batchSize;
        this.trainSize = trainSize;
        this.workers = Math.max(1, workers);
        this.datasetSeed = datasetSeed;
        this.fixedTrain = infData ? null : generator.fixed(trainSize, datasetSeed);
        this.validation = batches(generator.fixed(valSize, datasetSeed + workers), batchSize);
        this.test = batches(generator.fixed(testSize, datasetSeed + workers + 1), batchSize);
    }

    static List<AssociationsBatch> batches(AssociationsBatch all, int batchSize) {
        List<AssociationsBatch> list = new ArrayList<>();
        for (long from = 0; from < all.batch(); from += batchSize) {
            list.add(AssociationsData.slice(all, (int) from, (int) Math.min(all.batch(), from + batchSize)));
        }
        return list;
    }

    @Override
    public int trainBatches(int epoch) {
        return (int) ((trainSize + (long) batchSize - 1) / batchSize);
    }

    /**
     * Batch {@code index} of {@code epoch}. Requested in order it costs one batch; out of order (a cluster executor
     * that joins a run late) the epoch's streams are replayed up to it, so the batch is the same either way.
     */
    @Override
    public AssociationsBatch trainBatch(int epoch, int index) {
        if (epoch != this.epoch || index < nextIndex) {
            startEpoch(epoch);
        }
        if (fixedTrain != null) {
            nextIndex = index + 1;
            int from = index * batchSize;
            return AssociationsData.slice(shuffled, from, from + size(index));
        }
        for (; nextIndex < index; nextIndex++) {
            generator.sample(size(nextIndex), streams[nextIndex % workers]);
        }
        nextIndex++;
        return generator.sample(size(index), streams[index % workers]);
    }

    private int size(int index) {
        return (int) Math.min(batchSize, trainSize - (long) index * batchSize);
    }

    private void startEpoch(int e) {
        epoch = e;
        nextIndex = 0;
        streams = new SplittableRandom[workers];
        for (int w = 0; w < workers; w++) {
            streams[w] = new SplittableRandom(mix(datasetSeed + w, e));
        }
        if (fixedTrain != null) {
            // the reference's loader shuffles the fixed set every epoch
            int[] order = new int[trainSize];
            for (int i = 0; i < trainSize; i++) {
                order[i] = i;
            }
            SplittableRandom rng = new SplittableRandom(mix(datasetSeed, e));
            for (int i = trainSize - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            shuffled = gather(fixedTrain, order);
        }
    }

    private static AssociationsBatch gather(AssociationsBatch all, int[] idx) {
        int l = all.sequenceLength(), f = all.featureSize(), n = idx.length;
        float[] features = new float[n * l * f];
        int[] labels = new int[n * l];
        float[] query = new float[n * f];
        int[] answer = new int[n];
        for (int i = 0; i < n; i++) {
            int s = idx[i];
            System.arraycopy(all.features(), s * l * f, features, i * l * f, l * f);
            System.arraycopy(all.labels(), s * l, labels, i * l, l);
            System.arraycopy(all.query(), s * f, query, i * f, f);
            answer[i] = all.answer()[s];
        }
        return new AssociationsBatch(n, l, f, features, labels, query, answer);
    }

    /** A well-spread seed for (base, epoch) pairs. */
    static long mix(long base, int epoch) {
        return new SplittableRandom(base * 0x9E3779B97F4A7C15L + epoch).nextLong();
    }

    @Override
    public List<AssociationsBatch> validation() {
        return validation;
    }

    @Override
    public List<AssociationsBatch> test() {
        return test;
    }
}
