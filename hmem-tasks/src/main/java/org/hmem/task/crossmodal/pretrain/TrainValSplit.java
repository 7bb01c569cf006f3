package org.hmem.task.crossmodal.pretrain;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.hmem.task.crossmodal.data.LabelledImages;

/**
 * The official training set split into training and validation parts, as the reference's {@code random_split}
 * with lengths {@code int(0.9 n)} and the rest: a seeded random permutation, the first 90 % for training. Only the
 * proportions are the reference's; its torch random stream cannot be reproduced.
 */
record TrainValSplit(LabelledImages train, LabelledImages val) {

    /** Share of the official training set that is trained on. */
    static final double TRAIN_SHARE = 0.9;

    static TrainValSplit of(LabelledImages all, long seed) {
        int n = all.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int trainSize = (int) (TRAIN_SHARE * n);
        int[] train = Arrays.copyOfRange(order, 0, trainSize);
        int[] val = Arrays.copyOfRange(order, trainSize, n);
        return new TrainValSplit(new ImageSubset(all, train), new ImageSubset(all, val));
    }
}
