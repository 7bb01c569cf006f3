package org.hmem.task.babi.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The random train/validation split of a task's training file: {@code ceil(0.9 n)} training and
 * {@code floor(0.1 n)} validation samples (spec §6.4).
 *
 * <p>The reference draws it from torch's global generator; here it comes from a {@link SplittableRandom} with an
 * explicit seed, so a run can be repeated and a resumed run sees the same validation set.
 *
 * @param train the training part
 * @param validation the validation part
 * @param trainIndices which samples of the unsplit training set went to {@code train}, in order
 * @param validationIndices likewise for {@code validation}
 */
public record BabiTrainValidationSplit(BabiVectors train, BabiVectors validation, int[] trainIndices,
        int[] validationIndices) {

    /** {@code floor(0.1 n)}, computed exactly in integers (the same as the floating-point formula for all n ≤ 20 000). */
    public static int validationSize(int n) {
        return n / 10;
    }

    /** {@code ceil(0.9 n) = n - floor(0.1 n)}. */
    public static int trainSize(int n) {
        return n - validationSize(n);
    }

    /** Splits {@code all} by a Fisher-Yates permutation drawn from {@code new SplittableRandom(seed)}. */
    public static BabiTrainValidationSplit of(BabiVectors all, long seed) {
        int[] permutation = permutation(all.n(), seed);
        int trainSize = trainSize(all.n());
        int[] trainIdx = Arrays.copyOfRange(permutation, 0, trainSize);
        int[] valIdx = Arrays.copyOfRange(permutation, trainSize, all.n());
        return new BabiTrainValidationSplit(all.subset(trainIdx), all.subset(valIdx), trainIdx, valIdx);
    }

    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
