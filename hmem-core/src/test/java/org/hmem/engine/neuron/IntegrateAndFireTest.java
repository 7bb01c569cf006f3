package org.hmem.engine.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.hmem.engine.simd.Simd;
import org.hmem.engine.surrogate.SurrogateGradient;
import org.hmem.engine.surrogate.TriangleSurrogate;
import org.hmem.engine.testkit.GradientCheck;
import org.junit.jupiter.api.Test;

/** The neuron step: its SIMD form against its definition, and the surrogate's choice of kernel. */
class IntegrateAndFireTest {

    private static final int[] LENGTHS = {1, 3, 8, 16, 37, 80, 100, 203};

    @Test
    void simdStepAndAdjointAreBitIdenticalToTheDefinition() {
        assumeTrue(Simd.enabled(), "SIMD kernels need --add-modules jdk.incubator.vector");
        for (boolean perfectReset : new boolean[] {false, true}) {
            for (int n : LENGTHS) {
                SplittableRandom rng = new SplittableRandom(3 + n);
                IafPscDelta model = new IafPscDelta(0.1f, perfectReset, 3, 20f, new TriangleSurrogate(0.7f));
                int steps = 60;
                float[] current = GradientCheck.uniform(rng, steps * n, -0.5, 0.6);
                IafState defined = model.newState(n), simd = model.newState(n);
                float[][] recDefined = {new float[steps * n], new float[steps * n]};
                float[][] recSimd = {new float[steps * n], new float[steps * n]};
                float[] spikes = new float[steps * n];
                int count = 0;
                for (int t = 0; t < steps; t++) {
                    model.forwardScalar(current, t * n, defined, recDefined, t * n, 0, n);
                    model.forwardStep(current, t * n, simd, recSimd, t * n, n);
                    assertTrue(defined.bitwiseEquals(simd), "state after step " + t + ", n " + n);
                    System.arraycopy(defined.z(), 0, spikes, t * n, n);
                    for (float z : defined.z()) {
                        count += (int) z;
                    }
                }
                assertTrue(n < 8 || count > 0, "the test population must spike");
                assertArrayEquals(recDefined[0], recSimd[0], "membrane record");
                assertArrayEquals(recDefined[1], recSimd[1], "surrogate record");
                float[] gz = GradientCheck.uniform(rng, steps * n, -1, 1);
                float[] gv = GradientCheck.uniform(rng, steps * n, -1, 1);
                for (boolean withGv : new boolean[] {false, true}) {
                    float[] adjDefined = new float[n];
                    IafState adjSimd = model.newState(n);
                    float[] gcDefined = new float[steps * n], gcSimd = new float[steps * n];
                    for (int t = steps - 1; t >= 0; t--) {
                        model.backwardScalar(gz, t * n, withGv ? gv : null, t * n, spikes, recDefined, t * n,
                                adjDefined, gcDefined, t * n, 0, n);
                        model.backwardStep(gz, t * n, withGv ? gv : null, t * n, spikes, recSimd, t * n, adjSimd,
                                gcSimd, t * n, n);
                    }
                    assertArrayEquals(gcDefined, gcSimd, "dL/dI, perfect reset " + perfectReset + ", n " + n);
                    assertArrayEquals(adjDefined, adjSimd.v());
                }
            }
        }
    }

    /**
     * A population that skips the surrogate record (acting) gives the same spikes, membranes and state as one that
     * keeps it, on the SIMD and the scalar neurons alike, and refuses a backward pass afterwards.
     */
    @Test
    void aForwardWithoutSurrogateRecordsGivesTheSameSpikesAndRefusesBackward() {
        for (int n : LENGTHS) {
            SplittableRandom rng = new SplittableRandom(5 + n);
            IafPscDelta model = new IafPscDelta(0.1f, false, 3, 20f, new TriangleSurrogate(0.7f));
            int steps = 40;
            float[] current = GradientCheck.uniform(rng, steps * n, -0.5, 0.6);
            Population full = new Population(model, n), lean = new Population(model, n);
            lean.recordSurrogate(false);
            full.begin(steps, null);
            lean.begin(steps, null);
            for (int t = 0; t < steps; t++) {
                full.step(t, current, t * n);
                lean.step(t, current, t * n);
            }
            assertArrayEquals(Arrays.copyOf(full.spikes(), steps * n), Arrays.copyOf(lean.spikes(), steps * n),
                    "spikes, n " + n);
            assertTrue(((IafState) full.state()).bitwiseEquals((IafState) lean.state()), "final state, n " + n);
            assertThrows(IllegalStateException.class, () -> lean.beginBackward(null));
            lean.recordSurrogate(true);
            lean.begin(steps, null);
            lean.beginBackward(null); // a recorded sequence may run backward again
        }
    }

    @Test
    void aSurrogateWithoutSimdFormRunsTheDefinitionWithItsOwnDerivative() {
        SurrogateGradient flat = vScaled -> Math.abs(vScaled) < 1f ? 0.5f : 0f;
        assertNull(flat.vectorForm());
        IafPscDelta model = new IafPscDelta(0.1f, false, 0, 20f, flat);
        int n = 40;
        IafState s = model.newState(n);
        float[][] rec = {new float[n], new float[n]};
        float[] current = new float[n];
        Arrays.fill(current, 1.5f);
        model.forwardStep(current, 0, s, rec, 0, n);
        for (int i = 0; i < n; i++) {
            assertEquals(flat.derivative((rec[0][i] - 0.1f) / 0.1f), rec[1][i], "the injected surrogate's value");
        }
    }
}
