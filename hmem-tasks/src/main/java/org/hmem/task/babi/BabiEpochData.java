package org.hmem.task.babi;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.hmem.task.babi.data.BabiVectors;
import org.hmem.task.train.EpochData;

/**
 * Batches of a bAbI task: the training split reshuffled every epoch (from the split seed and the epoch number, so a
 * resumed run sees the same order), validation and test in file order; last partial batches are kept (spec §8.7).
 */
public final class BabiEpochData implements EpochData<BabiVectors> {

    private final BabiVectors train;
    private final int batchSize;
    private final long seed;
    private final List<BabiVectors> validation;
    private final List<BabiVectors> test;
    private int epoch = -1;
    private int[] order;

    public BabiEpochData(BabiVectors train, BabiVectors validation, BabiVectors test, int batchSize, long seed) {
        this.train = train;
        this.batchSize = batchSize;
        this.seed = seed;
        this.validation = inOrder(validation, batchSize);
        this.test = inOrder(test, batchSize);
    }

    static List<BabiVectors> inOrder(BabiVectors all, int batchSize) {
        List<BabiVectors> list = new ArrayList<>();
        for (int from = 0; from < all.n(); from = (int) Math.min(all.n(), (long) from + batchSize)) {
            int to = (int) Math.min(all.n(), (long) from + batchSize);
            int[] idx = new int[to - from];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            list.add(all.subset(idx));
        }
        return list;
    }

    @Override
    public int trainBatches(int e) {
        return (int) ((train.n() + (long) batchSize - 1) / batchSize);
    }

    @Override
    public BabiVectors trainBatch(int e, int index) {
        if (e != epoch) {
            epoch = e;
            order = new int[train.n()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + e);
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        int from = (int) Math.min(train.n(), (long) index * batchSize);
        int to = (int) Math.min(train.n(), (long) from + batchSize);
        return train.subset(java.util.Arrays.copyOfRange(order, from, to));
    }

    @Override
    public List<BabiVectors> validation() {
        return validation;
    }

    @Override
    public List<BabiVectors> test() {
        return test;
    }
}
