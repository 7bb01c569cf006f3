package org.hmem.engine.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;

import org.hmem.engine.tensor.FloatOps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generic SIMD kernels against plain loops: bit-identical for the kernels forward passes use, equal up to
 * rounding for the reductions. Lengths cover full vectors, tails and lengths below one vector. (The model formulas'
 * SIMD forms are tested against their definitions in their own packages.)
 */
class VectorKernelsTest {

    private static final int[] LENGTHS = {1, 3, 8, 16, 37, 80, 100, 203};

    @BeforeAll
    static void simdIsOn() {
        assumeTrue(Simd.enabled(), "SIMD kernels need --add-modules jdk.incubator.vector");
    }

    private static float[] uniform(SplittableRandom rng, int n, double lo, double hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        }
        return a;
    }

    private static float[] sparse(SplittableRandom rng, int n, double p, float[] values) {
        float[] a = values.clone();
        for (int i = 0; i < n; i++) {
            if (rng.nextDouble() >= p) {
                a[i] = 0f;
            }
        }
        return a;
    }

    @Test
    void axpyIsExact() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int n : LENGTHS) {
            float[] x = uniform(rng, n + 5, -2, 2);
            float[] y = uniform(rng, n + 9, -2, 2);
            float a = (float) rng.nextDouble();
            float[] expected = y.clone();
            for (int i = 0; i < n; i++) {
                expected[4 + i] += a * x[2 + i];
            }
            VectorKernels.axpy(n, a, x, 2, y, 4);
            assertArrayEquals(expected, y, "n = " + n);
        }
    }

    /** The masked add keeps every unmasked element's bits (a -0 too) and adds exactly elsewhere. */
    @Test
    void maskedAddAndZeroTestMatchTheLoops() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int n : LENGTHS) {
            float[] x = uniform(rng, n + 2, -1, 1);
            float[] y = uniform(rng, n + 1, -1, 1);
            float[] mask = new float[n + 3];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = rng.nextDouble() < 0.5 ? 0f : 0.25f;
                if (rng.nextDouble() < 0.1) {
                    y[Math.min(i, n)] = -0f;
                }
            }
            float[] expected = y.clone();
            for (int i = 0; i < n; i++) {
                if (mask[2 + i] != 0f) {
                    expected[1 + i] += x[2 + i];
                }
            }
            VectorKernels.addWhereNonZero(n, x, 2, mask, 2, y, 1);
            for (int i = 0; i < y.length; i++) {
                assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(y[i]), "n " + n + " at " + i);
            }
            float[] a = new float[n + 4];
            a[1] = 1f; // just outside the range, on both sides
            a[2 + n] = 1f;
            assertFalse(VectorKernels.anyNonZero(a, 2, n));
            a[2 + rng.nextInt(n)] = -1e-30f;
            assertTrue(VectorKernels.anyNonZero(a, 2, n));
        }
    }

    @Test
    void dotMatchesADoublePrecisionSum() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int n : LENGTHS) {
            float[] x = uniform(rng, n + 3, -1, 1);
            float[] y = uniform(rng, n + 1, -1, 1);
            double ref = 0, mag = 0;
            for (int i = 0; i < n; i++) {
                ref += (double) x[3 + i] * y[1 + i];
                mag += Math.abs((double) x[3 + i] * y[1 + i]);
            }
            assertEquals(ref, VectorKernels.dot(n, x, 3, y, 1), 1e-6 * mag + 1e-30, "n = " + n);
        }
    }

    @Test
    void sparseProjectionIsBitIdenticalToRepeatedAxpy() {
        SplittableRandom rng = new SplittableRandom(10);
        for (int m : LENGTHS) {
            int n = 37;
            float[] wt = uniform(rng, 3 + n * m, -1, 1);
            // spikes (1), other non-zero inputs and zeros
            float[] x = sparse(rng, n + 2, 0.3, uniform(rng, n + 2, 1, 1));
            x[5] = 0.37f;
            x[9] = -2f;
            float[] y = uniform(rng, m + 4, -1, 1);
            float[] expected = y.clone();
            for (int k = 0; k < n; k++) {
                float xk = x[2 + k];
                if (xk != 0f) {
                    for (int c = 0; c < m; c++) {
                        expected[4 + c] += xk * wt[3 + k * m + c];
                    }
                }
            }
            VectorKernels.addSparseProjection(x, 2, n, wt, 3, m, y, 4, new int[n]);
            assertArrayEquals(expected, y, "m = " + m);
        }
    }

    @Test
    void rowDotsOfSelectedRows() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int cols : LENGTHS) {
            for (int rows : new int[] {1, 3, 4, 7, 13, 64, 100, 130}) {
                int stride = cols + 3;
                float[] a = uniform(rng, 2 + rows * stride, -1, 1);
                float[] x = uniform(rng, cols + 1, -1, 1);
                float[] select = sparse(rng, rows, 0.6, uniform(rng, rows, 0.1, 1));
                // whole vectors of unselected rows, and a selected row in the last lane
                float[] nearlyNone = sparse(rng, rows, 0.03, uniform(rng, rows, 0.1, 1));
                nearlyNone[rows - 1] = 0.5f;
                for (float[] sel : new float[][] {null, select, nearlyNone, new float[rows]}) {
                    float[] out = uniform(rng, rows, -1, 1);
                    float[] expected = out.clone();
                    for (int r = 0; r < rows; r++) {
                        if (sel == null || sel[r] != 0f) {
                            double s = 0;
                            for (int i = 0; i < cols; i++) {
                                s += (double) a[2 + r * stride + i] * x[1 + i];
                            }
                            expected[r] += (float) (0.2 * s);
                        }
                    }
                    VectorKernels.addRowDots(rows, cols, a, 2, stride, x, 1, 0.2f, sel, 0, out, 0);
                    for (int r = 0; r < rows; r++) {
                        assertEquals(expected[r], out[r], 1e-5, "rows " + rows + " cols " + cols);
                        if (sel != null && sel[r] == 0f) {
                            assertEquals(Float.floatToIntBits(expected[r]), Float.floatToIntBits(out[r]),
                                    "unselected rows stay untouched");
                        }
                    }
                }
            }
        }
    }

    /** Bit for bit the sums of an axpy per input spike, steps visited backwards. */
    @Test
    void spikeOuterProductsEqualAnAxpyPerSpike() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int width : LENGTHS) {
            for (int in : new int[] {1, 5, 80}) {
                int steps = 37;
                float[] x = sparse(rng, 3 + steps * in, 0.2, uniform(rng, 3 + steps * in, -1, 1));
                for (int i = 0; i < x.length; i += 3) {
                    if (x[i] != 0f) {
                        x[i] = 1f; // spikes as well as graded values
                    }
                }
                int gStride = width + 2;
                float[] g = uniform(rng, 4 + steps * gStride, -1, 1);
                float[] out = uniform(rng, 1 + in * width, -1, 1);
                float[] expected = out.clone();
                for (int t = steps - 1; t >= 0; t--) {
                    for (int k = 0; k < in; k++) {
                        float xk = x[3 + t * in + k];
                        if (xk != 0f) {
                            for (int c = 0; c < width; c++) {
                                expected[1 + k * width + c] += xk * g[4 + t * gStride + c];
                            }
                        }
                    }
                }
                float[] untouched = out.clone();
                // grown as FloatOps does: a call with too little scratch says how much it needs and adds nothing
                int[] lists = new int[0];
                int need;
                while ((need = VectorKernels.addSpikeOuterProducts(steps, x, 3, in, g, 4, gStride, width, out, 1,
                        lists)) > lists.length) {
                    assertArrayEquals(untouched, out, "too little scratch: nothing is added");
                    lists = new int[need];
                }
                assertArrayEquals(expected, out, "width " + width + ", in " + in);
            }
        }
    }

    /**
     * Row dots of a transposed matrix, SIMD: the rows of the non-zero inputs added in ascending order, so the same bits
     * as a sequential sum of the products; unselected rows keep theirs.
     */
    @Test
    void transposedRowDotsAreSequentialSumsOfTheSelectedRows() {
        SplittableRandom rng = new SplittableRandom(14);
        for (int rows : LENGTHS) {
            for (int cols : new int[] {1, 7, 100}) {
                int stride = rows + 5;
                float[] aT = uniform(rng, 3 + cols * stride, -1, 1);
                float[] x = sparse(rng, cols + 2, 0.4, uniform(rng, cols + 2, -1, 1));
                float[] select = sparse(rng, rows + 1, 0.5, uniform(rng, rows + 1, 0.1, 1));
                float[] out = uniform(rng, rows, -1, 1);
                float[] expected = out.clone();
                for (int r = 0; r < rows; r++) {
                    if (select[1 + r] != 0f) {
                        float s = 0f;
                        for (int i = 0; i < cols; i++) {
                            s += aT[3 + i * stride + r] * x[2 + i];
                        }
                        expected[r] += 0.5f * s;
                    }
                }
                FloatOps.addTransposedRowDots(rows, cols, aT, 3, stride, x, 2, 0.5f, select, 1, out, 0,
                        new float[rows], new int[cols]);
                assertArrayEquals(expected, out, "rows " + rows + ", cols " + cols);
            }
        }
    }
}
