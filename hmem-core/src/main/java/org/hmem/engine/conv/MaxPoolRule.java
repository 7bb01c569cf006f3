package org.hmem.engine.conv;

/**
 * The 2x2 max-pool of spike frames in height-width-channel layout (spec §3.3), shared by {@link SpikingMaxPool2d}
 * and the pooled {@link SpikingConv2d}: a window's value is its maximum, and its gradient goes to one element, the
 * first maximal one in row-major order (PyTorch's rule): with binary spikes the first spike, or the top-left element of
 * a silent window.
 */
final class MaxPoolRule {

    private MaxPoolRule() {
    }

    /**
     * Which element of the window with top-left element {@code x[topLeft]} wins (0 top-left, 1 top-right, 2
     * bottom-left, 3 bottom-right), for a frame of {@code width} positions of {@code channels} channels.
     */
    static int winner(float[] x, int topLeft, int channels, int width) {
        int right = topLeft + channels, below = topLeft + width * channels;
        float m = x[topLeft];
        int best = 0;
        if (x[right] > m) {
            m = x[right];
            best = 1;
        }
        if (x[below] > m) {
            m = x[below];
            best = 2;
        }
        if (x[below + channels] > m) {
            best = 3;
        }
        return best;
    }

    /**
     * The same rule for elements at {@code x[window[d] + c]} (d = 0..3 in the order above), a negative offset standing
     * for a neuron at rest, whose spike is 0.
     */
    static int winner(float[] x, int[] window, int c) {
        float m = window[0] < 0 ? 0f : x[window[0] + c];
        int best = 0;
        for (int d = 1; d < 4; d++) {
            float v = window[d] < 0 ? 0f : x[window[d] + c];
            if (v > m) {
                m = v;
                best = d;
            }
        }
        return best;
    }

    /** The offset of window element {@code d} (from {@link #winner}) from the top-left element. */
    static int offset(int d, int channels, int width) {
        return ((d >> 1) * width + (d & 1)) * channels;
    }
}
