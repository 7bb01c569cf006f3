package org.hmem.engine.conv;

/**
 * 2×2 max pooling with stride 2, no padding, floor mode (PyTorch {@code MaxPool2d(2)}), per plane of an NCHW batch:
 * an odd last row or column is dropped and gets no gradient.
 *
 * <p>Each window's gradient goes to one element: the first maximal one in row-major window order, as PyTorch's CPU
 * {@code max_pool2d_with_indices} (where a NaN wins, the last one if several). This matters for ties, which are the
 * rule on spike frames (an all-zero window routes its gradient to its top-left element). The chosen indices are kept
 * in the tape.
 */
public final class MaxPool2d {

    public static final int SIZE = 2;

    /** Output rows (or columns) for {@code n} input rows (or columns). */
    public static int outputSize(int n) {
        return n / SIZE;
    }

    public Tape newTape() {
        return new Tape();
    }

    /** The flat input index of each output's maximum, from the last forward. */
    public static final class Tape {
        private int[] argmax = new int[0];
        private int outputs;
        private int inputs;

        private Tape() {
        }

        /** For each output of the last forward (in NCHW order), the flat index into the input of its maximum. */
        public int[] argmax() {
            return argmax;
        }
    }

    /**
     * {@code y} (N, Hout, Wout) = max over the 2×2 windows of {@code x} (N, H, W), with N = batch × channels planes;
     * {@code y} is overwritten.
     */
    public void forward(float[] x, int planes, int height, int width, float[] y, Tape tape) {
        prepare(x, planes, height, width, y, tape);
        forwardPlanes(x, 0, planes, height, width, y, tape);
    }

    /**
     * Checks the buffers and sizes the tape for a forward over {@code planes} planes that {@link #forwardPlanes} then
     * runs in parts (e.g. a sample's planes per worker).
     */
    public void prepare(float[] x, int planes, int height, int width, float[] y, Tape tape) {
        int n = planes * outputSize(height) * outputSize(width);
        if (x.length < (long) planes * height * width || y.length < n) {
            throw new IllegalArgumentException("buffers too small for " + planes + " planes of " + height + "x"
                    + width);
        }
        if (tape.argmax.length < n) {
            tape.argmax = new int[n];
        }
        tape.outputs = n;
        tape.inputs = planes * height * width;
    }

    /** The forward of planes {@code [from, to)} after {@link #prepare}; disjoint ranges may run concurrently. */
    public void forwardPlanes(float[] x, int from, int to, int height, int width, float[] y, Tape tape) {
        int ho = outputSize(height);
        int wo = outputSize(width);
        int[] arg = tape.argmax;
        for (int pl = from; pl < to; pl++) {
            int xp = pl * height * width;
            int yp = pl * ho * wo;
            for (int r = 0; r < ho; r++) {
                for (int c = 0; c < wo; c++) {
                    int i0 = xp + SIZE * r * width + SIZE * c;
                    int i2 = i0 + width;
                    float v0 = x[i0];
                    float v1 = x[i0 + 1];
                    float v2 = x[i2];
                    float v3 = x[i2 + 1];
                    float max;
                    int best;
                    if (Float.isFinite(v0 + v1 + v2 + v3)) {
                        // branch-free (the comparisons are coin flips on ReLU outputs and spikes): a value is
                        // taken when max - v is negative; adding +0 turns a -0 (equal values) into +0
                        int take = Float.floatToRawIntBits(v0 - v1 + 0f) >> 31;
                        max = Float.intBitsToFloat(Float.floatToRawIntBits(v1) & take
                                | Float.floatToRawIntBits(v0) & ~take);
                        best = (i0 + 1) & take | i0 & ~take;
                        take = Float.floatToRawIntBits(max - v2 + 0f) >> 31;
                        max = Float.intBitsToFloat(Float.floatToRawIntBits(v2) & take
                                | Float.floatToRawIntBits(max) & ~take);
                        best = i2 & take | best & ~take;
                        take = Float.floatToRawIntBits(max - v3 + 0f) >> 31;
                        max = Float.intBitsToFloat(Float.floatToRawIntBits(v3) & take
                                | Float.floatToRawIntBits(max) & ~take);
                        best = (i2 + 1) & take | best & ~take;
                    } else {
                        // PyTorch's scan: take a value larger than the maximum so far, or NaN
                        max = v0;
                        best = i0;
                        if (v1 > max || Float.isNaN(v1)) {
                            max = v1;
                            best = i0 + 1;
                        }
                        if (v2 > max || Float.isNaN(v2)) {
                            max = v2;
                            best = i2;
                        }
                        if (v3 > max || Float.isNaN(v3)) {
                            max = v3;
                            best = i2 + 1;
                        }
                    }
                    y[yp + r * wo + c] = max;
                    arg[yp + r * wo + c] = best;
                }
            }
        }
    }

    /** Adds {@code gy} (same layout as the last forward's output) onto {@code gx} at the recorded maxima. */
    public void backward(Tape tape, float[] gy, float[] gx) {
        if (gy.length < tape.outputs || gx.length < tape.inputs) {
            throw new IllegalArgumentException("gradient buffers too small");
        }
        backwardOutputs(tape, gy, gx, 0, tape.outputs);
    }

    /**
     * The backward of outputs {@code [from, to)}: the outputs of some planes reach only those planes' inputs, so the
     * output ranges of disjoint plane ranges may run concurrently.
     */
    public void backwardOutputs(Tape tape, float[] gy, float[] gx, int from, int to) {
        int[] arg = tape.argmax;
        for (int o = from; o < to; o++) {
            gx[arg[o]] += gy[o];
        }
    }
}
