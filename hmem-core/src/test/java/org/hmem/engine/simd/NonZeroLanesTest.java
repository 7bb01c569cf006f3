package org.hmem.engine.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class NonZeroLanesTest {

    /**
     * The vector scan for non-zero entries lists exactly the indices the definition does, in order: lone entries,
     * runs, entries in a vector's first and last lanes, signed zeros (not listed) and NaN (listed), ragged ends; and
     * it writes nothing past the list's end (a tight list would throw).
     */
    @Test
    void nonZeroScanListsTheNonZeroIndicesInOrder() {
        Assumptions.assumeTrue(Simd.enabled(), "SIMD is off in this JVM");
        SplittableRandom rng = new SplittableRandom(24);
        for (double density : new double[] {0, 0.02, 0.1, 0.3, 0.9, 1}) {
            for (int n : new int[] {1, 15, 16, 17, 64, 100, 784}) {
                int off = rng.nextInt(5);
                float[] x = new float[off + n];
                for (int k = 0; k < n; k++) {
                    double u = rng.nextDouble();
                    x[off + k] = u < density ? (u < density / 10 ? Float.NaN : 1f + k) : (u < 0.5 ? -0f : 0f);
                }
                int[] expected = new int[n + 3];
                int count = 3;
                for (int k = 0; k < n; k++) {
                    if (x[off + k] != 0f) {
                        expected[count++] = k;
                    }
                }
                // a tight list (the last vectors take the lane-by-lane path) and one with room for whole vectors
                int[] idx = new int[n + 3 + (density > 0.2 ? 16 : 0)];
                Arrays.fill(idx, 0, 3, -7);
                assertEquals(count, NonZeroLanes.append(x, off, n, idx, 3), "count, n " + n + " density " + density);
                for (int i = 3; i < count; i++) {
                    assertEquals(expected[i], idx[i], "entry " + i + ", n " + n + " density " + density);
                }
                assertEquals(-7, idx[0]);
            }
        }
    }
}
