package org.hmem.engine.conv;

import java.util.Arrays;
import java.util.List;

import org.hmem.engine.neuron.NeuronModel;
import org.hmem.engine.neuron.NonLeakyIafPscDelta;
import org.hmem.engine.neuron.Population;
import org.hmem.engine.neuron.SpikeTrain;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.nn.SpikingLayer;
import org.hmem.engine.simd.NonZeroLanes;
import org.hmem.engine.simd.Simd;
import org.hmem.engine.surrogate.TriangleSurrogate;
import org.hmem.engine.tensor.FloatOps;

/**
 * Spiking 3x3 convolution (spec §3.3): at every step the frame of input spikes is convolved (cross-correlation, zero
 * padding 1, stride 1, optional bias) into the currents of a population of non-leaky integrate-and-fire neurons
 * (spec §1.3) whose threshold and refractory period threshold balancing assigns (spec §5.3).
 *
 * <p><b>Event-driven.</b> The input is a binary spike train: each step only its spikes are visited, and each adds one
 * 3x3 x C_out weight slab to the currents around it, so a frame costs work per spike, not per pixel. The spikes of
 * one input position reach the same nine outputs, so each output sums their slabs in registers (one fused
 * multiply-add per spike, the same bits as adding them one by one) and loads and stores its currents once. (Gathering
 * each output position's slabs from all spikes in its reach instead measured 15–20 % slower: building those term
 * lists costs more than the stores save.) For that the layer works in <b>height-width-channel</b> layout
 * ({@code [(y * W + x) * C + c]}) on its inputs and outputs; the weights keep the reference's (C_out, C_in, 3, 3)
 * layout and names ({@code <prefix>.conv2d.weight}, {@code .bias}). With one pixel (the CNN's last block) HWC is the
 * reference's channel-major flattening.
 *
 * <p><b>Live positions.</b> Without a bias, a position that no input spike reaches during the whole sequence gets no
 * current, so its neurons stay at rest: they never spike, their surrogate derivative is zero (the membrane is 0, a
 * full threshold below the threshold), and no gradient passes through them. Before the time loop the layer marks
 * the positions within reach of some input spike and simulates only those (its population holds the live positions'
 * neurons, position by position); the rest is exactly what the full computation would give. On Omniglot characters
 * (10–20 % ink) this skips most of the first layer.
 *
 * <p><b>Backward</b> lists each step's non-zero current gradients per position (about a fifth of them on Omniglot:
 * only a pool window's winner gets a gradient, and only inside the surrogate's support), visits the recorded input
 * spikes again for the weight gradient (channel by channel, so that each weight row sums its terms in registers;
 * positions without a gradient skipped) and computes input gradients only
 * where the caller's mask (the producing population's sensitivity) is non-zero: per input position, the weight rows
 * of the listed gradients it reaches, summed in registers ({@link ConvKernels#sumScaledRows}), which gives the bits
 * of the unfolded matrix product at the cost of its non-zero terms.
 *
 * <p><b>Pooled.</b> Built with {@code pooled = true} the layer also applies the 2x2 max-pool that follows every
 * convolution of the spiking CNN (spec §3.3, as {@link SpikingMaxPool2d}) right after each step, while the step's
 * spikes are still in cache, and emits the pooled spikes. Backward then routes each pooled gradient to the winning
 * neuron of its window (found again in the spike record) step by step, so the population never needs a gradient
 * record of its own. A separate max-pool layer would read the whole spike record back from memory twice.
 */
public final class SpikingConv2d implements SpikingLayer<SpikingConv2d.Tape> {

    private static final int K = 3;

    private final Parameter weight;
    private final Parameter bias;
    private final int cin;
    private final int cout;
    private final int h;
    private final int w;
    private final boolean pooled;
    /**
     * On the padded grid (row length w + 2), the offset from an input position to the output reached through kernel
     * position {@code ky * 3 + kx}: output (y + 1 - ky, x + 1 - kx).
     */
    private final int[] tapOffsets = new int[K * K];
    private NeuronModel neuron;

    /**
     * @param prefix the block's name, e.g. {@code images_embedding_layer.encoder.0.0}
     * @param thr firing threshold (0 before threshold balancing)
     */
    public SpikingConv2d(String prefix, int cin, int cout, int h, int w, boolean bias, float thr, int refractory) {
        this(prefix, cin, cout, h, w, bias, thr, refractory, false);
    }

    /** @param pooled whether the layer emits its spikes 2x2 max-pooled (see the class comment) */
    public SpikingConv2d(String prefix, int cin, int cout, int h, int w, boolean bias, float thr, int refractory,
                         boolean pooled) {
        this.pooled = pooled;
        this.cin = cin;
        this.cout = cout;
        this.h = h;
        this.w = w;
        this.weight = new Parameter(prefix + ".conv2d.weight", true, cout, cin, K, K);
        this.bias = bias ? new Parameter(prefix + ".conv2d.bias", true, cout) : null;
        for (int tap = 0; tap < K * K; tap++) {
            tapOffsets[tap] = (1 - tap / K) * (w + 2) + 1 - tap % K;
        }
        setThreshold(thr, refractory);
    }

    /** Position p on the grid padded by one position on every side. */
    private int padded(int p) {
        return p + 2 * (p / w) + w + 3;
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null. */
    public Parameter bias() {
        return bias;
    }

    public int outChannels() {
        return cout;
    }

    public int height() {
        return h;
    }

    public int width() {
        return w;
    }

    /** The neurons' threshold and refractory period (threshold balancing, spec §5.3). */
    public void setThreshold(float thr, int refractory) {
        this.neuron = new NonLeakyIafPscDelta(thr, false, refractory, new TriangleSurrogate(1f));
    }

    public float threshold() {
        return ((NonLeakyIafPscDelta) neuron).threshold();
    }

    public int refractorySteps() {
        return ((NonLeakyIafPscDelta) neuron).refractorySteps();
    }

    @Override
    public int inputSize() {
        return h * w * cin;
    }

    /** Neurons per step: {@code h * w * C_out}. */
    public int neurons() {
        return h * w * cout;
    }

    /** The output's height: {@code h}, or {@code h / 2} when pooled. */
    public int outHeight() {
        return pooled ? h / 2 : h;
    }

    public int outWidth() {
        return pooled ? w / 2 : w;
    }

    @Override
    public int outputSize() {
        return outHeight() * outWidth() * cout;
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    @Override
    public Tape newTape() {
        return new Tape(this);
    }

    /**
     * One sample's record: the population of the live positions' neurons, which positions are live, the weights
     * arranged for the scatter and for the input gradient, and the indices of the non-zero inputs of every step
     * ({@code active[stepStart[t] .. stepStart[t + 1])}, visited again by backward).
     */
    public static final class Tape implements SpikingLayer.Tape {
        private Population pop;
        private final float[] wt;
        private final float[] gwt;
        private final float[] wIn;
        private final float[] current;
        private final float[] gBias;
        /** Per position its index among the live positions, or -1. */
        private final int[] liveIndex;
        /**
         * {@code liveIndex} on the grid padded by one position on every side (-1 there), so that the 3x3 reach of a
         * position is nine fixed offsets ({@code tapOffsets}) without bounds checks.
         */
        private final int[] livePadded;
        private int live;
        private int[] active = new int[0];
        private int[] stepStart = new int[1];
        /** Per step of backward: the non-zero current gradients per live position, channels and values. */
        private final int[] gradStart;
        private final int[] gradChannels;
        private final float[] gradValues;
        /** Per live output position q, at q + 1: whether it has a listed gradient this step (1) or not (0). */
        private final int[] withGradient;
        /**
         * The terms of one call of {@link ConvKernels#sumScaledRows}: rows and factors (an input position's gradient
         * terms, a position's entries in the forward scatter, a weight row's entries in its gradient).
         */
        private final int[] termRows;
        private final float[] termValues;
        /**
         * A step's input entries ordered by channel (padded position and value), and where each channel's entries
         * end.
         */
        private final int[] sortedPositions;
        private final float[] sortedValues;
        private final int[] channelStart;
        /** The first weight row ({@code ci * 9}) of each entry of one position's run in the forward scatter. */
        private final int[] runSlabs;
        /** One input position's input gradient. */
        private final float[] inputSum;
        private final ConvPooling pooling;
        private final float[] gz;
        private boolean trackMax;
        private float maxPreActivation = Float.NEGATIVE_INFINITY;
        private float[] x;
        private int xOff;
        private int steps;
        private final int cout;
        private final int positions;

        private Tape(SpikingConv2d l) {
            pop = new Population(l.neuron, l.neurons());
            wt = new float[l.cin * K * K * l.cout];
            gwt = new float[wt.length];
            wIn = new float[wt.length];
            current = new float[l.neurons()];
            gBias = new float[l.cout];
            liveIndex = new int[l.h * l.w];
            livePadded = new int[(l.h + 2) * (l.w + 2)];
            Arrays.fill(livePadded, -1);
            gradStart = new int[l.h * l.w + 1];
            withGradient = new int[l.h * l.w + 1];
            gradChannels = new int[l.neurons()];
            gradValues = new float[l.neurons()];
            termRows = new int[Math.max(K * K * l.cout, Math.max(l.h * l.w, l.cin))];
            termValues = new float[termRows.length];
            sortedPositions = new int[l.h * l.w * l.cin];
            sortedValues = new float[sortedPositions.length];
            channelStart = new int[l.cin + 1];
            runSlabs = new int[l.cin];
            inputSum = new float[l.cin];
            pooling = l.pooled ? new ConvPooling(l.cout, l.h, l.w) : null;
            gz = l.pooled ? new float[l.neurons()] : null;
            cout = l.cout;
            positions = l.h * l.w;
        }

        /**
         * The layer's output: the pooled spikes, or without pooling the population's spikes, which then cover every
         * position (an unpooled layer simulates all of them, so that consumers see the usual layout).
         */
        @Override
        public SpikeTrain output() {
            return pooling != null ? pooling.output() : pop;
        }

        /** The convolution's own spikes (before pooling) in the full layout {@code [t][(y * W + x) * C + c]}. */
        public float[] spikes() {
            float[] dense = new float[steps * positions * cout];
            float[] z = pop.spikes();
            int n = live * cout;
            for (int t = 0; t < steps; t++) {
                for (int p = 0; p < positions; p++) {
                    if (liveIndex[p] >= 0) {
                        System.arraycopy(z, t * n + liveIndex[p] * cout, dense, (t * positions + p) * cout, cout);
                    }
                }
            }
            return dense;
        }

        /** Positions simulated in the last forward (the live ones). */
        public int livePositions() {
            return live;
        }

        /** Whether forward records {@link #maxPreActivation()} (threshold balancing; off by default). */
        public void trackMaxPreActivation(boolean on) {
            trackMax = on;
        }

        /** The largest input current of any neuron at any step of the last forward (spec §5.3), if tracked. */
        public float maxPreActivation() {
            if (!trackMax) {
                throw new IllegalStateException("max pre-activation is not tracked on this tape");
            }
            return maxPreActivation;
        }
    }

    @Override
    public void forward(float[] x, int xOff, int steps, Tape tape) {
        if (tape.pop.model() != neuron) {
            tape.pop = new Population(neuron, neurons());
        }
        tape.x = x;
        tape.xOff = xOff;
        tape.steps = steps;
        recordActiveInputs(x, xOff, steps, tape);
        markLivePositions(tape);
        transposeWeights(tape.wt);
        int n = tape.live * cout;
        Population pop = tape.pop;
        pop.resize(n);
        pop.begin(steps, null);
        if (pooled) {
            tape.pooling.begin(steps);
        }
        float[] cur = tape.current;
        float max = tape.live < h * w ? 0f : Float.NEGATIVE_INFINITY; // resting positions have current 0
        int in = inputSize();
        for (int t = 0; t < steps; t++) {
            if (bias == null) {
                Arrays.fill(cur, 0, n, 0f);
            } else {
                for (int q = 0; q < tape.live; q++) {
                    System.arraycopy(bias.data(), 0, cur, q * cout, cout);
                }
            }
            int off = xOff + t * in;
            for (int q = tape.stepStart[t], end = tape.stepStart[t + 1]; q < end; ) {
                q = scatterPosition(q, end, x, off, tape, cur);
            }
            if (tape.trackMax) {
                for (int i = 0; i < n; i++) {
                    max = Math.max(max, cur[i]);
                }
            }
            pop.step(t, cur, 0);
            if (pooled) {
                tape.pooling.pool(t, pop.spikes(), pop.surrogate(), n, tape.liveIndex);
            }
        }
        tape.maxPreActivation = max;
    }

    /** The indices of every step's non-zero inputs, position by position (contiguous in this layout). */
    private void recordActiveInputs(float[] x, int xOff, int steps, Tape tape) {
        int in = inputSize();
        if (tape.stepStart.length <= steps) {
            tape.stepStart = new int[steps + 1];
        }
        int count = 0;
        for (int t = 0; t < steps; t++) {
            tape.stepStart[t] = count;
            if (tape.active.length < count + in) {
                tape.active = Arrays.copyOf(tape.active, Math.max(count + in, 2 * tape.active.length));
            }
            count = appendNonZero(x, xOff + t * in, in, tape.active, count);
        }
        tape.stepStart[steps] = count;
    }

    /** Appends the indices {@code k < n} with {@code x[off + k] != 0} to {@code idx} from {@code count} on. */
    private static int appendNonZero(float[] x, int off, int n, int[] idx, int count) {
        if (Simd.enabled()) {
            return NonZeroLanes.append(x, off, n, idx, count);
        }
        for (int k = 0; k < n; k++) {
            if (x[off + k] != 0f) {
                idx[count++] = k;
            }
        }
        return count;
    }

    /**
     * Numbers the positions that get current during the sequence: all of them with a bias or without pooling (an
     * unpooled layer's output keeps the full layout), else those within the 3x3 reach of some input spike.
     */
    private void markLivePositions(Tape tape) {
        int positions = h * w;
        if (bias != null || !pooled) {
            for (int p = 0; p < positions; p++) {
                tape.liveIndex[p] = p;
                tape.livePadded[padded(p)] = p;
            }
            tape.live = positions;
            return;
        }
        Arrays.fill(tape.liveIndex, -1);
        int count = tape.stepStart[tape.steps];
        for (int q = 0; q < count; q++) {
            int pos = tape.active[q] / cin, y = pos / w, x = pos % w;
            for (int yo = Math.max(0, y - 1); yo <= Math.min(h - 1, y + 1); yo++) {
                for (int xo = Math.max(0, x - 1); xo <= Math.min(w - 1, x + 1); xo++) {
                    tape.liveIndex[yo * w + xo] = 0;
                }
            }
        }
        int live = 0;
        for (int p = 0; p < positions; p++) {
            if (tape.liveIndex[p] == 0) {
                tape.liveIndex[p] = live++;
            }
            tape.livePadded[padded(p)] = tape.liveIndex[p];
        }
        tape.live = live;
    }

    /**
     * Adds the 3x3 weight slabs of the step's input entries at one position (the list's run from {@code from}, at
     * most {@code to}) to the currents of the outputs they reach, and returns where the next position's run starts.
     * Each output's currents take the run's slabs in registers, one fused multiply-add per entry in list order: for
     * binary spikes that is, bit for bit, adding the slabs one after another, with one load and store of the
     * currents per output instead of one per entry.
     */
    private int scatterPosition(int from, int to, float[] x, int off, Tape tape, float[] cur) {
        int[] active = tape.active;
        int pos = active[from] / cin, next = (pos + 1) * cin, end = from + 1;
        while (end < to && active[end] < next) {
            end++;
        }
        int count = end - from, pp = padded(pos);
        for (int e = 0; e < count; e++) {
            tape.termValues[e] = x[off + active[from + e]];
            tape.runSlabs[e] = (active[from + e] - pos * cin) * K * K;
        }
        for (int tap = 0; tap < K * K; tap++) {
            int q = tape.livePadded[pp + tapOffsets[tap]];
            if (q < 0) { // outside the frame: every position in reach of a spike is live
                continue;
            }
            for (int e = 0; e < count; e++) {
                tape.termRows[e] = tape.runSlabs[e] + tap;
            }
            ConvKernels.sumScaledRows(count, tape.termRows, tape.termValues, tape.wt, cout, cout, cur, q * cout, cur,
                    q * cout);
        }
        return end;
    }

    /** {@code wt[((ci * 3 + ky) * 3 + kx) * C_out + co] = W[co, ci, ky, kx]}: a spike's slab is contiguous. */
    private void transposeWeights(float[] wt) {
        float[] wd = weight.data();
        for (int co = 0; co < cout; co++) {
            for (int r = 0; r < cin * K * K; r++) {
                wt[r * cout + co] = wd[co * cin * K * K + r];
            }
        }
    }

    @Override
    public void backward(Tape tape, Gradients grads, float[] gx, int gxOff, float[] gxMask, int maskOff) {
        Population pop = tape.pop;
        int n = tape.live * cout, in = inputSize();
        float[] gz = pooled ? null : pop.gradient();
        pop.beginBackward(null);
        float[] gCur = tape.current;
        Arrays.fill(tape.gwt, 0f);
        if (gx != null) {
            arrangeInputGradientWeights(tape.wIn);
        }
        Arrays.fill(tape.gBias, 0f);
        float[] gB = bias == null ? null : grads.of(bias);
        for (int t = tape.steps - 1; t >= 0; t--) {
            if (pooled) {
                tape.pooling.unpool(t, pop.spikes(), tape.gz, n, tape.liveIndex);
                pop.backwardStep(t, tape.gz, 0, gCur, 0);
            } else {
                pop.backwardStep(t, gz, t * n, gCur, 0);
            }
            listNonZeroGradients(tape, gCur);
            addWeightGradient(tape, t, gCur);
            if (gB != null) {
                for (int q = 0; q < tape.live; q++) {
                    if (tape.gradStart[q + 1] > tape.gradStart[q]) {
                        FloatOps.axpy(cout, 1f, gCur, q * cout, tape.gBias, 0);
                    }
                }
            }
            if (gx != null) {
                inputGradient(tape, gCur, gx, gxOff + t * in, gxMask, gxMask == null ? 0 : maskOff + t * in);
            }
        }
        float[] gW = grads.of(weight);
        if (gW != null) {
            for (int co = 0; co < cout; co++) {
                for (int r = 0; r < cin * K * K; r++) {
                    gW[co * cin * K * K + r] += tape.gwt[r * cout + co];
                }
            }
        }
        if (gB != null) {
            for (int co = 0; co < cout; co++) {
                gB[co] += tape.gBias[co];
            }
        }
    }

    /**
     * Lists the non-zero entries of the step's current gradients, position by position: position q's channels are
     * {@code gradChannels[gradStart[q] .. gradStart[q + 1])}. Skipping a zero gradient is exact: it would add a
     * signed zero to sums that start at +0 and so are never -0.
     */
    private void listNonZeroGradients(Tape tape, float[] gCur) {
        int count = 0;
        for (int q = 0; q < tape.live; q++) {
            tape.gradStart[q] = count;
            int first = count;
            count = appendNonZero(gCur, q * cout, cout, tape.gradChannels, count);
            for (int e = first; e < count; e++) {
                tape.gradValues[e] = gCur[q * cout + tape.gradChannels[e]];
            }
        }
        tape.gradStart[tape.live] = count;
    }

    /**
     * Adds step t's weight gradient: each input entry's value times the current gradients of the outputs it reached
     * (outputs without a gradient skipped). The entries are taken channel by channel (a counting sort of the step's
     * list, which keeps positions ascending within a channel), so each weight row (channel, kernel position) sums its
     * terms in registers, one fused multiply-add each, in the order the entries had in the list: for binary spikes the
     * same bits as adding one outer product per entry, with one load and store of the row per step.
     */
    private void addWeightGradient(Tape tape, int t, float[] gCur) {
        int from = tape.stepStart[t], to = tape.stepStart[t + 1];
        if (from == to) {
            return;
        }
        int[] active = tape.active, start = tape.channelStart, gradStart = tape.gradStart;
        Arrays.fill(start, 0);
        for (int q = from; q < to; q++) {
            start[active[q] % cin + 1]++;
        }
        for (int c = 0; c < cin; c++) {
            start[c + 1] += start[c];
        }
        int off = tape.xOff + t * inputSize();
        for (int q = from; q < to; q++) {
            int k = active[q], slot = start[k % cin]++;
            tape.sortedPositions[slot] = padded(k / cin);
            tape.sortedValues[slot] = tape.x[off + k];
        }
        // withGradient[q + 1]: 1 if live output q has a listed gradient; [0] stands for the border (-1)
        int[] withGradient = tape.withGradient;
        for (int q = 0; q < tape.live; q++) {
            withGradient[q + 1] = gradStart[q + 1] > gradStart[q] ? 1 : 0;
        }
        // start[c] is now where channel c's entries end, and channel c - 1's end is where they begin
        for (int c = 0, first = 0; c < cin; first = start[c++]) {
            if (first == start[c]) {
                continue;
            }
            for (int tap = 0; tap < K * K; tap++) {
                int d = tapOffsets[tap], terms = 0;
                // every entry is written and only those whose target has a gradient are kept: whether one has is
                // random, and a branch on it mispredicted often
                for (int e = first; e < start[c]; e++) {
                    int target = tape.livePadded[tape.sortedPositions[e] + d];
                    tape.termRows[terms] = target;
                    tape.termValues[terms] = tape.sortedValues[e];
                    terms += withGradient[target + 1];
                }
                if (terms > 0) {
                    int row = (c * K * K + tap) * cout;
                    ConvKernels.sumScaledRows(terms, tape.termRows, tape.termValues, gCur, cout, cout, tape.gwt,
                            row, tape.gwt, row);
                }
            }
        }
    }

    /**
     * {@code dL/dx} of one step where the mask is non-zero: per input position with a sensitive channel, the sum over
     * the 3x3 outputs it reaches (in kernel order) of their listed non-zero gradients times the weight rows arranged
     * (kernel position, C_out) x C_in. That is the unfolded matrix product (gradients x weights) restricted to its
     * non-zero terms, in the same order, so it gives the same bits at about a fifth of the work.
     */
    private void inputGradient(Tape tape, float[] gCur, float[] gx, int gxOff, float[] mask, int maskOff) {
        int positions = h * w;
        float[] sum = tape.inputSum;
        for (int p = 0; p < positions; p++) {
            if (mask != null && !FloatOps.anyNonZero(mask, maskOff + p * cin, cin)) {
                continue;
            }
            int terms = inputGradientTerms(tape, p);
            if (terms == 0) {
                continue;
            }
            ConvKernels.sumScaledRows(terms, tape.termRows, tape.termValues, tape.wIn, cin, cin, null, 0, sum, 0);
            if (mask == null) {
                FloatOps.axpy(cin, 1f, sum, 0, gx, gxOff + p * cin);
            } else {
                FloatOps.addWhereNonZero(cin, sum, 0, mask, maskOff + p * cin, gx, gxOff + p * cin);
            }
        }
    }

    /**
     * The terms of input position p's gradient: for each output in its 3x3 reach (kernel order), its listed
     * gradients, each with the weight row {@code (ky * 3 + kx) * C_out + co} of {@code wIn}.
     */
    private int inputGradientTerms(Tape tape, int p) {
        int pp = padded(p), terms = 0;
        for (int tap = 0; tap < K * K; tap++) {
            int q = tape.livePadded[pp + tapOffsets[tap]];
            if (q < 0) {
                continue;
            }
            int from = tape.gradStart[q], count = tape.gradStart[q + 1] - from, row = tap * cout;
            for (int e = 0; e < count; e++) {
                tape.termRows[terms + e] = row + tape.gradChannels[from + e];
            }
            System.arraycopy(tape.gradValues, from, tape.termValues, terms, count);
            terms += count;
        }
        return terms;
    }

    /** {@code wIn[((ky * 3 + kx) * C_out + co) * C_in + ci] = W[co, ci, ky, kx]}: the input gradient's weights. */
    private void arrangeInputGradientWeights(float[] wIn) {
        float[] wd = weight.data();
        for (int co = 0; co < cout; co++) {
            for (int ci = 0; ci < cin; ci++) {
                for (int k = 0; k < K * K; k++) {
                    wIn[(k * cout + co) * cin + ci] = wd[(co * cin + ci) * K * K + k];
                }
            }
        }
    }
}
