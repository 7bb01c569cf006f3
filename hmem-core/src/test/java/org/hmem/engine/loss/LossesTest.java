package org.hmem.engine.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.hmem.engine.testkit.GradientCheck;
import org.junit.jupiter.api.Test;

class LossesTest {

    private final SplittableRandom rng = new SplittableRandom(5);

    @Test
    void crossEntropyMatchesHandValueAndFiniteDifferences() {
        float[] logits = {1f, 2f, 0.5f};
        double expected = -Math.log(Math.exp(2) / (Math.exp(1) + Math.exp(2) + Math.exp(0.5)));
        float[] g = new float[3];
        assertEquals(expected, CrossEntropy.lossAndGradient(logits, 0, 3, 1, 1f, g, 0), 1e-6);
        GradientCheck.check("ce", logits, g, () -> CrossEntropy.lossAndGradient(logits, 0, 3, 1, 1f, null, 0),
                1e-2f, 1e-3);
    }

    @Test
    void crossEntropyIsStableForHugeLogits() {
        float[] logits = {1000f, 0f, -1000f};
        float[] g = new float[3];
        double loss = CrossEntropy.lossAndGradient(logits, 0, 3, 0, 0.5f, g, 0);
        assertEquals(0, loss, 1e-12);
        assertEquals(0f, g[0], 1e-12f);
        loss = CrossEntropy.lossAndGradient(logits, 0, 3, 2, 0.5f, g, 0);
        assertEquals(2000, loss, 1e-3);
        assertEquals(-0.5f, g[2], 1e-6f);
        assertEquals(0.5f, g[0], 1e-6f);
        assertEquals(2, CrossEntropy.argmax(new float[] {0, 1, 3, 3}, 0, 4), "first maximum wins");
    }

    @Test
    void meanSquaredErrorGradientMatchesFiniteDifferences() {
        float[] y = GradientCheck.uniform(rng, 6, -1, 1);
        float[] t = GradientCheck.uniform(rng, 6, -1, 1);
        float[] g = new float[6];
        MeanSquaredError.lossAndGradient(y, 0, t, 0, 6, 6, g, 0);
        GradientCheck.check("mse", y, g, () -> MeanSquaredError.lossAndGradient(y, 0, t, 0, 6, 6, null, 0),
                1e-2f, 1e-3);
    }

    @Test
    void activityRegularizerCoefficientsAreItsDerivative() {
        int batch = 3, n = 4;
        float[] counts = GradientCheck.uniform(rng, batch * n, 0, 20);
        double[] w = {0.1, 0.2, 0.05};
        double target = 5;
        double[] mean = new double[n];
        double loss = ActivityRegularizer.loss(counts, w, batch, n, target, mean);
        double manual = 0;
        for (int i = 0; i < n; i++) {
            double r = 0;
            for (int b = 0; b < batch; b++) {
                r += counts[b * n + i] / w[b];
            }
            manual += Math.pow(r / batch - target, 2);
        }
        assertEquals(manual / n, loss, 1e-9 * manual);
        double[] coef = new double[n];
        ActivityRegularizer.coefficients(mean, batch, n, target, 1.0, coef);
        float[] analytic = new float[batch * n];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n; i++) {
                analytic[b * n + i] = (float) (coef[i] / w[b]);
            }
        }
        GradientCheck.check("reg", counts, analytic,
                () -> ActivityRegularizer.loss(counts, w, batch, n, target, new double[n]), 1e-2f, 1e-3);
        assertTrue(loss > 0);
    }
}
