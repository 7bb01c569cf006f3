package org.hmem.engine.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
            float[] recDefined = new float[n + 2], recSimd = new float[n + 2];
            trace.stepScalar(z, 0, defined, recDefined, 2, n);
            trace.step(z, 0, simd, recSimd, 2, n);
            assertArrayEquals(defined, simd, "n " + n);
            assertArrayEquals(recDefined, recSimd, "n " + n);
        }
    }
}
