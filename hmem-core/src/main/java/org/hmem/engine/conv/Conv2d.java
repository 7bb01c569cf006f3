package org.hmem.engine.conv;

import java.util.Arrays;
import java.util.List;

import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.tensor.FloatOps;

/**
 * 3×3 convolution with zero padding 1 and stride 1 (PyTorch {@code Conv2d(c_in, c_out, 3, padding=1)}, a
 * cross-correlation) on a channel-last batch (B, H, W, C):
 * {@code y[b,r,c,o] = sum_{i,u,v} W[o,i,u,v] x[b,r+u-1,c+v-1,i] (+ bias[o])}. Weight {@code <prefix>.weight}
 * (C_out, C_in, 3, 3) as in PyTorch, bias {@code <prefix>.bias} (C_out); both start at zero and are initialised by
 * the caller ({@code Init}; PyTorch's default is not applied here).
 *
 * <p>Each sample is unfolded position-major ({@code cols[p, (tap, i)]}: one row of K = 9·C_in inputs per output
 * position, each tap a contiguous copy of C_in values), which turns the forward pass, the weight gradient and the
 * input gradient into three matrix products whose contiguous dimension is C_out or K whatever the spatial size
 * (28×28 down to 3×3), read from and written to the channel-last tensors in place; {@link ConvKernels} runs them in
 * register tiles. The weight is reordered to match once per call. Forward values do not depend on SIMD or the
 * thread count. Samples are independent, so a {@link SampleRunner} may split the batch over workers; weight
 * gradients are summed per worker and reduced in worker order, so they depend only on the number of workers. A
 * {@link SampleRunner.Task} hook runs per sample in the worker's task, right after the sample's output is written
 * (forward) or before its output gradient is read (backward), while the sample's values are in cache: the batch
 * norm that follows takes its sums there, and writes its input gradient there.
 */
public final class Conv2d implements Module {

    /** Kernel size; padding is {@code KERNEL / 2} and the stride 1, so the output has the input's spatial size. */
    public static final int KERNEL = 3;
    private static final int TAPS = KERNEL * KERNEL;

    private final Parameter weight;
    private final Parameter bias;
    private final int in;
    private final int out;
    private final int k;

    /** Creates {@code <prefix>.weight} (and {@code <prefix>.bias}) with zero values. */
    public Conv2d(String prefix, int inChannels, int outChannels, boolean bias, boolean trainable) {
        if (inChannels < 1 || outChannels < 1) {
            throw new IllegalArgumentException("channel counts must be positive: " + inChannels + " -> "
                    + outChannels);
        }
        this.in = inChannels;
        this.out = outChannels;
        this.k = inChannels * TAPS;
        this.weight = new Parameter(prefix + ".weight", trainable, outChannels, inChannels, KERNEL, KERNEL);
        this.bias = bias ? new Parameter(prefix + ".bias", trainable, outChannels) : null;
    }

    /** A trainable convolution. */
    public Conv2d(String prefix, int inChannels, int outChannels, boolean bias) {
        this(prefix, inChannels, outChannels, bias, true);
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null. */
    public Parameter bias() {
        return bias;
    }

    public int inChannels() {
        return in;
    }

    public int outChannels() {
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    public Tape newTape() {
        return new Tape();
    }

    /** The record of one forward call (the input, by reference) and the per-worker scratch, reused across calls. */
    public static final class Tape {
        private float[] x;
        private int batch;
        private int height;
        private int width;
        /** The weight reordered for the unfolded layout, (tap, i) × o (forward) or o × (tap, i) (backward). */
        private float[] wr = new float[0];
        private Scratch[] workers = new Scratch[0];

        private Tape() {
        }

        private void workers(int n) {
            if (workers.length < n) {
                Scratch[] grown = Arrays.copyOf(workers, n);
                for (int i = workers.length; i < n; i++) {
                    grown[i] = new Scratch();
                }
                workers = grown;
            }
        }
    }

    /** One worker's unfolded input and gradient accumulators. */
    private static final class Scratch {
        private float[] cols = new float[0];
        private float[] gwr = new float[0];
        private float[] gb = new float[0];

        private void size(int plane, int k) {
            cols = FloatOps.ensure(cols, plane * k);
        }
    }

    /**
     * {@code y} (B, H, W, C_out) = conv({@code x} (B, H, W, C_in)), overwritten. The tape keeps a reference to
     * {@code x}, which must stay unchanged until backward. {@code runner} may be null (caller's thread).
     */
    public void forward(float[] x, int batch, int height, int width, float[] y, Tape tape, SampleRunner runner) {
        forward(x, batch, height, width, y, tape, runner, null);
    }

    /** As {@link #forward(float[], int, int, int, float[], Tape, SampleRunner)}, then {@code after} per sample. */
    public void forward(float[] x, int batch, int height, int width, float[] y, Tape tape, SampleRunner runner,
                        SampleRunner.Task after) {
        int plane = height * width;
        check(x, (long) batch * in * plane, "input");
        check(y, (long) batch * out * plane, "output");
        tape.x = x;
        tape.batch = batch;
        tape.height = height;
        tape.width = width;
        // wr[(tap * C_in + i) * C_out + o] = W[o, i, tap]
        float[] w = weight.data();
        float[] wr = tape.wr = FloatOps.ensure(tape.wr, k * out);
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int t = 0; t < TAPS; t++) {
                    wr[(t * in + i) * out + o] = w[(o * in + i) * TAPS + t];
                }
            }
        }
        int threads = runner == null ? 1 : runner.workers();
        tape.workers(threads);
        for (int i = 0; i < threads; i++) {
            tape.workers[i].size(plane, k);
        }
        float[] b = bias == null ? null : bias.data();
        run(runner, batch, (worker, sample) -> {
            forwardSample(x, sample, height, width, y, wr, b, tape.workers[worker]);
            if (after != null) {
                after.run(worker, sample);
            }
        });
    }

    private void forwardSample(float[] x, int sample, int height, int width, float[] y, float[] wr, float[] b,
                               Scratch s) {
        int plane = height * width;
        int yo = sample * plane * out;
        unfold(x, sample * plane * in, height, width, s.cols);
        if (b == null) {
            Arrays.fill(y, yo, yo + plane * out, 0f);
        } else {
            for (int p = 0; p < plane; p++) {
                System.arraycopy(b, 0, y, yo + p * out, out);
            }
        }
        // y (P, C_out) += cols (P, K) wr (K, C_out)
        ConvKernels.gemm(plane, out, k, s.cols, 0, k, 1, wr, 0, out, y, yo, out);
    }

    /**
     * Adds {@code dL/dW} (and {@code dL/db}) for the recorded forward into {@code grads} and, if {@code gx != null},
     * adds {@code dL/dx} (B, H, W, C_in) to {@code gx}; {@code gy} is {@code dL/dy} (B, H, W, C_out).
     */
    public void backward(Tape tape, float[] gy, Gradients grads, float[] gx, SampleRunner runner) {
        backward(tape, gy, grads, gx, runner, null);
    }

    /**
     * As {@link #backward(Tape, float[], Gradients, float[], SampleRunner)}, with {@code before} run per sample
     * before its slice of {@code gy} is read (it may write that slice).
     */
    public void backward(Tape tape, float[] gy, Gradients grads, float[] gx, SampleRunner runner,
                         SampleRunner.Task before) {
        int plane = tape.height * tape.width;
        check(gy, (long) tape.batch * out * plane, "output gradient");
        if (gx != null) {
            check(gx, (long) tape.batch * in * plane, "input gradient");
        }
        float[] gW = grads.of(weight);
        float[] gB = bias == null ? null : grads.of(bias);
        if (gW == null && gB == null && gx == null) {
            return;
        }
        // wr[o * K + tap * C_in + i] = W[o, i, tap]
        float[] w = weight.data();
        float[] wr = tape.wr = FloatOps.ensure(tape.wr, k * out);
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int t = 0; t < TAPS; t++) {
                    wr[o * k + t * in + i] = w[(o * in + i) * TAPS + t];
                }
            }
        }
        int threads = runner == null ? 1 : runner.workers();
        tape.workers(threads);
        for (int i = 0; i < threads; i++) {
            Scratch s = tape.workers[i];
            s.size(plane, k);
            s.gwr = FloatOps.ensureZeroed(s.gwr, gW == null ? 0 : k * out);
            s.gb = FloatOps.ensureZeroed(s.gb, gB == null ? 0 : out);
        }
        float[] x = tape.x;
        int height = tape.height;
        int width = tape.width;
        run(runner, tape.batch, (worker, sample) -> {
            if (before != null) {
                before.run(worker, sample);
            }
            backwardSample(x, sample, height, width, gy, wr, gW != null, gB != null, gx, tape.workers[worker]);
        });
        for (int i = 0; i < threads; i++) {
            Scratch s = tape.workers[i];
            if (gW != null) {
                // gwr[(tap * C_in + i) * C_out + o] is dL/dW[o, i, tap]
                for (int o = 0; o < out; o++) {
                    for (int c = 0; c < in; c++) {
                        for (int t = 0; t < TAPS; t++) {
                            gW[(o * in + c) * TAPS + t] += s.gwr[(t * in + c) * out + o];
                        }
                    }
                }
            }
            if (gB != null) {
                FloatOps.axpy(out, 1f, s.gb, 0, gB, 0);
            }
        }
    }

    private void backwardSample(float[] x, int sample, int height, int width, float[] gy, float[] wr,
                                boolean wantW, boolean wantB, float[] gx, Scratch s) {
        int plane = height * width;
        int go = sample * plane * out;
        int xo = sample * plane * in;
        if (wantB) {
            for (int p = 0; p < plane; p++) {
                FloatOps.axpy(out, 1f, gy, go + p * out, s.gb, 0);
            }
        }
        if (wantW) {
            // dW (K, C_out) += cols^T (K, P) gy (P, C_out)
            unfold(x, xo, height, width, s.cols);
            ConvKernels.gemm(k, out, plane, s.cols, 0, 1, k, gy, go, out, s.gwr, 0, out);
        }
        if (gx != null) {
            // dcols (P, K) = gy (P, C_out) wr (C_out, K), folded back onto the input positions
            Arrays.fill(s.cols, 0, plane * k, 0f);
            ConvKernels.gemm(plane, k, out, gy, go, out, 1, wr, 0, k, s.cols, 0, k);
            fold(s.cols, height, width, gx, xo);
        }
    }

    /**
     * Unfolds the channel-last sample at {@code x[off]}: {@code cols[p * K + tap * C_in + i]} is input channel i at
     * output position p shifted by tap = u * 3 + v, i.e. at row {@code r + u - 1}, column {@code c + v - 1} (zero
     * outside). Each tap is a contiguous run of C_in values.
     */
    private void unfold(float[] x, int off, int height, int width, float[] cols) {
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int cp = (r * width + c) * k;
                for (int u = 0; u < KERNEL; u++) {
                    int rr = r + u - 1;
                    for (int v = 0; v < KERNEL; v++) {
                        int cc = c + v - 1;
                        int dst = cp + (u * KERNEL + v) * in;
                        if (rr < 0 || rr >= height || cc < 0 || cc >= width) {
                            Arrays.fill(cols, dst, dst + in, 0f);
                        } else if (in == 1) {
                            cols[dst] = x[off + rr * width + cc];
                        } else {
                            System.arraycopy(x, off + (rr * width + cc) * in, cols, dst, in);
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #unfold}: adds every unfolded entry onto the position of {@code x[off]} it was read from. */
    private void fold(float[] cols, int height, int width, float[] x, int off) {
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int cp = (r * width + c) * k;
                for (int u = 0; u < KERNEL; u++) {
                    int rr = r + u - 1;
                    for (int v = 0; v < KERNEL; v++) {
                        int cc = c + v - 1;
                        if (rr >= 0 && rr < height && cc >= 0 && cc < width) {
                            int src = cp + (u * KERNEL + v) * in;
                            int dst = off + (rr * width + cc) * in;
                            for (int i = 0; i < in; i++) {
                                x[dst + i] += cols[src + i];
                            }
                        }
                    }
                }
            }
        }
    }

    private static void run(SampleRunner runner, int batch, SampleRunner.Task task) {
        (runner == null ? SampleRunner.SERIAL : runner).forEach(batch, task);
    }

    private static void check(float[] a, long need, String what) {
        if (a.length < need) {
            throw new IllegalArgumentException(what + " holds " + a.length + " values, need " + need);
        }
    }
}
