package org.hmem.task.train;

import java.io.Serializable;

/**
 * Which batch of a run a pass works on: training batch {@code index} of {@code epoch}, or the {@code index}-th
 * validation or test batch. A reference instead of the batch itself lets a process that holds the same
 * {@link EpochData} (a cluster executor) build the batch where it is needed.
 */
public record BatchRef(Split split, int epoch, int index) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The three sets of a run. */
    public enum Split { TRAIN, VALIDATION, TEST }

    public static BatchRef train(int epoch, int index) {
        return new BatchRef(Split.TRAIN, epoch, index);
    }

    /** The {@code index}-th batch of {@code split} (validation or test). */
    public static BatchRef of(Split split, int index) {
        if (split == Split.TRAIN) {
            throw new IllegalArgumentException("a training batch needs its epoch");
        }
        return new BatchRef(split, -1, index);
    }

    /** The batch itself, from the run's data. */
    public <D> D resolve(EpochData<D> data) {
        return switch (split) {
            case TRAIN -> data.trainBatch(epoch, index);
            case VALIDATION -> data.validation().get(index);
            case TEST -> data.test().get(index);
        };
    }

    /** How many batches {@code split} has ({@code epoch} matters for training only). */
    public static int count(EpochData<?> data, Split split, int epoch) {
        return switch (split) {
            case TRAIN -> data.trainBatches(epoch);
            case VALIDATION -> data.validation().size();
            case TEST -> data.test().size();
        };
    }
}
