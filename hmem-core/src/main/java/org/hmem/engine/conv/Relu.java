package org.hmem.engine.conv;

import org.hmem.engine.simd.Simd;

/**
 * Element-wise {@code max(x, 0)} and its gradient. Stateless: the backward reads the forward's output, whose
 * positive entries are exactly those of the input, so the ReLU may run in place on a buffer backward does not need.
 * With SIMD both loops are branch-free (same values as the scalar loops): on post-convolution data the sign is a coin
 * flip, and a mispredicted branch per element cost more than the convolution's arithmetic.
 */
public final class Relu {

    private Relu() {
    }

    /** {@code y[yOff+i] = max(x[xOff+i], 0)} for i < n ({@code Math.max}: NaN stays NaN); y may be x. */
    public static void forward(float[] x, int xOff, int n, float[] y, int yOff) {
        if (Simd.enabled()) {
            ConvLanes.relu(x, xOff, n, y, yOff);
            return;
        }
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.max(x[xOff + i], 0f);
        }
    }

    /** {@code gx[gxOff+i] = y[yOff+i] > 0 ? gy[gyOff+i] : 0} (overwrites; {@code gx} may be {@code gy}). */
    public static void backward(float[] y, int yOff, float[] gy, int gyOff, int n, float[] gx, int gxOff) {
        if (Simd.enabled()) {
            ConvLanes.reluBackward(y, yOff, gy, gyOff, n, gx, gxOff);
            return;
        }
        for (int i = 0; i < n; i++) {
            gx[gxOff + i] = y[yOff + i] > 0f ? gy[gyOff + i] : 0f;
        }
    }
}
