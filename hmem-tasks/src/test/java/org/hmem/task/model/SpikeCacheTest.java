package org.hmem.task.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpikeCacheTest {

    @TempDir
    Path spill;

    /** Records come back exactly, at any density, with a ragged last word, in memory and from the spill file. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void recordsComeBackBitForBit(boolean inMemory) {
        int items = 5, bits = 3 * 64 + 37;
        try (SpikeCache cache = new SpikeCache(items, bits, inMemory ? 1 << 20 : 0, spill)) {
            assertTrue(cache.inMemory() == inMemory);
            long[] scratch = cache.newScratch();
            float[][] stored = new float[items][bits];
            Random rng = new Random(3);
            double[] densities = {0, 0.05, 0.5, 1, 0.2};
            for (int item = 0; item < items; item++) {
                for (int i = 0; i < bits; i++) {
                    stored[item][i] = rng.nextDouble() < densities[item] ? 1f : 0f;
                }
                float[] padded = new float[bits + 7];
                System.arraycopy(stored[item], 0, padded, 7, bits);
                cache.put(item, padded, 7, scratch);
            }
            for (int item = items - 1; item >= 0; item--) {
                float[] out = new float[bits + 20];
                Arrays.fill(out, 9f);
                assertTrue(cache.get(item, out, 11, scratch));
                assertArrayEquals(stored[item], Arrays.copyOfRange(out, 11, 11 + bits), "item " + item);
                // nothing outside the record's range is touched
                for (int i = 0; i < out.length; i++) {
                    if (i < 11 || i >= 11 + bits) {
                        assertTrue(out[i] == 9f, "entry " + i + " overwritten");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anItemNotStoredIsAMiss(boolean inMemory) {
        try (SpikeCache cache = new SpikeCache(2, 100, inMemory ? 1 << 20 : 0, spill)) {
            long[] scratch = cache.newScratch();
            float[] out = new float[100];
            Arrays.fill(out, 9f);
            assertFalse(cache.get(1, out, 0, scratch));
            assertTrue(out[0] == 9f);
        }
    }
}
