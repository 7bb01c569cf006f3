package org.hmem.engine.conv;

import java.util.Arrays;

import org.hmem.engine.simd.Simd;

/**
 * ReLU followed by 2×2 max pooling with stride 2, no padding, floor mode (PyTorch {@code ReLU} then
 * {@code MaxPool2d(2)}), on one channel-last sample (H, W, C), optionally applied to a per-channel affine map of the
 * input ({@code (x - mean) * scale + shift}: a batch norm's output, which is then never stored). An odd last row or
 * column is dropped and gets no gradient.
 *
 * <p>Each window's gradient goes to one element: the first maximal one in row-major window order, as PyTorch's CPU
 * {@code max_pool2d_with_indices}. ReLU and max commute, so the pool takes the maximum of the pre-activations and
 * applies the ReLU to it: the values are the same, and so are the gradients (a window whose maximum is not positive
 * passes none, whichever element it names). Backward recomputes the pre-activations and the winners from the input
 * instead of keeping indices. NaN handling: a NaN wins only as a window's first element (comparisons with NaN are
 * false); it still reaches the batch statistics of the layer before.
 *
 * <p>The SIMD kernels ({@link ReluPoolLanes}, for channel counts that fill whole vectors) take the same steps per
 * channel, so both give the same bits.
 */
public final class ReluMaxPool {

    public static final int SIZE = 2;

    private final int channels;
    private final boolean simd;

    public ReluMaxPool(int channels) {
        this.channels = channels;
        this.simd = Simd.enabled() && ReluPoolLanes.fits(channels);
    }

    /** Output rows (or columns) for {@code n} input rows (or columns). */
    public static int outputSize(int n) {
        return n / SIZE;
    }

    /**
     * Writes sample {@code b}'s pooled activations (Hout, Wout, C) into {@code y} (at {@code b} × its size) from
     * {@code x} (B, H, W, C); {@code mean}, {@code scale}, {@code shift} give the affine map, or are all null.
     */
    public void forward(float[] x, int b, int height, int width, float[] mean, float[] scale, float[] shift,
                        float[] y) {
        int ho = outputSize(height);
        int wo = outputSize(width);
        int xs = b * height * width * channels;
        int ys = b * ho * wo * channels;
        for (int r = 0; r < ho; r++) {
            for (int c = 0; c < wo; c++) {
                int p0 = xs + (SIZE * r * width + SIZE * c) * channels;
                int p2 = p0 + width * channels;
                int o = ys + (r * wo + c) * channels;
                if (simd) {
                    ReluPoolLanes.forwardWindow(x, p0, p2, channels, mean, scale, shift, y, o);
                    continue;
                }
                for (int ch = 0; ch < channels; ch++) {
                    float m = pre(x, p0 + ch, ch, mean, scale, shift);
                    float v = pre(x, p0 + channels + ch, ch, mean, scale, shift);
                    m = v > m ? v : m;
                    v = pre(x, p2 + ch, ch, mean, scale, shift);
                    m = v > m ? v : m;
                    v = pre(x, p2 + channels + ch, ch, mean, scale, shift);
                    m = v > m ? v : m;
                    y[o + ch] = Math.max(m, 0f);
                }
            }
        }
    }

    /**
     * Writes sample {@code b}'s {@code dL/dx} (H, W, C) into {@code gx} (every element: the winners of positive
     * windows get the window's gradient, all others zero) from {@code gy} (B, Hout, Wout, C), for the forward with
     * the same {@code x} and affine map.
     */
    public void backward(float[] x, int b, int height, int width, float[] mean, float[] scale, float[] shift,
                         float[] gy, float[] gx) {
        int ho = outputSize(height);
        int wo = outputSize(width);
        int xs = b * height * width * channels;
        int ys = b * ho * wo * channels;
        if (height % SIZE != 0) {
            int last = xs + (height - 1) * width * channels;
            Arrays.fill(gx, last, last + width * channels, 0f);
        }
        if (width % SIZE != 0) {
            for (int r = 0; r < height; r++) {
                int last = xs + (r * width + width - 1) * channels;
                Arrays.fill(gx, last, last + channels, 0f);
            }
        }
        for (int r = 0; r < ho; r++) {
            for (int c = 0; c < wo; c++) {
                int p0 = xs + (SIZE * r * width + SIZE * c) * channels;
                int p2 = p0 + width * channels;
                int o = ys + (r * wo + c) * channels;
                if (simd) {
                    ReluPoolLanes.backwardWindow(x, p0, p2, channels, mean, scale, shift, gy, o, gx);
                    continue;
                }
                for (int ch = 0; ch < channels; ch++) {
                    // the window's elements in row-major order: d = 0, 1 on the first row, 2, 3 on the second
                    float m = pre(x, p0 + ch, ch, mean, scale, shift);
                    int win = 0;
                    for (int d = 1; d < 4; d++) {
                        float v = pre(x, windowElement(p0, p2, d, channels) + ch, ch, mean, scale, shift);
                        if (v > m) {
                            m = v;
                            win = d;
                        }
                    }
                    float g = m > 0f ? gy[o + ch] : 0f;
                    for (int d = 0; d < 4; d++) {
                        gx[windowElement(p0, p2, d, channels) + ch] = d == win ? g : 0f;
                    }
                }
            }
        }
    }

    private static int windowElement(int p0, int p2, int d, int channels) {
        return (d < 2 ? p0 : p2) + (d % 2) * channels;
    }

    private static float pre(float[] x, int i, int ch, float[] mean, float[] scale, float[] shift) {
        return mean == null ? x[i] : (x[i] - mean[ch]) * scale[ch] + shift[ch];
    }
}
