package org.hmem.task.omniglot.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The prototypical sampler draws K classes x S distinct drawings, shuffled, as a pure function of its inputs. */
class PrototypicalBatchSamplerTest {

    private static final OmniglotSplit SPLIT = SamplerFixtures.split(100, 20);

    @Test
    void batchesHoldKClassesOfSDistinctDrawingsWithTheirLabels() {
        PrototypicalBatchSampler sampler = new PrototypicalBatchSampler(SPLIT, 60, 6, 7);
        for (int index = 0; index < 20; index++) {
            PrototypicalBatch batch = sampler.batch(0, index);
            assertEquals(360, batch.size());
            Map<Integer, Integer> perClass = new TreeMap<>();
            Set<Integer> items = new HashSet<>();
            for (int i = 0; i < batch.size(); i++) {
                assertEquals(SPLIT.classOf(batch.items()[i]), batch.labels()[i], "label of item " + i);
                assertTrue(items.add(batch.items()[i]), "item drawn twice");
                perClass.merge(batch.labels()[i], 1, Integer::sum);
            }
            assertEquals(60, perClass.size());
            perClass.values().forEach(count -> assertEquals(6, count));
        }
    }

    @Test
    void theBatchIsShuffled() {
        PrototypicalBatchSampler sampler = new PrototypicalBatchSampler(SPLIT, 5, 16, 7);
        int grouped = 0;
        for (int index = 0; index < 50; index++) {
            int[] labels = sampler.batch(1, index).labels();
            boolean firstBlockOneClass = true;
            for (int i = 1; i < 16; i++) {
                firstBlockOneClass &= labels[i] == labels[0];
            }
            grouped += firstBlockOneClass ? 1 : 0;
        }
        assertEquals(0, grouped, "batches left grouped by class");
    }

    @Test
    void deterministicPerSeedEpochAndIndex() {
        PrototypicalBatch a = new PrototypicalBatchSampler(SPLIT, 5, 16, 7).batch(4, 9);
        PrototypicalBatch b = new PrototypicalBatchSampler(SPLIT, 5, 16, 7).batch(4, 9);
        assertEquals(a, b);
        assertArrayEquals(a.items(), b.items());
        PrototypicalBatchSampler sampler = new PrototypicalBatchSampler(SPLIT, 5, 16, 7);
        assertNotEquals(a, sampler.batch(5, 9));
        assertNotEquals(a, sampler.batch(4, 10));
        assertNotEquals(a, new PrototypicalBatchSampler(SPLIT, 5, 16, 8).batch(4, 9));
    }

    @Test
    void wholeClassesAndAllClassesWork() {
        OmniglotSplit small = SamplerFixtures.split(3, 20);
        PrototypicalBatch batch = new PrototypicalBatchSampler(small, 3, 20, 1).batch(0, 0);
        int[] sorted = batch.items().clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 60; i++) {
            assertEquals(i, sorted[i]);
        }
    }

    @Test
    void impossibleBatchesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PrototypicalBatchSampler(SPLIT, 101, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PrototypicalBatchSampler(SPLIT, 5, 21, 1));
        assertThrows(IllegalArgumentException.class, () -> new PrototypicalBatchSampler(SPLIT, 0, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new PrototypicalBatchSampler(SPLIT, 5, 5, 1).batch(0, -1));
    }
}
