package org.hmem.engine.conv;

import java.util.Arrays;
import java.util.List;

import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;

/**
 * Batch normalisation per channel of an NCHW batch, with PyTorch 1.7 {@code BatchNorm2d} semantics (momentum 0.1,
 * eps 1e-5, affine, tracked running statistics; spec §3.9, §5.1).
 *
 * <p>Training mode normalises each channel with the mean and the biased variance over batch and space, then updates
 * {@code running_mean} and {@code running_var} (with the <em>unbiased</em> variance) by momentum and adds one to
 * {@code num_batches_tracked}. Evaluation mode normalises with the running statistics and changes nothing. The
 * mode is an argument of {@link #forward} rather than module state, so the caller decides it per call.
 *
 * <p><b>Buffers.</b> {@code running_mean}, {@code running_var} and {@code num_batches_tracked} are PyTorch buffers:
 * saved in state dicts but never trained. They are {@link Parameter}s with {@code trainable == false}, so they are in
 * {@link #parameters()} (and therefore in checkpoints, under their state-dict names) while {@link Gradients} and the
 * optimisers skip them, exactly as frozen parameters. {@code num_batches_tracked} (int64 in PyTorch) is a float32
 * scalar here, exact up to 2^24 batches. Only the forward in training mode writes them.
 */
public final class BatchNorm2d implements Module {

    public static final float EPS = 1e-5f;
    public static final float MOMENTUM = 0.1f;

    private final int channels;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private final Parameter numBatchesTracked;

    /**
     * Creates {@code <prefix>.weight} = 1, {@code .bias} = 0 (trainable unless {@code trainable} is false), and the
     * buffers {@code .running_mean} = 0, {@code .running_var} = 1, {@code .num_batches_tracked} = 0.
     */
    public BatchNorm2d(String prefix, int channels, boolean trainable) {
        if (channels < 1) {
            throw new IllegalArgumentException("channel count must be positive: " + channels);
        }
        this.channels = channels;
        this.weight = new Parameter(prefix + ".weight", trainable, channels);
        this.bias = new Parameter(prefix + ".bias", trainable, channels);
        this.runningMean = new Parameter(prefix + ".running_mean", false, channels);
        this.runningVar = new Parameter(prefix + ".running_var", false, channels);
        this.numBatchesTracked = new Parameter(prefix + ".num_batches_tracked", false);
        Arrays.fill(weight.data(), 1f);
        Arrays.fill(runningVar.data(), 1f);
    }

    public BatchNorm2d(String prefix, int channels) {
        this(prefix, channels, true);
    }

    public int channels() {
        return channels;
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public Parameter runningMean() {
        return runningMean;
    }

    public Parameter runningVar() {
        return runningVar;
    }

    public Parameter numBatchesTracked() {
        return numBatchesTracked;
    }

    /** In PyTorch's state-dict order: weight, bias, running_mean, running_var, num_batches_tracked. */
    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias, runningMean, runningVar, numBatchesTracked);
    }

    public Tape newTape() {
        return new Tape(channels);
    }

    /** What backward needs from one forward call: the input (by reference) and the statistics used. */
    public static final class Tape {
        private final float[] mean;
        private final float[] invStd;
        private float[] x;
        private int batch;
        private int plane;
        private boolean training;

        private Tape(int channels) {
            mean = new float[channels];
            invStd = new float[channels];
        }

        /** The per-channel mean the last forward normalised with (batch mean in training, else running mean). */
        public float[] mean() {
            return mean;
        }

        /** The per-channel {@code 1 / sqrt(var + eps)} the last forward used. */
        public float[] invStd() {
            return invStd;
        }
    }

    /**
     * {@code y = (x - mean) / sqrt(var + eps) * weight + bias} per channel over {@code x} (B, C, H, W), with
     * {@code plane = H * W}; {@code y} is overwritten and may be {@code x} itself only if no backward follows. In
     * training mode the statistics are the batch's (at least two values per channel) and the running ones are
     * updated.
     */
    public void forward(float[] x, int batch, int plane, float[] y, boolean training, Tape tape) {
        forward(x, batch, plane, y, training, tape, SampleRunner.SERIAL);
    }

    /**
     * As {@link #forward(float[], int, int, float[], boolean, Tape)}, the channels spread over {@code runner}'s
     * workers (each channel's sums keep their order, so the result does not depend on the workers).
     */
    public void forward(float[] x, int batch, int plane, float[] y, boolean training, Tape tape,
                        SampleRunner runner) {
        long n = (long) batch * plane;
        if (x.length < n * channels || y.length < n * channels) {
            throw new IllegalArgumentException("need " + n * channels + " values per buffer");
        }
        if (training && n < 2) {
            throw new IllegalArgumentException("batch norm in training mode needs more than one value per channel, "
                    + "got " + n);
        }
        tape.x = x;
        tape.batch = batch;
        tape.plane = plane;
        tape.training = training;
        runner.forEach(channels, (worker, c) -> forwardChannel(c, x, batch, plane, y, training, tape));
        if (training) {
            numBatchesTracked.data()[0] += 1f;
        }
    }

    private void forwardChannel(int c, float[] x, int batch, int plane, float[] y, boolean training, Tape tape) {
        long n = (long) batch * plane;
        float[] rm = runningMean.data();
        float[] rv = runningVar.data();
        double mean;
        double var;
        if (training) {
            double sum = 0;
            for (int b = 0; b < batch; b++) {
                sum += sum(x, (b * channels + c) * plane, plane);
            }
            mean = sum / n;
            double sq = 0;
            for (int b = 0; b < batch; b++) {
                sq += sumSquares(x, (b * channels + c) * plane, plane, mean);
            }
            var = sq / n;
            rm[c] = (float) ((1 - (double) MOMENTUM) * rm[c] + MOMENTUM * mean);
            rv[c] = (float) ((1 - (double) MOMENTUM) * rv[c] + MOMENTUM * (sq / (n - 1)));
        } else {
            mean = rm[c];
            var = rv[c];
        }
        float m = (float) mean;
        float inv = (float) (1 / Math.sqrt(var + EPS));
        tape.mean[c] = m;
        tape.invStd[c] = inv;
        float scale = weight.data()[c] * inv;
        float shift = bias.data()[c];
        for (int b = 0; b < batch; b++) {
            int off = (b * channels + c) * plane;
            for (int p = 0; p < plane; p++) {
                y[off + p] = (x[off + p] - m) * scale + shift;
            }
        }
    }

    /**
     * Adds {@code dL/dweight} and {@code dL/dbias} into {@code grads} and {@code dL/dx} into {@code gx} (if not
     * null) for the recorded forward, given {@code gy = dL/dy}. In training mode the gradient flows through the
     * batch statistics too; in evaluation mode the running statistics are constants.
     */
    public void backward(Tape tape, float[] gy, Gradients grads, float[] gx) {
        backward(tape, gy, grads, gx, SampleRunner.SERIAL);
    }

    /** As {@link #backward(Tape, float[], Gradients, float[])}, the channels spread over {@code runner}'s workers. */
    public void backward(Tape tape, float[] gy, Gradients grads, float[] gx, SampleRunner runner) {
        float[] gW = grads.of(weight);
        float[] gB = grads.of(bias);
        runner.forEach(channels, (worker, c) -> backwardChannel(c, tape, gy, gW, gB, gx));
    }

    private void backwardChannel(int c, Tape tape, float[] gy, float[] gW, float[] gB, float[] gx) {
        float[] x = tape.x;
        int batch = tape.batch;
        int plane = tape.plane;
        double n = (double) batch * plane;
        float m = tape.mean[c];
        float inv = tape.invStd[c];
        double sumG = 0;
        double sumGx = 0;
        for (int b = 0; b < batch; b++) {
            int off = (b * channels + c) * plane;
            sumG += sum(gy, off, plane);
            sumGx += dot(gy, x, off, plane);
        }
        // sum g * xHat = (sum g x - mean sum g) / std
        double sumGxHat = (sumGx - m * sumG) * inv;
        if (gW != null) {
            gW[c] += (float) sumGxHat;
        }
        if (gB != null) {
            gB[c] += (float) sumG;
        }
        if (gx == null) {
            return;
        }
        float scale = weight.data()[c] * inv;
        // training: dx = scale * (g - mean(g) - xhat * mean(g * xhat)); eval: dx = scale * g
        float meanG = tape.training ? (float) (sumG / n) : 0f;
        float meanGxHat = tape.training ? (float) (sumGxHat / n) : 0f;
        for (int b = 0; b < batch; b++) {
            int off = (b * channels + c) * plane;
            for (int p = 0; p < plane; p++) {
                float xHat = (x[off + p] - m) * inv;
                gx[off + p] += scale * (gy[off + p] - meanG - xHat * meanGxHat);
            }
        }
    }

    /** Sum of {@code a[off..off+n)} in double with four independent partial sums (a single chain is latency-bound). */
    private static double sum(float[] a, int off, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[off + i];
            s1 += a[off + i + 1];
            s2 += a[off + i + 2];
            s3 += a[off + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[off + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Sum of {@code (a[i] - mean)^2} over {@code a[off..off+n)}, in double with four partial sums. */
    private static double sumSquares(float[] a, int off, int n, double mean) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double d0 = a[off + i] - mean, d1 = a[off + i + 1] - mean;
            double d2 = a[off + i + 2] - mean, d3 = a[off + i + 3] - mean;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < n; i++) {
            double d = a[off + i] - mean;
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Sum of {@code g[i] * x[i]} over {@code [off, off+n)}, in double with four partial sums. */
    private static double dot(float[] g, float[] x, int off, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += (double) g[off + i] * x[off + i];
            s1 += (double) g[off + i + 1] * x[off + i + 1];
            s2 += (double) g[off + i + 2] * x[off + i + 2];
            s3 += (double) g[off + i + 3] * x[off + i + 3];
        }
        for (; i < n; i++) {
            s0 += (double) g[off + i] * x[off + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
