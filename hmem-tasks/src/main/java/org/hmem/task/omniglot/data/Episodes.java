package org.hmem.task.omniglot.data;

import java.util.Arrays;

/**
 * A batch of N-way 1-shot episodes as flat arrays (spec §6.2), the form the model's batches are cut from.
 *
 * <ul>
 * <li>{@code support[e * ways + k]}: the item shown with label {@code k} in episode {@code e}</li>
 * <li>{@code supportClasses[e * ways + k]}: its class (N distinct classes per episode)</li>
 * <li>{@code query[e]}: another drawing of the target class</li>
 * <li>{@code answer[e]}: the position {@code k} of the target class among the support items</li>
 * </ul>
 * The arrays are held, not copied; treat them as read-only. Equality compares contents.
 *
 * @param batchSize number of episodes
 * @param ways N
 */
public record Episodes(int batchSize, int ways, int[] support, int[] supportClasses, int[] query, int[] answer) {

    public Episodes {
        if (batchSize < 0 || ways < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + ", ways " + ways);
        }
        check("support", support, (long) batchSize * ways);
        check("supportClasses", supportClasses, (long) batchSize * ways);
        check("query", query, batchSize);
        check("answer", answer, batchSize);
    }

    private static void check(String name, int[] array, long expected) {
        if (array.length != expected) {
            throw new IllegalArgumentException(name + " has " + array.length + " entries, expected " + expected);
        }
    }

    /** The support item with label {@code k} of episode {@code e}. */
    public int supportItem(int e, int k) {
        return support[e * ways + k];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Episodes x && batchSize == x.batchSize && ways == x.ways
                && Arrays.equals(support, x.support) && Arrays.equals(supportClasses, x.supportClasses)
                && Arrays.equals(query, x.query) && Arrays.equals(answer, x.answer);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(support) + Arrays.hashCode(query)) + Arrays.hashCode(answer);
    }

    @Override
    public String toString() {
        return "Episodes[" + batchSize + " x " + ways + "-way]";
    }
}
