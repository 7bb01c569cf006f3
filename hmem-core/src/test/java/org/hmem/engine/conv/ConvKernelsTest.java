package org.hmem.engine.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.hmem.engine.simd.Simd;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ConvKernelsTest {

    /** The SIMD tiles must reproduce the scalar loop bit for bit, whatever the shape, strides and zeros. */
    @Test
    void simdProductEqualsTheScalarOneBitForBit() {
        Assumptions.assumeTrue(Simd.enabled(), "SIMD is off in this JVM");
        SplittableRandom rng = new SplittableRandom(21);
        int[][] shapes = {{7, 64, 45}, {196, 64, 576}, {9, 64, 784}, {4, 100, 3}, {5, 576, 64}, {3, 9, 17}};
        for (int[] sh : shapes) {
            int m = sh[0], n = sh[1], kd = sh[2];
            for (boolean transposedA : new boolean[] {false, true}) {
                float[] a = new float[m * kd];
                for (int i = 0; i < a.length; i++) {
                    a[i] = rng.nextDouble() < 0.4 ? 0f : (float) (rng.nextDouble() * 2 - 1);
                }
                float[] b = new float[kd * n];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) (rng.nextDouble() * 2 - 1);
                }
                float[] c0 = new float[m * n];
                for (int i = 0; i < c0.length; i++) {
                    c0[i] = (float) rng.nextDouble();
                }
                float[] c1 = c0.clone();
                int aRow = transposedA ? 1 : kd;
                int aCol = transposedA ? m : 1;
                ConvLanes.gemm(m, n, kd, a, 0, aRow, aCol, b, 0, n, c0, 0, n);
                ConvKernels.gemmScalar(m, 0, n, kd, a, 0, aRow, aCol, b, 0, n, c1, 0, n);
                for (int i = 0; i < c0.length; i++) {
                    assertEquals(Float.floatToIntBits(c1[i]), Float.floatToIntBits(c0[i]),
                            m + "x" + n + "x" + kd + " transposed " + transposedA + " at " + i);
                }
            }
        }
    }

    @Test
    void productMatchesTheDefinition() {
        SplittableRandom rng = new SplittableRandom(22);
        int m = 6, n = 37, kd = 11;
        float[] a = new float[m * kd];
        float[] b = new float[kd * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.nextDouble();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rng.nextDouble();
        }
        float[] c = new float[m * n];
        ConvKernels.gemm(m, n, kd, a, 0, kd, 1, b, 0, n, c, 0, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < kd; k++) {
                    s += (double) a[i * kd + k] * b[k * n + j];
                }
                assertEquals(s, c[i * n + j], 1e-5);
            }
        }
    }
}
