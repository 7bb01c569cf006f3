package org.hmem.task.associations;

import java.util.SplittableRandom;

/**
 * Generator of memorizing-associations samples (spec §6.1), in the reference's call order per sample: L x F uniform
 * [0, 1) features, L distinct labels drawn without replacement from 0..C-1, a uniform query index. numpy's PCG64
 * stream cannot be reproduced, so the same distributions come from a seeded {@link SplittableRandom}.
 */
public final class AssociationsData {

    private final int sequenceLength;
    private final int featureSize;
    private final int numClasses;

    public AssociationsData(int sequenceLength, int featureSize, int numClasses) {
        if (sequenceLength < 1 || featureSize < 1) {
            throw new IllegalArgumentException("sequence length and feature size must be >= 1");
        }
        if (sequenceLength > numClasses) {
            throw new IllegalArgumentException("sequence length " + sequenceLength + " exceeds the number of classes "
                    + numClasses + ": labels are drawn without replacement");
        }
        this.sequenceLength = sequenceLength;
        this.featureSize = featureSize;
        this.numClasses = numClasses;
    }

    public int sequenceLength() {
        return sequenceLength;
    }

    /** A batch of {@code batch} fresh samples drawn from {@code rng}. */
    public AssociationsBatch sample(int batch, SplittableRandom rng) {
        int l = sequenceLength, f = featureSize;
        float[] features = new float[batch * l * f];
        int[] labels = new int[batch * l];
        float[] query = new float[batch * f];
        int[] answer = new int[batch];
        int[] pool = new int[numClasses];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < l * f; i++) {
                features[b * l * f + i] = (float) rng.nextDouble();
            }
            // partial Fisher-Yates: the first L entries are a uniform draw without replacement
            for (int c = 0; c < numClasses; c++) {
                pool[c] = c;
            }
            for (int i = 0; i < l; i++) {
                int j = i + rng.nextInt(numClasses - i);
                int tmp = pool[i];
                pool[i] = pool[j];
                pool[j] = tmp;
                labels[b * l + i] = pool[i];
            }
            int idx = rng.nextInt(l);
            System.arraycopy(features, b * l * f + idx * f, query, b * f, f);
            answer[b] = labels[b * l + idx];
        }
        return new AssociationsBatch(batch, l, f, features, labels, query, answer);
    }

    /** A fixed set of {@code size} samples from {@code seed} (validation and test sets). */
    public AssociationsBatch fixed(int size, long seed) {
        return sample(size, new SplittableRandom(seed));
    }

    /** Samples [from, to) of a fixed set as a batch of their own. */
    public static AssociationsBatch slice(AssociationsBatch all, int from, int to) {
        int l = all.sequenceLength(), f = all.featureSize(), n = to - from;
        float[] features = java.util.Arrays.copyOfRange(all.features(), from * l * f, to * l * f);
        int[] labels = java.util.Arrays.copyOfRange(all.labels(), from * l, to * l);
        float[] query = java.util.Arrays.copyOfRange(all.query(), from * f, to * f);
        int[] answer = java.util.Arrays.copyOfRange(all.answer(), from, to);
        return new AssociationsBatch(n, l, f, features, labels, query, answer);
    }
}
