package org.hmem.task.crossmodal.data;

import java.util.Arrays;

/** The items of each digit, grouped once so that {@link LabelledImages#itemsOfClass} is a copy, not a scan. */
final class ItemsByClass {

    /** Labels are digits. */
    static final int CLASSES = 10;

    private final int[][] items = new int[CLASSES][];

    /** @param labels one digit per item */
    ItemsByClass(byte[] labels) {
        int[] counts = new int[CLASSES];
        for (byte label : labels) {
            counts[label]++;
        }
        for (int d = 0; d < CLASSES; d++) {
            items[d] = new int[counts[d]];
        }
        Arrays.fill(counts, 0);
        for (int i = 0; i < labels.length; i++) {
            items[labels[i]][counts[labels[i]]++] = i;
        }
    }

    int[] of(int digit) {
        return digit < 0 || digit >= CLASSES ? new int[0] : items[digit].clone();
    }
}
