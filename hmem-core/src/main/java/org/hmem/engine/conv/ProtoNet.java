package org.hmem.engine.conv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.tensor.FloatOps;
import org.hmem.engine.tensor.Tensor;

/**
 * The ANN ProtoNet encoder (spec §5.1): four blocks conv 3×3 (padding 1, no bias) → [BatchNorm2d] → ReLU → max
 * pool 2×2, channels {@code in → c → c → c → c} (1 → 64 ×4 by default), output flattened per sample. A 28×28
 * image becomes 64 values (28 → 14 → 7 → 3 → 1), as does a 30×20 MFCC map (→ 15×10 → 7×5 → 3×2 → 1×1).
 *
 * <p>Parameter names are the reference's state-dict keys: {@code encoder.{i}.0.weight} for the convolutions and,
 * with batch norm, {@code encoder.{i}.1.{weight,bias,running_mean,running_var,num_batches_tracked}} (the last three
 * are buffers: frozen parameters, see {@link BatchNorm2d}), prefixed by {@code <prefix>.} inside a bigger model. The
 * shipped pretrained encoders have no batch norm; load them into {@code new ProtoNet(false)} (spec §12.1, §13 item
 * 33).
 *
 * <p>The whole batch goes through each layer at once because batch norm couples the samples of a batch. Inside,
 * activations are channel-last (B, H, W, C): the convolutions read and write them in place, and batch norm, ReLU
 * and pooling take a vector of channels at a time. Per block, each sample's batch-norm sums are taken right after
 * its convolution while its output is in cache; normalisation, ReLU and pooling then run as one pass per sample
 * ({@link ReluMaxPool}), so the normalised activations are never stored. Backward recomputes them per window from
 * the convolution's output, and the batch norm's input gradient is written per sample just before the
 * convolution's backward reads it. The {@link Tape} keeps, per block, the convolution's output and the pooled
 * output (about 85 MB for 256 images of 28×28; {@link #newTapes} shares the largest part between tapes) and is
 * reused from call to call.
 */
public final class ProtoNet implements Module {

    public static final int BLOCKS = 4;
    /** Channels of every block in the reference (and its output size for 28×28 or 30×20 inputs). */
    public static final int CHANNELS = 64;

    private final int inChannels;
    private final int channels;
    private final Conv2d[] convs = new Conv2d[BLOCKS];
    private final BatchNorm2d[] norms;
    private final ReluMaxPool pool;
    private final List<Parameter> parameters;

    /** The reference's encoder: one input channel, 64 channels per block, trainable. */
    public ProtoNet(boolean useBatchNorm) {
        this("", 1, CHANNELS, useBatchNorm, true);
    }

    /**
     * An encoder whose parameter names start with {@code <prefix>.} (none if the prefix is empty). Weights start at
     * zero (initialise them with {@code Init}); batch norm at weight 1, bias 0, running mean 0, running var 1.
     */
    public ProtoNet(String prefix, int inChannels, int channels, boolean useBatchNorm, boolean trainable) {
        this.inChannels = inChannels;
        this.channels = channels;
        this.norms = useBatchNorm ? new BatchNorm2d[BLOCKS] : null;
        this.pool = new ReluMaxPool(channels);
        String base = prefix.isEmpty() ? "encoder." : prefix + ".encoder.";
        List<Parameter> all = new ArrayList<>();
        for (int i = 0; i < BLOCKS; i++) {
            convs[i] = new Conv2d(base + i + ".0", i == 0 ? inChannels : channels, channels, false, trainable);
            all.addAll(convs[i].parameters());
            if (useBatchNorm) {
                norms[i] = new BatchNorm2d(base + i + ".1", channels, trainable);
                all.addAll(norms[i].parameters());
            }
        }
        this.parameters = List.copyOf(all);
    }

    public boolean useBatchNorm() {
        return norms != null;
    }

    public int inChannels() {
        return inChannels;
    }

    public int channels() {
        return channels;
    }

    public Conv2d conv(int block) {
        return convs[block];
    }

    /** The batch norm of a block, or null without batch norm. */
    public BatchNorm2d batchNorm(int block) {
        return norms == null ? null : norms[block];
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Spatial size after the four pools, for an input side of {@code n}. */
    public static int reducedSize(int n) {
        for (int i = 0; i < BLOCKS; i++) {
            n = ReluMaxPool.outputSize(n);
        }
        return n;
    }

    /** Embedding size per sample for {@code height × width} inputs: channels × the reduced height × width. */
    public int outputSize(int height, int width) {
        return channels * reducedSize(height) * reducedSize(width);
    }

    /**
     * Copies every parameter and buffer from {@code state} by name, as in {@link #parameters()} (so with this model's
     * prefix, if any; a leading {@code module.} of DataParallel checkpoints is ignored). Strict, as PyTorch's
     * {@code load_state_dict}: every name must be present with this model's shape and no other name may appear;
     * nothing is changed when it fails.
     */
    public void loadStateDict(Map<String, Tensor> state) {
        Map<String, Parameter> mine = namedParameters();
        Map<String, Tensor> given = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            String key = e.getKey().startsWith("module.") ? e.getKey().substring(7) : e.getKey();
            given.put(key, e.getValue());
        }
        Set<String> missing = new TreeSet<>(mine.keySet());
        missing.removeAll(given.keySet());
        Set<String> unexpected = new TreeSet<>(given.keySet());
        unexpected.removeAll(mine.keySet());
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("state dict does not match the ProtoNet (batch norm "
                    + (useBatchNorm() ? "on" : "off") + "): missing " + missing + ", unexpected " + unexpected);
        }
        for (Parameter p : parameters) {
            Tensor t = given.get(p.name());
            if (!Arrays.equals(t.shape(), p.shape())) {
                throw new IllegalArgumentException(p.name() + ": shape " + Arrays.toString(t.shape())
                        + " does not match " + Arrays.toString(p.shape()));
            }
        }
        for (Parameter p : parameters) {
            p.set(given.get(p.name()).data());
        }
    }

    public Tape newTape() {
        return new Tape(this, new Shared());
    }

    /**
     * {@code n} tapes for batches whose forwards all run before their backwards (e.g. a model's image slots): they
     * share the first block's convolution output and the backward scratch, so each holds about 33 MB per 256 images
     * of 28×28 instead of 85 MB. Backward recomputes the first convolution of a tape whose output another tape's
     * forward has replaced (a twentieth of the forward's work; the result is the same) and none for the tape that
     * ran last, so backward in reverse forward order recomputes least.
     */
    public Tape[] newTapes(int n) {
        Shared shared = new Shared();
        Tape[] tapes = new Tape[n];
        for (int i = 0; i < n; i++) {
            tapes[i] = new Tape(this, shared);
        }
        return tapes;
    }

    /**
     * Activations and per-layer records of one forward call; reused from call to call. The first block's
     * convolution output (the largest activation by far, and the cheapest to recompute: one input channel) and the
     * backward scratch live in a {@link Shared} part, which the tapes of {@link #newTapes} have in common.
     */
    public static final class Tape {
        private final Shared shared;
        private final Conv2d.Tape[] conv = new Conv2d.Tape[BLOCKS];
        private final BatchNorm2d.Tape[] norm = new BatchNorm2d.Tape[BLOCKS];
        /** Per block, the convolution's output (B, H, W, C; blocks 1 to 3) and the pooled activations. */
        private final float[][] convOut = new float[BLOCKS][0];
        private final float[][] pooled = new float[BLOCKS][0];
        private final int[] heights = new int[BLOCKS + 1];
        private final int[] widths = new int[BLOCKS + 1];
        /** The first block's input: the caller's array, or its channel-last copy for several input channels. */
        private float[] blockInput;
        private float[] input = new float[0];
        private float[] embeddings = new float[0];
        private int batch;
        private boolean ready;

        private Tape(ProtoNet net, Shared shared) {
            this.shared = shared;
            for (int i = 0; i < BLOCKS; i++) {
                conv[i] = net.convs[i].newTape();
                norm[i] = net.norms == null ? null : net.norms[i].newTape();
            }
        }
    }

    /** The first block's convolution output (and which tape it belongs to) and the backward scratch. */
    private static final class Shared {
        private float[] conv0 = new float[0];
        private Tape conv0Owner;
        private final float[][] gIn = {new float[0], new float[0]};
        private float[] gAct = new float[0];
        private float[] gInput = new float[0];
        private float[] gEmbeddings = new float[0];
    }

    /**
     * Embeds {@code x} (B, C_in, H, W) into (B, {@link #outputSize}) (each sample's values flattened channel-major,
     * as PyTorch's {@code view}) and returns that array (the tape's; valid until its next forward, possibly longer
     * than needed). {@code training} selects batch statistics (and running-stat updates) or running statistics in
     * the batch norms. {@code x} must stay unchanged until backward; {@code runner} (may be null) splits the work
     * over samples.
     */
    public float[] forward(float[] x, int batch, int height, int width, boolean training, Tape tape,
                           SampleRunner runner) {
        if (reducedSize(height) < 1 || reducedSize(width) < 1) {
            throw new IllegalArgumentException("input " + height + "x" + width + " is too small for " + BLOCKS
                    + " 2x2 pools");
        }
        if (x.length < (long) batch * inChannels * height * width) {
            throw new IllegalArgumentException("input holds " + x.length + " values, need "
                    + (long) batch * inChannels * height * width);
        }
        tape.batch = batch;
        tape.heights[0] = height;
        tape.widths[0] = width;
        SampleRunner workers = runner == null ? SampleRunner.SERIAL : runner;
        float[] in = x;
        if (inChannels > 1) {
            // one channel is already channel-last
            tape.input = FloatOps.ensure(tape.input, batch * inChannels * height * width);
            transposeSamples(x, batch, inChannels, height * width, tape.input);
            in = tape.input;
        }
        tape.blockInput = in;
        for (int i = 0; i < BLOCKS; i++) {
            int h = tape.heights[i];
            int w = tape.widths[i];
            int ho = ReluMaxPool.outputSize(h);
            int wo = ReluMaxPool.outputSize(w);
            float[] conv = convolutionOutput(tape, i, Math.multiplyExact(batch * channels, h * w));
            float[] pooled = tape.pooled[i] = FloatOps.ensure(tape.pooled[i], batch * channels * ho * wo);
            if (norms == null) {
                convs[i].forward(in, batch, h, w, conv, tape.conv[i], workers);
                workers.forEach(batch, (worker, b) -> pool.forward(conv, b, h, w, null, null, null, pooled));
            } else {
                BatchNorm2d norm = norms[i];
                BatchNorm2d.Tape nt = tape.norm[i];
                norm.begin(conv, batch, h * w, training, nt);
                convs[i].forward(in, batch, h, w, conv, tape.conv[i], workers, (worker, b) -> norm.accumulate(nt, b));
                norm.finishStatistics(nt);
                workers.forEach(batch, (worker, b) -> pool.forward(conv, b, h, w, nt.mean(), nt.scale(), nt.shift(),
                        pooled));
            }
            tape.heights[i + 1] = ho;
            tape.widths[i + 1] = wo;
            in = pooled;
        }
        tape.ready = true;
        int plane = tape.heights[BLOCKS] * tape.widths[BLOCKS];
        if (plane == 1) {
            return tape.pooled[BLOCKS - 1];
        }
        tape.embeddings = FloatOps.ensure(tape.embeddings, batch * channels * plane);
        transposeSamples(tape.pooled[BLOCKS - 1], batch, plane, channels, tape.embeddings);
        return tape.embeddings;
    }

    /** Block {@code i}'s convolution output buffer of {@code n} values (the shared one for block 0, now this tape's). */
    private static float[] convolutionOutput(Tape tape, int i, int n) {
        if (i > 0) {
            return tape.convOut[i] = FloatOps.ensure(tape.convOut[i], n);
        }
        Shared shared = tape.shared;
        shared.conv0 = FloatOps.ensure(shared.conv0, n);
        shared.conv0Owner = tape;
        return shared.conv0;
    }

    /**
     * Backward of the last forward on {@code tape}: {@code gOut} is {@code dL/dembeddings} (B, outputSize). Adds the
     * parameter gradients into {@code grads} and, if {@code gx != null}, {@code dL/dx} (B, C_in, H, W) into
     * {@code gx}.
     */
    public void backward(Tape tape, float[] gOut, Gradients grads, float[] gx, SampleRunner runner) {
        if (!tape.ready) {
            throw new IllegalStateException("backward without a forward on this tape");
        }
        int batch = tape.batch;
        Shared shared = tape.shared;
        SampleRunner workers = runner == null ? SampleRunner.SERIAL : runner;
        float[] gUp = gOut;
        int last = tape.heights[BLOCKS] * tape.widths[BLOCKS];
        if (last > 1) {
            shared.gEmbeddings = FloatOps.ensure(shared.gEmbeddings, batch * channels * last);
            transposeSamples(gOut, batch, channels, last, shared.gEmbeddings);
            gUp = shared.gEmbeddings;
        }
        for (int i = BLOCKS - 1; i >= 0; i--) {
            int h = tape.heights[i];
            int w = tape.widths[i];
            float[] conv = i > 0 ? tape.convOut[i] : firstConvolution(tape, workers);
            float[] gAct = shared.gAct = FloatOps.ensure(shared.gAct, batch * channels * h * w);
            float[] gPooled = gUp;
            float[] gDown;
            if (i > 0) {
                shared.gIn[i % 2] = FloatOps.ensureZeroed(shared.gIn[i % 2], batch * channels * h * w);
                gDown = shared.gIn[i % 2];
            } else if (gx != null && inChannels > 1) {
                gDown = shared.gInput = FloatOps.ensureZeroed(shared.gInput, batch * inChannels * h * w);
            } else {
                gDown = gx;
            }
            if (norms == null) {
                workers.forEach(batch, (worker, b) -> pool.backward(conv, b, h, w, null, null, null, gPooled, gAct));
                convs[i].backward(tape.conv[i], gAct, grads, gDown, workers);
            } else {
                BatchNorm2d norm = norms[i];
                BatchNorm2d.Tape nt = tape.norm[i];
                workers.forEach(batch, (worker, b) -> {
                    pool.backward(conv, b, h, w, nt.mean(), nt.scale(), nt.shift(), gPooled, gAct);
                    norm.accumulateGradient(nt, gAct, b);
                });
                norm.finishGradient(nt, grads);
                convs[i].backward(tape.conv[i], gAct, grads, gDown, workers,
                        (worker, b) -> norm.inputGradient(nt, gAct, b, gAct));
            }
            gUp = gDown;
        }
        if (gx != null && inChannels > 1) {
            int plane = tape.heights[0] * tape.widths[0];
            for (int b = 0; b < batch; b++) {
                for (int c = 0; c < inChannels; c++) {
                    for (int p = 0; p < plane; p++) {
                        gx[(b * inChannels + c) * plane + p] += shared.gInput[(b * plane + p) * inChannels + c];
                    }
                }
            }
        }
    }

    /**
     * The tape's first convolution output: still in the shared buffer if no other tape's forward ran since, else
     * recomputed from the recorded input (the same values: the convolution does not depend on the thread count) and
     * handed to the first batch norm's record again.
     */
    private float[] firstConvolution(Tape tape, SampleRunner workers) {
        Shared shared = tape.shared;
        if (shared.conv0Owner == tape) {
            return shared.conv0;
        }
        float[] conv = convolutionOutput(tape, 0, tape.batch * channels * tape.heights[0] * tape.widths[0]);
        convs[0].forward(tape.blockInput, tape.batch, tape.heights[0], tape.widths[0], conv, tape.conv[0], workers);
        if (norms != null) {
            tape.norm[0].input(conv);
        }
        return conv;
    }

    /** Per sample, writes the transpose of its (rows, cols) block of {@code a} into {@code t} as (cols, rows). */
    private static void transposeSamples(float[] a, int batch, int rows, int cols, float[] t) {
        for (int b = 0; b < batch; b++) {
            int off = b * rows * cols;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    t[off + c * rows + r] = a[off + r * cols + c];
                }
            }
        }
    }
}
