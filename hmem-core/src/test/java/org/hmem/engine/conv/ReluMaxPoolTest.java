package org.hmem.engine.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.hmem.engine.testkit.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReluMaxPoolTest {

    @Test
    void floorModeDropsTheOddLastRowAndColumn() {
        // one channel, 3 x 5 -> 1 x 2
        float[] x = {1, 2, 3, 5, 9, 4, 0, 7, 8, 9, 9, 9, 9, 9, 9};
        ReluMaxPool pool = new ReluMaxPool(1);
        float[] y = new float[2];
        pool.forward(x, 0, 3, 5, null, null, null, y);
        assertArrayEquals(new float[] {4, 8}, y);
        float[] gx = new float[x.length];
        Arrays.fill(gx, 7f); // every element is written
        pool.backward(x, 0, 3, 5, null, null, null, new float[] {1.5f, -2f}, gx);
        float[] expected = new float[x.length];
        expected[5] = 1.5f;
        expected[8] = -2f;
        assertArrayEquals(expected, gx);
    }

    @Test
    void tiesGoToTheFirstMaximumAndWindowsWithoutPositiveValuesPassNothing() {
        // one channel 2 x 8 -> 1 x 4; windows: all negative; 1 at (0,1), (1,0), (1,1); 3 at (0,0), (0,1); all zero
        float[] x = {-3, -1, 0, 1, 3, 3, 0, 0, -2, -1, 1, 1, 2, 2, 0, 0};
        ReluMaxPool pool = new ReluMaxPool(1);
        float[] y = new float[4];
        pool.forward(x, 0, 2, 8, null, null, null, y);
        assertArrayEquals(new float[] {0, 1, 3, 0}, y);
        float[] gx = new float[x.length];
        pool.backward(x, 0, 2, 8, null, null, null, new float[] {1, 2, 3, 4}, gx);
        float[] expected = new float[x.length];
        expected[3] = 2;
        expected[4] = 3;
        assertArrayEquals(expected, gx);
    }

    /**
     * Against the reference's order of operations, per channel: the affine map, ReLU, then the pool whose gradient
     * goes to the first maximal ReLU output and passes the ReLU only where that is positive. The values are coarse
     * so that ties (also between positive values) are frequent. 64 channels fill the SIMD kernels' vectors, 3 do
     * not; odd sizes drop a row and a column.
     */
    @ParameterizedTest
    @ValueSource(ints = {3, 64})
    void matchesReluThenPoolOnTiesAndOddSizes(int channels) {
        SplittableRandom rng = new SplittableRandom(channels);
        int batch = 2, h = 5, w = 7, ho = 2, wo = 3;
        float[] x = new float[batch * h * w * channels];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(-3, 4) * 0.5f;
        }
        float[] mean = GradientCheck.uniform(rng, channels, -0.5, 0.5);
        float[] scale = GradientCheck.uniform(rng, channels, 0.5, 2);
        float[] shift = GradientCheck.uniform(rng, channels, -0.5, 0.5);
        float[] gy = GradientCheck.uniform(rng, batch * ho * wo * channels, -1, 1);
        ReluMaxPool pool = new ReluMaxPool(channels);
        float[] y = new float[gy.length];
        float[] gx = new float[x.length];
        for (int b = 0; b < batch; b++) {
            pool.forward(x, b, h, w, mean, scale, shift, y);
            pool.backward(x, b, h, w, mean, scale, shift, gy, gx);
        }
        float[] expectedY = new float[y.length];
        float[] expectedGx = new float[x.length];
        for (int b = 0; b < batch; b++) {
            for (int r = 0; r < ho; r++) {
                for (int c = 0; c < wo; c++) {
                    for (int ch = 0; ch < channels; ch++) {
                        int best = -1;
                        float max = 0;
                        float bestPre = 0;
                        for (int d = 0; d < 4; d++) {
                            int i = ((b * h + 2 * r + d / 2) * w + 2 * c + d % 2) * channels + ch;
                            float pre = (x[i] - mean[ch]) * scale[ch] + shift[ch];
                            float act = Math.max(pre, 0f);
                            if (best < 0 || act > max) {
                                best = i;
                                max = act;
                                bestPre = pre;
                            }
                        }
                        int o = ((b * ho + r) * wo + c) * channels + ch;
                        expectedY[o] = max;
                        expectedGx[best] = bestPre > 0f ? gy[o] : 0f;
                    }
                }
            }
        }
        assertArrayEquals(expectedY, y);
        assertArrayEquals(expectedGx, gx);
    }

    @Test
    void gradientMatchesFiniteDifferencesWithoutTies() {
        SplittableRandom rng = new SplittableRandom(4);
        int channels = 16, h = 4, w = 6;
        ReluMaxPool pool = new ReluMaxPool(channels);
        // distinct values 0.02 apart and none near zero, so that +-eps never changes a winner or a ReLU
        float[] x = new float[h * w * channels];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 37 % x.length - x.length / 3) * 0.02f + 0.01f; // 37 is prime to the length
        }
        float[] r = GradientCheck.uniform(rng, 2 * 3 * channels, -1, 1);
        float[] y = new float[r.length];
        float[] gx = new float[x.length];
        pool.backward(x, 0, h, w, null, null, null, r, gx);
        GradientCheck.check("dL/dx", x, gx, () -> {
            pool.forward(x, 0, h, w, null, null, null, y);
            return GradientCheck.dot(y, r, y.length);
        }, 1e-3f, 1e-3);
    }
}
