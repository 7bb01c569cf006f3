package org.hmem.task.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hmem.engine.testkit.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * The PPO loss's row gradients against finite differences on each branch: ratio inside the clip range, clipped above
 * with a positive advantage (no policy gradient), clipped below with a negative one, and the value inside and outside
 * its clip range.
 */
class PpoLossTest {

    private static final PpoLoss LOSS = new PpoLoss(0.2, 0.1, 0.01);
    private static final int N = 4, ROWS = 3;

    private static double total(float[] logits, float[] value, int action, float oldLogProb, float oldValue,
                                float ret, float adv) {
        PpoLoss.Terms t = new PpoLoss.Terms();
        LOSS.row(logits, 0, N, action, value[0], oldLogProb, oldValue, ret, adv, ROWS, new float[N], t, new float[N],
                0, new float[1], 0);
        return LOSS.total(t);
    }

    private static void check(String what, float oldLogProbShift, float adv, float oldValue) {
        float[] logits = {0.3f, -0.2f, 0.5f, 0.1f};
        float[] value = {1.0f};
        int action = 2;
        float[] lp = new float[N];
        Categorical.logSoftmax(logits, 0, N, lp, 0);
        float oldLogProb = lp[action] + oldLogProbShift;
        float ret = 2.0f;
        float[] gLogits = new float[N], gValue = new float[1];
        LOSS.row(logits, 0, N, action, value[0], oldLogProb, oldValue, ret, adv, ROWS, new float[N],
                new PpoLoss.Terms(), gLogits, 0, gValue, 0);
        GradientCheck.check(what + " logits", logits, gLogits,
                () -> total(logits, value, action, oldLogProb, oldValue, ret, adv), 1e-3f, 1e-2);
        GradientCheck.check(what + " value", value, gValue,
                () -> total(logits, value, action, oldLogProb, oldValue, ret, adv), 1e-3f, 1e-2);
    }

    @Test
    void gradientsOnEveryBranch() {
        check("ratio in range", 0.05f, 1.5f, 0.95f);
        check("ratio above range, A > 0", -0.5f, 1.5f, 0.5f);
        check("ratio below range, A < 0", 0.5f, -1.5f, 1.5f);
        check("value change clipped", 0.0f, 0.7f, 0.2f);
    }

    @Test
    void aClippedRatioWithPositiveAdvantageGivesNoPolicyGradient() {
        float[] logits = {0.3f, -0.2f, 0.5f, 0.1f};
        float[] lp = new float[N];
        Categorical.logSoftmax(logits, 0, N, lp, 0);
        float[] g = new float[N];
        PpoLoss noEntropy = new PpoLoss(0.2, 0.1, 0.0);
        PpoLoss.Terms t = new PpoLoss.Terms();
        noEntropy.row(logits, 0, N, 2, 1f, lp[2] - 0.5f, 1f, 1f, 2f, 1, new float[N], t, g, 0, new float[1], 0);
        for (float x : g) {
            assertEquals(0f, x, "beyond 1 + eps with A > 0 the clipped term is the minimum and constant");
        }
        assertTrue(t.policyLoss < 0, "the surrogate is -1.2 * A");
        assertEquals(-1.2 * 2, t.policyLoss, 1e-6);
    }
}
