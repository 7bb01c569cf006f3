package org.hmem.engine.conv;

import org.hmem.engine.simd.Simd;

/**
 * Element-wise {@code max(x, 0)}. With SIMD the loop is branch-free (same values as the scalar loop): on
 * post-convolution data the sign is a coin flip, and a mispredicted branch per element costs more than the
 * arithmetic.
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
}
