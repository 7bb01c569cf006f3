package org.hmem.task.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.plasticity.InvertedOjaSoftBound;
import org.hmem.engine.testkit.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * The ReLU core: analytic gradients through the carried memory and an episode start against finite differences; the
 * two read modes agree one step at a time, and only the reference's mode lets a step read later steps' writes.
 */
class ReluMemoryCoreTest {

    private static final int OBS = 6, E = 5, M = 4, K = 4;

    private static ReluMemoryCore core(boolean eachStep) {
        ReluMemoryCore c = new ReluMemoryCore("net.net", OBS, E, M, new InvertedOjaSoftBound(1f, 0.1f, 0.1f),
                eachStep);
        c.initialize(new SplittableRandom(5));
        return c;
    }

    private static double loss(ReluMemoryCore c, float[] obs, float[] masks, float[] start, float[] r) {
        float[] out = new float[K * M];
        c.newSequence().forward(obs, 0, masks, 0, K, new ReluMemoryCore.State(start), out, 0);
        return GradientCheck.dot(out, r, out.length);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (boolean eachStep : new boolean[] {true, false}) {
            SplittableRandom rng = new SplittableRandom(eachStep ? 1 : 2);
            ReluMemoryCore c = core(eachStep);
            float[] obs = GradientCheck.uniform(rng, K * OBS, 0, 1);
            float[] masks = {1, 1, 0, 1};
            float[] start = GradientCheck.uniform(rng, M * M, -0.5, 0.5);
            float[] r = GradientCheck.uniform(rng, K * M, -1, 1);
            ReluMemoryCore.Sequence seq = c.newSequence();
            seq.forward(obs, 0, masks, 0, K, new ReluMemoryCore.State(start), new float[K * M], 0);
            Gradients g = new Gradients(c.parameters());
            seq.backward(r, 0, g);
            for (Parameter p : c.parameters()) {
                GradientCheck.check((eachStep ? "each step: " : "runs: ") + p.name(), p.data(), g.of(p),
                        () -> loss(c, obs, masks, start, r), 1e-3f, 2e-2);
            }
        }
    }

    @Test
    void onlyTheReferenceModeReadsLaterWrites() {
        SplittableRandom rng = new SplittableRandom(3);
        float[] obs = GradientCheck.uniform(rng, K * OBS, 0, 1);
        float[] changed = obs.clone();
        for (int i = 2 * OBS; i < 3 * OBS; i++) {
            changed[i] += 0.5f;
        }
        float[] masks = {1, 1, 1, 1};
        for (boolean eachStep : new boolean[] {true, false}) {
            ReluMemoryCore c = core(eachStep);
            float[] a = new float[K * M], b = new float[K * M];
            c.newSequence().forward(obs, 0, masks, 0, K, c.newState(), a, 0);
            c.newSequence().forward(changed, 0, masks, 0, K, c.newState(), b, 0);
            float[] firstA = Arrays.copyOf(a, M), firstB = Arrays.copyOf(b, M);
            if (eachStep) {
                assertArrayEquals(firstA, firstB, "step 0 must not see step 2's observation");
            } else {
                assertFalse(Arrays.equals(firstA, firstB), "the reference reads step 0 with step 2's writes");
            }
        }
        // one step at a time both modes are the same computation
        float[] one = new float[M], two = new float[M];
        core(true).newSequence().forward(obs, 0, masks, 0, 1, core(true).newState(), one, 0);
        core(false).newSequence().forward(obs, 0, masks, 0, 1, core(false).newState(), two, 0);
        assertArrayEquals(one, two);
    }
}
