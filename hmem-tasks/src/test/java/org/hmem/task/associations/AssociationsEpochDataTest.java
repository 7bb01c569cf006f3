package org.hmem.task.associations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training batches are a function of (epoch, index): asked for out of order, or by a fresh copy of the data (a
 * cluster executor that joins late), they are the batches asked for in order.
 */
class AssociationsEpochDataTest {

    private static AssociationsEpochData data(boolean infData) {
        return new AssociationsEpochData(new AssociationsData(3, 8, 6), 5, 23, 5, 5, infData, 3, 17);
    }

    private static void assertSame(AssociationsBatch a, AssociationsBatch b, String what) {
        assertEquals(a.batch(), b.batch(), what);
        assertArrayEquals(a.features(), b.features(), what);
        assertArrayEquals(a.labels(), b.labels(), what);
        assertArrayEquals(a.query(), b.query(), what);
        assertArrayEquals(a.answer(), b.answer(), what);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void batchesDoNotDependOnTheOrderOfRequests(boolean infData) {
        AssociationsEpochData inOrder = data(infData);
        int n = inOrder.trainBatches(2);
        AssociationsBatch[] expected = new AssociationsBatch[n];
        for (int i = 0; i < n; i++) {
            expected[i] = inOrder.trainBatch(2, i);
        }
        assertEquals(3, expected[n - 1].batch(), "the last batch holds the rest");
        AssociationsEpochData shuffled = data(infData);
        for (int i : new int[] {3, 1, 4, 0, 2, 4}) {
            assertSame(expected[i], shuffled.trainBatch(2, i), "batch " + i);
        }
        AssociationsEpochData late = data(infData);
        late.trainBatch(1, 0);
        assertSame(expected[2], late.trainBatch(2, 2), "a fresh copy, another epoch first");
    }
}
