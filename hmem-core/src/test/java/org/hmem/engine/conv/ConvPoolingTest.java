package org.hmem.engine.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The pooled convolution's max-pool ({@link ConvPooling}) against the rule written out per element
 * ({@link MaxPoolRule#winner(float[], int[], int)}), on records where some positions rest: windows with all, some
 * and none of their positions live, binary spikes (so ties are common), and an odd frame whose last row and column
 * belong to no window.
 */
class ConvPoolingTest {

    private static final int C = 64;

    @Test
    void poolAndUnpoolFollowTheRuleOnPartlyRestingWindows() {
        for (int size : new int[] {6, 7}) {
            SplittableRandom rng = new SplittableRandom(size);
            int positions = size * size, steps = 5;
            int[] liveIndex = new int[positions];
            int live = 0;
            for (int p = 0; p < positions; p++) {
                liveIndex[p] = rng.nextDouble() < 0.6 ? live++ : -1;
            }
            int n = live * C;
            float[] z = new float[steps * n], sur = new float[steps * n];
            for (int i = 0; i < z.length; i++) {
                z[i] = rng.nextDouble() < 0.3 ? 1f : 0f;
                sur[i] = rng.nextDouble() < 0.2 ? 0f : (float) rng.nextDouble();
            }
            ConvPooling pooling = new ConvPooling(C, size, size);
            pooling.begin(steps);
            int half = size / 2, np = half * half * C;
            float[] g = pooling.output().gradient();
            for (int i = 0; i < steps * np; i++) {
                g[i] = (float) rng.nextGaussian();
            }
            int windowsPartlyLive = 0;
            for (int t = 0; t < steps; t++) {
                pooling.pool(t, z, sur, n, liveIndex);
                float[] spikes = new float[np], sens = new float[np], gz = new float[n];
                for (int yo = 0; yo < half; yo++) {
                    for (int xo = 0; xo < half; xo++) {
                        int[] window = new int[4];
                        int alive = 0;
                        for (int d = 0; d < 4; d++) {
                            int q = liveIndex[(2 * yo + (d >> 1)) * size + 2 * xo + (d & 1)];
                            window[d] = q < 0 ? -1 : t * n + q * C;
                            alive += q < 0 ? 0 : 1;
                        }
                        windowsPartlyLive += alive > 0 && alive < 4 ? 1 : 0;
                        int o = (yo * half + xo) * C;
                        for (int c = 0; c < C; c++) {
                            int k = window[MaxPoolRule.winner(z, window, c)];
                            spikes[o + c] = k < 0 ? 0f : z[k + c];
                            sens[o + c] = k < 0 ? 0f : sur[k + c];
                            if (k >= 0) {
                                gz[k - t * n + c] += g[t * np + o + c];
                            }
                        }
                    }
                }
                float[] pooledSpikes = pooling.output().spikes(), pooledSens = pooling.output().sensitivity();
                assertArrayEquals(spikes, Arrays.copyOfRange(pooledSpikes, t * np, (t + 1) * np), 0f, "spikes");
                assertArrayEquals(sens, Arrays.copyOfRange(pooledSens, t * np, (t + 1) * np), 0f, "sensitivity");
                float[] unpooled = new float[n];
                Arrays.fill(unpooled, Float.NaN); // unpool must overwrite every entry
                pooling.unpool(t, z, unpooled, n, liveIndex);
                assertArrayEquals(gz, unpooled, 0f, "gradient");
            }
            assertTrue(windowsPartlyLive > 10, "the case must have windows with resting positions");
        }
    }
}
