package org.hmem.engine.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.hmem.engine.nn.Parameter;
import org.junit.jupiter.api.Test;

class InitTest {

    @Test
    void xavierUniformRespectsItsBoundAndVariance() {
        Parameter p = new Parameter("w", true, 200, 160);
        Init.xavierUniform(p, Init.SQRT2, new SplittableRandom(1));
        double a = Math.sqrt(2) * Math.sqrt(6.0 / 360);
        double sumSq = 0;
        for (float v : p.data()) {
            assertTrue(Math.abs(v) <= a);
            sumSq += v * v;
        }
        assertEquals(a * a / 3, sumSq / p.size(), 0.02 * a * a / 3, "variance of U(-a, a)");
    }

    @Test
    void orthogonalRowsAreOrthonormalTimesGain() {
        Parameter p = new Parameter("w", true, 4, 9);
        Init.orthogonal(p, 0.5, new SplittableRandom(2));
        float[] d = p.data();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double dot = 0;
                for (int k = 0; k < 9; k++) {
                    dot += d[i * 9 + k] * d[j * 9 + k];
                }
                assertEquals(i == j ? 0.25 : 0, dot, 1e-6);
            }
        }
    }

    @Test
    void sameSeedSameValues() {
        Parameter a = new Parameter("a", true, 3, 3);
        Parameter b = new Parameter("b", true, 3, 3);
        Init.xavierUniform(a, 1, new SplittableRandom(7));
        Init.xavierUniform(b, 1, new SplittableRandom(7));
        assertEquals(java.util.Arrays.toString(a.data()), java.util.Arrays.toString(b.data()));
    }
}
