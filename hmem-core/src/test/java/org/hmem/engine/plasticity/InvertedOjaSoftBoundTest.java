package org.hmem.engine.plasticity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;

import org.hmem.engine.simd.Simd;
import org.hmem.engine.testkit.GradientCheck;
import org.junit.jupiter.api.Test;

class InvertedOjaSoftBoundTest {

    private final InvertedOjaSoftBound rule = new InvertedOjaSoftBound(1f, 0.3f, 0.2f);
    private final SplittableRandom rng = new SplittableRandom(11);

    @Test
    void updateMatchesTheFormulaInKeyMajorLayout() {
        float[] m = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}; // nPre 2 rows of nPost 3
        float[] pre = {0.5f, 0.25f}, post = {1f, 0.2f, 0.4f};
        float[] before = m.clone();
        rule.update(m, 0, pre, 0, post, 0, 2, 3);
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < 3; i++) {
                double w = before[j * 3 + i];
                double d = 0.3 * (1 - w) * post[i] * pre[j] - 0.2 * pre[j] * pre[j] * w;
                assertEquals(w + d, m[j * 3 + i], 1e-7);
            }
        }
    }

    @Test
    void silentKeyRowsStayUnchanged() {
        float[] m = GradientCheck.uniform(rng, 6, -1, 1);
        float[] before = m.clone();
        rule.update(m, 0, new float[] {0f, 0.7f}, 0, new float[] {1f, 1f, 1f}, 0, 2, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(before[i], m[i]);
        }
    }

    @Test
    void backwardThroughASequenceOfUpdatesMatchesFiniteDifferences() {
        int nPre = 3, nPost = 4, steps = 6;
        float[] pre = GradientCheck.uniform(rng, steps * nPre, 0, 1);
        float[] post = GradientCheck.uniform(rng, steps * nPost, 0, 1);
        float[] m0 = GradientCheck.uniform(rng, nPre * nPost, -0.5, 0.5);
        float[] r = GradientCheck.uniform(rng, nPre * nPost, -1, 1);
        java.util.function.DoubleSupplier loss = () -> {
            float[] m = m0.clone();
            for (int t = 0; t < steps; t++) {
                rule.update(m, 0, pre, t * nPre, post, t * nPost, nPre, nPost);
            }
            return GradientCheck.dot(m, r, m.length);
        };
        float[][] history = new float[steps][];
        float[] m = m0.clone();
        for (int t = 0; t < steps; t++) {
            history[t] = m.clone();
            rule.update(m, 0, pre, t * nPre, post, t * nPost, nPre, nPost);
        }
        float[] gm = r.clone();
        float[] gPre = new float[steps * nPre], gPost = new float[steps * nPost];
        for (int t = steps - 1; t >= 0; t--) {
            rule.backward(gm, 0, history[t], 0, pre, t * nPre, post, t * nPost, gPre, t * nPre, gPost, t * nPost,
                    nPre, nPost);
        }
        GradientCheck.check("pre", pre, gPre, loss, 1e-2f, 2e-3);
        GradientCheck.check("post", post, gPost, loss, 1e-2f, 2e-3);
        GradientCheck.check("initial memory", m0, gm, loss, 1e-2f, 2e-3);
    }

    @Test
    void simdFormMatchesTheDefinition() {
        assumeTrue(Simd.enabled(), "SIMD kernels need --add-modules jdk.incubator.vector");
        InvertedOjaSoftBound r = new InvertedOjaSoftBound(1f, 0.3f, 0.25f);
        for (int nPost : new int[] {16, 37, 80, 100, 203}) {
            int nPre = 13;
            SplittableRandom g = new SplittableRandom(100 + nPost);
            float[] m = GradientCheck.uniform(g, nPre * nPost, -0.2, 0.9);
            float[] pre = GradientCheck.uniform(g, nPre, 0, 1);
            for (int j = 0; j < nPre; j += 3) {
                pre[j] = 0f;
            }
            float[] post = GradientCheck.uniform(g, nPost, 0, 1);
            float[] defined = m.clone(), simd = m.clone();
            r.updateScalar(defined, 0, pre, 0, post, 0, nPre, nPost);
            r.update(simd, 0, pre, 0, post, 0, nPre, nPost);
            assertArrayEquals(defined, simd, "update bit for bit, nPost " + nPost);

            float[] gmDefined = GradientCheck.uniform(g, nPre * nPost, -1, 1), gmSimd = gmDefined.clone();
            float[] gPreDefined = new float[nPre], gPreSimd = new float[nPre];
            float[] gPostDefined = new float[nPost], gPostSimd = new float[nPost];
            r.backwardRows(0, nPre, gmDefined, 0, m, 0, pre, 0, post, 0, gPreDefined, 0, gPostDefined, 0, nPost);
            r.backward(gmSimd, 0, m, 0, pre, 0, post, 0, gPreSimd, 0, gPostSimd, 0, nPre, nPost);
            assertArrayEquals(gmDefined, gmSimd, 1e-6f, "dL/dM_old");
            assertArrayEquals(gPreDefined, gPreSimd, 1e-5f * nPost, "dL/dpre (lane sums)");
            assertArrayEquals(gPostDefined, gPostSimd, 1e-5f * nPre, "dL/dpost");
        }
    }
}
