package org.hmem.engine.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

class BatchParallelTest {

    @Test
    void everySampleRunsOnceOnAFixedWorker() {
        try (BatchParallel p = new BatchParallel(3)) {
            AtomicIntegerArray seen = new AtomicIntegerArray(10);
            int[] worker = new int[10];
            p.forEach(10, (w, b) -> {
                seen.incrementAndGet(b);
                worker[b] = w;
            });
            for (int b = 0; b < 10; b++) {
                assertEquals(1, seen.get(b));
            }
            // contiguous static ranges: 0-2 -> worker 0, 3-5 -> 1, 6-9 -> 2
            assertEquals(0, worker[2]);
            assertEquals(1, worker[3]);
            assertEquals(2, worker[9]);
        }
    }

    @Test
    void aFailureInAWorkerReachesTheCaller() {
        try (BatchParallel p = new BatchParallel(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.forEach(4, (w, b) -> {
                if (b == 3) {
                    throw new IllegalStateException("boom " + b);
                }
            }));
            assertEquals("boom 3", e.getMessage());
        }
    }
}
