package org.hmem.engine.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;

import org.hmem.engine.simd.Simd;
import org.hmem.engine.testkit.GradientCheck;
import org.junit.jupiter.api.Test;

class ExpTraceTest {

    @Test
    void constantInputDrivesTheTraceToOne() {
        ExpTrace trace = new ExpTrace(20f);
        float[] z = {1f}, x = {0f}, rec = new float[1];
        for (int t = 0; t < 400; t++) {
            trace.step(z, 0, x, rec, 0, 1);
        }
        assertEquals(1f, x[0], 1e-6f);
        assertEquals(x[0], rec[0]);
    }

    @Test
    void aSilentTraceDecaysToExactZeroWithoutSubnormals() {
        ExpTrace trace = new ExpTrace(20f);
        float d = trace.decay();
        float[] z = new float[20], x = new float[20], rec = new float[20];
        java.util.Arrays.fill(x, 1f);
        float unflushed = 1f;
        int flushedAt = -1;
        for (int t = 0; t < 3000; t++) {
            trace.step(z, 0, x, rec, 0, 20);
            unflushed = d * unflushed;
            for (float xi : x) {
                assertTrue(xi == 0f || xi >= Float.MIN_NORMAL, "subnormal trace " + xi + " at step " + t);
            }
            if (unflushed >= ExpTrace.FLUSH) {
                assertEquals(unflushed, x[19], 0f, "step " + t); // bit for bit the definition until the flush
            } else if (flushedAt < 0) {
                flushedAt = t;
            }
        }
        assertEquals(0f, x[0]);
        // the flush acts where the trace would pass 2^-60, not earlier: about 850 steps of silence at tau 20
        assertTrue(flushedAt > 800 && flushedAt < 900, "flushed at step " + flushedAt);
    }

    @Test
    void simdStepIsBitIdenticalToTheDefinition() {
        assumeTrue(Simd.enabled(), "SIMD kernels need --add-modules jdk.incubator.vector");
        ExpTrace trace = new ExpTrace(20f);
        SplittableRandom rng = new SplittableRandom(9);
        for (int n : new int[] {1, 3, 16, 37, 100, 203}) {
            float[] z = new float[n];
            for (int i = 0; i < n; i++) {
                z[i] = rng.nextDouble() < 0.3 ? 1f : 0f;
            }
            float[] defined = GradientCheck.uniform(rng, n, 0, 1), simd = defined.clone();
            for (int i = 0; i < n; i += 3) {
                // traces about to be flushed, of both signs, and traces just above the flush
                defined[i] = (float) ((rng.nextBoolean() ? 1 : -1) * ExpTrace.FLUSH * (0.5 + 1.5 * rng.nextDouble()));
                simd[i] = defined[i];
            }
            float[] recDefined = new float[n + 2], recSimd = new float[n + 2];
            trace.stepScalar(z, 0, defined, recDefined, 2, n);
            trace.step(z, 0, simd, recSimd, 2, n);
            assertArrayEquals(defined, simd, "n " + n);
            assertArrayEquals(recDefined, recSimd, "n " + n);
        }
    }
}
