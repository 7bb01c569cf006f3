package org.hmem.engine.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;

import org.hmem.engine.neuron.IafPscDelta;
import org.hmem.engine.neuron.IntegrateAndFire;
import org.hmem.engine.surrogate.SurrogateGradient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels against scalar references: bit-identical for the kernels forward passes use, equal up to
 * rounding for the reductions. Lengths cover full vectors, tails and lengths below one vector.
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
            for (int rows : new int[] {1, 3, 4, 7, 13}) {
                int stride = cols + 3;
                float[] a = uniform(rng, 2 + rows * stride, -1, 1);
                float[] x = uniform(rng, cols + 1, -1, 1);
                float[] select = sparse(rng, rows, 0.6, uniform(rng, rows, 0.1, 1));
                for (float[] sel : new float[][] {null, select}) {
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

    /** The triangular surrogate behind an interface the kernels do not recognise, which forces the scalar loop. */
    private static IntegrateAndFire scalarTwin(float thr, boolean perfectReset, float damp) {
        SurrogateGradient triangle = x -> {
            float tri = 1f - Math.abs(x);
            return tri > 0f ? damp * tri : 0f;
        };
        return new IafPscDelta(thr, perfectReset, 3, 20f, triangle);
    }

    @Test
    void integrateAndFireStepsAreBitIdenticalToTheScalarLoop() {
        for (boolean perfectReset : new boolean[] {false, true}) {
            for (int n : LENGTHS) {
                SplittableRandom rng = new SplittableRandom(3 + n);
                float thr = 0.1f, damp = 0.7f;
                IntegrateAndFire scalar = scalarTwin(thr, perfectReset, damp);
                IntegrateAndFire vector = new IafPscDelta(thr, perfectReset, 3, 20f,
                        new org.hmem.engine.surrogate.TriangleSurrogate(damp));
                int steps = 60;
                float[] current = uniform(rng, steps * n, -0.5, 0.6);
                float[] v1 = new float[n], r1 = new float[n], z1 = new float[n];
                float[] v2 = new float[n], r2 = new float[n], z2 = new float[n];
                float[] vRec1 = new float[steps * n], sRec1 = new float[steps * n];
                float[] vRec2 = new float[steps * n], sRec2 = new float[steps * n];
                float[] zRec = new float[steps * n];
                int spikes = 0;
                for (int t = 0; t < steps; t++) {
                    scalar.forwardStep(current, t * n, v1, r1, z1, vRec1, sRec1, t * n, n);
                    vector.forwardStep(current, t * n, v2, r2, z2, vRec2, sRec2, t * n, n);
                    assertArrayEquals(z1, z2, "spikes, step " + t);
                    assertArrayEquals(r1, r2, "refractory counters, step " + t);
                    System.arraycopy(z1, 0, zRec, t * n, n);
                    for (float z : z1) {
                        spikes += (int) z;
                    }
                }
                assertTrue(n < 8 || spikes > 0, "the test population must spike");
                assertArrayEquals(v1, v2);
                assertArrayEquals(vRec1, vRec2);
                assertArrayEquals(sRec1, sRec2);
                // backward: the subtract-reset kernel is SIMD, the perfect-reset one scalar in both
                float[] gz = uniform(rng, steps * n, -1, 1);
                float[] gv = uniform(rng, steps * n, -1, 1);
                for (boolean withGv : new boolean[] {false, true}) {
                    float[] adj1 = new float[n], adj2 = new float[n];
                    float[] gc1 = new float[steps * n], gc2 = new float[steps * n];
                    for (int t = steps - 1; t >= 0; t--) {
                        scalar.backwardStep(gz, t * n, withGv ? gv : null, t * n, vRec1, zRec, sRec1, t * n, adj1,
                                gc1, t * n, n);
                        vector.backwardStep(gz, t * n, withGv ? gv : null, t * n, vRec2, zRec, sRec2, t * n, adj2,
                                gc2, t * n, n);
                    }
                    assertArrayEquals(gc1, gc2, "dL/dI, perfect reset " + perfectReset + ", n " + n);
                    assertArrayEquals(adj1, adj2);
                }
            }
        }
    }

    /** The plasticity update in the scalar code's association order. */
    private static void ojaUpdateReference(float gp, float gn, float wm, float[] m, float[] pre, float[] post, int nPre,
                                           int nPost) {
        for (int j = 0; j < nPre; j++) {
            float pj = pre[j];
            if (pj == 0f) {
                continue;
            }
            float decayTerm = gn * (pj * pj);
            for (int i = 0; i < nPost; i++) {
                float w = m[j * nPost + i];
                m[j * nPost + i] = w + (gp * (wm - w) * (post[i] * pj) - decayTerm * w);
            }
        }
    }

    @Test
    void plasticityUpdateIsBitIdenticalAndBackwardMatches() {
        float gp = 0.3f, gn = 0.25f, wm = 1f;
        for (int nPost : LENGTHS) {
            int nPre = 13;
            SplittableRandom rng = new SplittableRandom(100 + nPost);
            float[] m = uniform(rng, nPre * nPost, -0.2, 0.9);
            float[] pre = sparse(rng, nPre, 0.6, uniform(rng, nPre, 0, 1));
            float[] post = uniform(rng, nPost, 0, 1);
            float[] expected = m.clone();
            ojaUpdateReference(gp, gn, wm, expected, pre, post, nPre, nPost);
            float[] actual = m.clone();
            VectorKernels.ojaUpdate(gp, gn, wm, actual, 0, pre, 0, post, 0, nPre, nPost);
            assertArrayEquals(expected, actual, "update, nPost " + nPost);

            float[] gm = uniform(rng, nPre * nPost, -1, 1);
            float[] gmRef = gm.clone();
            double[] gPreRef = new double[nPre], gPostRef = new double[nPost];
            for (int j = 0; j < nPre; j++) {
                for (int i = 0; i < nPost; i++) {
                    double g = gmRef[j * nPost + i], w = m[j * nPost + i], pj = pre[j], pi = post[i];
                    gPreRef[j] += g * (gp * (wm - w) * pi - 2 * gn * pj * w);
                    gPostRef[i] += g * gp * (wm - w) * pj;
                    gmRef[j * nPost + i] = (float) (g * (1 - gn * pj * pj - gp * pj * pi));
                }
            }
            float[] gPre = new float[nPre], gPost = new float[nPost];
            VectorKernels.ojaBackward(gp, gn, wm, gm, 0, m, 0, pre, 0, post, 0, gPre, 0, gPost, 0, nPre, nPost);
            for (int k = 0; k < gm.length; k++) {
                assertEquals(gmRef[k], gm[k], 1e-6, "dL/dM_old");
            }
            for (int j = 0; j < nPre; j++) {
                assertEquals(gPreRef[j], gPre[j], 1e-5 * nPost, "dL/dpre");
            }
            for (int i = 0; i < nPost; i++) {
                assertEquals(gPostRef[i], gPost[i], 1e-5 * nPre, "dL/dpost");
            }
        }
    }

    @Test
    void traceStepIsExact() {
        SplittableRandom rng = new SplittableRandom(9);
        float d = (float) Math.exp(-1.0 / 20), g = 1f - d;
        for (int n : LENGTHS) {
            float[] z = sparse(rng, n, 0.3, uniform(rng, n, 1, 1));
            float[] trace = uniform(rng, n, 0, 1);
            float[] expected = trace.clone();
            for (int i = 0; i < n; i++) {
                expected[i] = g * z[i] + d * expected[i];
            }
            float[] rec = new float[n + 2];
            VectorKernels.traceStep(g, d, z, 0, trace, rec, 2, n);
            assertArrayEquals(expected, trace);
            for (int i = 0; i < n; i++) {
                assertEquals(expected[i], rec[2 + i]);
            }
        }
    }
}
