package org.hmem.task.omniglot.data;

import java.util.Arrays;

/**
 * One ProtoNet pretraining batch: items and their classes, already shuffled (spec §6.2). The loss groups items by
 * {@code labels}, so a label is the split's class index, not a position.
 *
 * @param items the dataset items, {@code classesPerIteration * samplesPerClass} of them
 * @param labels {@code labels[i]} is the class of {@code items[i]}
 */
public record PrototypicalBatch(int[] items, int[] labels) {

    public PrototypicalBatch {
        if (items.length != labels.length) {
            throw new IllegalArgumentException(items.length + " items but " + labels.length + " labels");
        }
    }

    /** The number of items: classes per iteration times samples per class. */
    public int size() {
        return items.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrototypicalBatch b && Arrays.equals(items, b.items) && Arrays.equals(labels, b.labels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(items) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "PrototypicalBatch[" + items.length + " items]";
    }
}
