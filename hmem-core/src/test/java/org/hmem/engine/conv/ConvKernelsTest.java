package org.hmem.engine.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
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

    /**
     * The sum of listed weight rows (the spiking convolution's currents and input gradient) gives the bits of the
     * matrix product over the whole row, zeros included, from zero or from a start row (the bias), with and without
     * SIMD, for widths around the 4-vector block of 8- and 16-float vectors.
     */
    @Test
    void sumOfListedRowsEqualsTheProductOverTheWholeRowBitForBit() {
        SplittableRandom rng = new SplittableRandom(23);
        int kd = 576;
        for (int n : new int[] {1, 7, 17, 32, 48, 64, 72, 96, 130}) {
            for (boolean fromInit : new boolean[] {false, true}) {
                float[] b = new float[kd * n];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) (rng.nextDouble() * 2 - 1);
                }
                float[] a = new float[kd];
                int[] rows = new int[kd];
                float[] xs = new float[kd];
                int count = 0;
                for (int k = 0; k < kd; k++) {
                    if (rng.nextDouble() < 0.2) {
                        a[k] = (float) (rng.nextDouble() * 2 - 1);
                        rows[count] = k;
                        xs[count++] = a[k];
                    }
                }
                float[] init = null;
                float[] product = new float[n];
                if (fromInit) {
                    init = new float[n];
                    for (int j = 0; j < n; j++) {
                        init[j] = (float) (rng.nextDouble() - 0.5);
                    }
                    product = init.clone();
                }
                ConvKernels.gemm(1, n, kd, a, 0, kd, 1, b, 0, n, product, 0, n);
                float[] listed = new float[n + 3];
                Arrays.fill(listed, Float.NaN); // the sum overwrites its output
                ConvKernels.sumScaledRows(count, rows, xs, b, n, n, init, 0, listed, 2);
                float[] scalar = new float[n];
                ConvKernels.sumScaledRowsScalar(count, rows, xs, b, n, 0, n, init, 0, scalar, 0);
                for (int j = 0; j < n; j++) {
                    String at = n + (fromInit ? " from init" : "") + " at " + j;
                    assertEquals(Float.floatToIntBits(product[j]), Float.floatToIntBits(listed[2 + j]), at);
                    assertEquals(Float.floatToIntBits(product[j]), Float.floatToIntBits(scalar[j]), at);
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
