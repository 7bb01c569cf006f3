package org.hmem.engine.conv;

import java.util.Arrays;
import java.util.List;

import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.simd.Simd;

/**
 * Batch normalisation per channel of a channel-last batch (B, H, W, C), with PyTorch 1.7 {@code BatchNorm2d}
 * semantics (momentum 0.1, eps 1e-5, affine, tracked running statistics; spec §3.9, §5.1).
 *
 * <p>Training mode normalises each channel with the mean and the biased variance over batch and space, then updates
 * {@code running_mean} and {@code running_var} (with the <em>unbiased</em> variance) by momentum and adds one to
 * {@code num_batches_tracked}. Evaluation mode normalises with the running statistics and changes nothing. The
 * mode is an argument of {@link #forward} rather than module state, so the caller decides it per call.
 *
 * <p><b>Statistics per sample, then combined.</b> The sums are taken in double (as PyTorch's CPU kernel) one sample
 * at a time: its sum and the squared deviations from its own mean, combined over the samples in sample order (the
 * pairwise update of Chan, Golub and LeVeque, exact up to double rounding). A caller can therefore take a sample's
 * sums while its values are still in cache ({@link #accumulate}, e.g. right after the convolution that produced them)
 * and normalise or back-propagate per sample ({@link #normalize}, {@link #inputGradient}); {@link #forward} and
 * {@link #backward} are these steps over the whole batch. The results do not depend on the worker count, and the
 * SIMD kernels ({@link NormLanes}, for channel counts that fill whole vectors) give the same bits as the plain loops.
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
    /** Whether the SIMD kernels run: they take the channels a whole vector at a time. */
    private final boolean simd;
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
        this.simd = Simd.enabled() && NormLanes.fits(channels);
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

    /** What backward needs from one forward call: the input (by reference), the statistics used, and scratch. */
    public static final class Tape {
        private final float[] mean;
        private final float[] invStd;
        private final float[] scale;
        private final float[] shift;
        private final float[] meanG;
        private final float[] meanGxHat;
        /** Per sample: C sums then C squared deviations (forward), or C sums of g then C of g·x (backward). */
        private double[] partials = new double[0];
        private float[] x;
        private int batch;
        private int plane;
        private boolean training;

        private Tape(int channels) {
            mean = new float[channels];
            invStd = new float[channels];
            scale = new float[channels];
            shift = new float[channels];
            meanG = new float[channels];
            meanGxHat = new float[channels];
        }

        /** The per-channel mean the last forward normalised with (batch mean in training, else running mean). */
        public float[] mean() {
            return mean;
        }

        /** The per-channel {@code 1 / sqrt(var + eps)} the last forward used. */
        public float[] invStd() {
            return invStd;
        }

        /** The per-channel {@code weight * invStd}: the output is {@code (x - mean) * scale + shift}. */
        public float[] scale() {
            return scale;
        }

        /** The per-channel bias the last forward added. */
        public float[] shift() {
            return shift;
        }

        /** Points the record at {@code x}, which holds the same values as the forward's input (recomputed). */
        void input(float[] x) {
            this.x = x;
        }
    }

    /**
     * {@code y = (x - mean) / sqrt(var + eps) * weight + bias} per channel over {@code x} (B, H, W, C), with
     * {@code plane = H * W}; {@code y} is overwritten and may be {@code x} itself only if no backward follows. In
     * training mode the statistics are the batch's (at least two values per channel) and the running ones are
     * updated.
     */
    public void forward(float[] x, int batch, int plane, float[] y, boolean training, Tape tape) {
        forward(x, batch, plane, y, training, tape, SampleRunner.SERIAL);
    }

    /** As {@link #forward(float[], int, int, float[], boolean, Tape)}, the samples spread over {@code runner}. */
    public void forward(float[] x, int batch, int plane, float[] y, boolean training, Tape tape,
                        SampleRunner runner) {
        if (y.length < (long) batch * plane * channels) {
            throw new IllegalArgumentException("need " + (long) batch * plane * channels + " output values");
        }
        begin(x, batch, plane, training, tape);
        runner.forEach(batch, (worker, b) -> accumulate(tape, b));
        finishStatistics(tape);
        runner.forEach(batch, (worker, b) -> normalize(tape, b, y));
    }

    /** Starts a forward over {@code x} (B, H, W, C): the samples' {@link #accumulate} calls follow. */
    public void begin(float[] x, int batch, int plane, boolean training, Tape tape) {
        long n = (long) batch * plane;
        if (x.length < n * channels) {
            throw new IllegalArgumentException("need " + n * channels + " input values");
        }
        if (training && n < 2) {
            throw new IllegalArgumentException("batch norm in training mode needs more than one value per channel, "
                    + "got " + n);
        }
        tape.x = x;
        tape.batch = batch;
        tape.plane = plane;
        tape.training = training;
        tape.partials = ensure(tape.partials, batch * 2 * channels);
    }

    /**
     * Takes sample {@code b}'s sums (training mode; nothing in evaluation mode). Distinct samples may run
     * concurrently.
     */
    public void accumulate(Tape tape, int b) {
        if (!tape.training) {
            return;
        }
        int off = b * tape.plane * channels;
        int p = b * 2 * channels;
        if (simd) {
            NormLanes.sampleStatistics(tape.x, off, tape.plane, channels, tape.partials, p);
            return;
        }
        double[] part = tape.partials;
        for (int c = 0; c < channels; c++) {
            double s = 0;
            for (int r = 0; r < tape.plane; r++) {
                s += tape.x[off + r * channels + c];
            }
            double m = s / tape.plane;
            double q = 0;
            for (int r = 0; r < tape.plane; r++) {
                double d = tape.x[off + r * channels + c] - m;
                q += d * d;
            }
            part[p + c] = s;
            part[p + channels + c] = q;
        }
    }

    /**
     * After every sample's {@link #accumulate}: combines the sums in sample order into the batch statistics (training
     * mode: and updates the running ones), or takes the running statistics (evaluation mode).
     */
    public void finishStatistics(Tape tape) {
        float[] rm = runningMean.data();
        float[] rv = runningVar.data();
        double n = (double) tape.batch * tape.plane;
        for (int c = 0; c < channels; c++) {
            double mean;
            double var;
            if (tape.training) {
                double sum = 0;
                for (int b = 0; b < tape.batch; b++) {
                    sum += tape.partials[b * 2 * channels + c];
                }
                mean = sum / n;
                double sq = 0;
                for (int b = 0; b < tape.batch; b++) {
                    int p = b * 2 * channels;
                    double d = tape.partials[p + c] / tape.plane - mean;
                    sq += tape.partials[p + channels + c] + tape.plane * d * d;
                }
                var = sq / n;
                rm[c] = (float) ((1 - (double) MOMENTUM) * rm[c] + MOMENTUM * mean);
                rv[c] = (float) ((1 - (double) MOMENTUM) * rv[c] + MOMENTUM * (sq / (n - 1)));
            } else {
                mean = rm[c];
                var = rv[c];
            }
            tape.mean[c] = (float) mean;
            tape.invStd[c] = (float) (1 / Math.sqrt(var + EPS));
            tape.scale[c] = weight.data()[c] * tape.invStd[c];
            tape.shift[c] = bias.data()[c];
        }
        if (tape.training) {
            numBatchesTracked.data()[0] += 1f;
        }
    }

    /** Writes sample {@code b}'s normalised values into {@code y} (same layout as the input). */
    public void normalize(Tape tape, int b, float[] y) {
        int off = b * tape.plane * channels;
        if (simd) {
            NormLanes.normalize(tape.x, off, tape.plane, channels, tape.mean, tape.scale, tape.shift, y);
            return;
        }
        for (int r = 0; r < tape.plane; r++) {
            int o = off + r * channels;
            for (int c = 0; c < channels; c++) {
                y[o + c] = (tape.x[o + c] - tape.mean[c]) * tape.scale[c] + tape.shift[c];
            }
        }
    }

    /**
     * Adds {@code dL/dweight} and {@code dL/dbias} into {@code grads} and writes {@code dL/dx} into {@code gx} (if
     * not null; it may be {@code gy}) for the recorded forward, given {@code gy = dL/dy}. In training mode the
     * gradient flows through the batch statistics too; in evaluation mode the running statistics are constants.
     */
    public void backward(Tape tape, float[] gy, Gradients grads, float[] gx) {
        backward(tape, gy, grads, gx, SampleRunner.SERIAL);
    }

    /** As {@link #backward(Tape, float[], Gradients, float[])}, the samples spread over {@code runner}. */
    public void backward(Tape tape, float[] gy, Gradients grads, float[] gx, SampleRunner runner) {
        runner.forEach(tape.batch, (worker, b) -> accumulateGradient(tape, gy, b));
        finishGradient(tape, grads);
        if (gx != null) {
            runner.forEach(tape.batch, (worker, b) -> inputGradient(tape, gy, b, gx));
        }
    }

    /** Takes sample {@code b}'s sums of {@code gy} and {@code gy · x}; distinct samples may run concurrently. */
    public void accumulateGradient(Tape tape, float[] gy, int b) {
        int off = b * tape.plane * channels;
        int p = b * 2 * channels;
        if (simd) {
            NormLanes.gradientSums(gy, tape.x, off, tape.plane, channels, tape.partials, p);
            return;
        }
        for (int c = 0; c < channels; c++) {
            double sg = 0;
            double sgx = 0;
            for (int r = 0; r < tape.plane; r++) {
                int i = off + r * channels + c;
                sg += gy[i];
                sgx += (double) gy[i] * tape.x[i];
            }
            tape.partials[p + c] = sg;
            tape.partials[p + channels + c] = sgx;
        }
    }

    /**
     * After every sample's {@link #accumulateGradient}: adds the parameter gradients into {@code grads} and prepares
     * {@link #inputGradient}.
     */
    public void finishGradient(Tape tape, Gradients grads) {
        float[] gW = grads.of(weight);
        float[] gB = grads.of(bias);
        double n = (double) tape.batch * tape.plane;
        for (int c = 0; c < channels; c++) {
            double sumG = 0;
            double sumGx = 0;
            for (int b = 0; b < tape.batch; b++) {
                sumG += tape.partials[b * 2 * channels + c];
                sumGx += tape.partials[b * 2 * channels + channels + c];
            }
            // sum g * xHat = (sum g x - mean sum g) / std
            double sumGxHat = (sumGx - tape.mean[c] * sumG) * tape.invStd[c];
            if (gW != null) {
                gW[c] += (float) sumGxHat;
            }
            if (gB != null) {
                gB[c] += (float) sumG;
            }
            // training: dx = scale * (g - mean(g) - xhat * mean(g * xhat)); eval: dx = scale * g
            tape.meanG[c] = tape.training ? (float) (sumG / n) : 0f;
            tape.meanGxHat[c] = tape.training ? (float) (sumGxHat / n) : 0f;
        }
    }

    /** Writes sample {@code b}'s {@code dL/dx} into {@code gx} (may be {@code gy}) after {@link #finishGradient}. */
    public void inputGradient(Tape tape, float[] gy, int b, float[] gx) {
        int off = b * tape.plane * channels;
        if (simd) {
            NormLanes.inputGradient(gy, tape.x, off, tape.plane, channels, tape.mean, tape.invStd, tape.scale,
                    tape.meanG, tape.meanGxHat, gx);
            return;
        }
        for (int r = 0; r < tape.plane; r++) {
            int o = off + r * channels;
            for (int c = 0; c < channels; c++) {
                float xHat = (tape.x[o + c] - tape.mean[c]) * tape.invStd[c];
                gx[o + c] = tape.scale[c] * (gy[o + c] - tape.meanG[c] - xHat * tape.meanGxHat[c]);
            }
        }
    }

    private static double[] ensure(double[] a, int len) {
        return a.length >= len ? a : new double[len];
    }
}
