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
import org.hmem.engine.surrogate.TriangleSurrogate;
import org.hmem.engine.tensor.FloatOps;

/**
 * Spiking 3x3 convolution (spec §3.3): at every step the frame of input spikes is convolved (cross-correlation, zero
 * padding 1, stride 1, optional bias) into the currents of a population of non-leaky integrate-and-fire neurons
 * (spec §1.3) whose threshold and refractory period threshold balancing assigns (spec §5.3).
 *
 * <p><b>Event-driven.</b> The input is a binary spike train: each step only its spikes are visited, and each adds one
 * 3x3 x C_out weight slab to the currents around it, so a frame costs work per spike, not per pixel. For that the
 * layer works in <b>height-width-channel</b> layout ({@code [(y * W + x) * C + c]}) internally and on its inputs and
 * outputs; the weights keep the reference's (C_out, C_in, 3, 3) layout and names
 * ({@code <prefix>.conv2d.weight}, {@code .bias}). With one pixel (the CNN's last block) HWC is the reference's
 * channel-major flattening. Backward visits the input spikes again for the weight gradient and computes input
 * gradients only where the caller's mask (the producing population's sensitivity) is non-zero.
 */
public final class SpikingConv2d implements SpikingLayer<SpikingConv2d.Tape> {

    private static final int K = 3;

    private final Parameter weight;
    private final Parameter bias;
    private final int cin;
    private final int cout;
    private final int h;
    private final int w;
    private NeuronModel neuron;

    /**
     * @param prefix the block's name, e.g. {@code images_embedding_layer.encoder.0.0}
     * @param thr firing threshold (0 before threshold balancing)
     */
    public SpikingConv2d(String prefix, int cin, int cout, int h, int w, boolean bias, float thr, int refractory) {
        this.cin = cin;
        this.cout = cout;
        this.h = h;
        this.w = w;
        this.weight = new Parameter(prefix + ".conv2d.weight", true, cout, cin, K, K);
        this.bias = bias ? new Parameter(prefix + ".conv2d.bias", true, cout) : null;
        setThreshold(thr, refractory);
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

    @Override
    public int outputSize() {
        return h * w * cout;
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
     * One sample's record: the population, the weights transposed for the scatter, and the indices of the non-zero
     * inputs of every step ({@code active[stepStart[t] .. stepStart[t + 1])}, visited again by backward).
     */
    public static final class Tape implements SpikingLayer.Tape {
        private Population pop;
        private final float[] wt;
        private final float[] gwt;
        private final float[] current;
        private final float[] gBias;
        private int[] active = new int[0];
        private int[] stepStart = new int[1];
        private boolean trackMax;
        private float maxPreActivation = Float.NEGATIVE_INFINITY;
        private float[] x;
        private int xOff;
        private int steps;

        private Tape(SpikingConv2d l) {
            pop = new Population(l.neuron, l.outputSize());
            wt = new float[l.cin * K * K * l.cout];
            gwt = new float[wt.length];
            current = new float[l.outputSize()];
            gBias = new float[l.cout];
        }

        @Override
        public SpikeTrain output() {
            return pop;
        }

        public Population population() {
            return pop;
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
            tape.pop = new Population(neuron, outputSize());
        }
        tape.x = x;
        tape.xOff = xOff;
        tape.steps = steps;
        transposeWeights(tape.wt);
        Population pop = tape.pop;
        pop.begin(steps, null);
        float[] cur = tape.current;
        float max = Float.NEGATIVE_INFINITY;
        int in = inputSize();
        if (tape.stepStart.length <= steps) {
            tape.stepStart = new int[steps + 1];
        }
        int[] start = tape.stepStart;
        int count = 0;
        for (int t = 0; t < steps; t++) {
            if (bias == null) {
                Arrays.fill(cur, 0f);
            } else {
                float[] b = bias.data();
                for (int p = 0; p < h * w; p++) {
                    System.arraycopy(b, 0, cur, p * cout, cout);
                }
            }
            start[t] = count;
            int off = xOff + t * in;
            if (tape.active.length < count + in) {
                tape.active = Arrays.copyOf(tape.active, Math.max(count + in, 2 * tape.active.length));
            }
            int[] active = tape.active;
            // position by position: contiguous in this layout; any order of summation is as faithful as another
            for (int k = 0; k < in; k++) {
                if (x[off + k] != 0f) {
                    active[count++] = k;
                }
            }
            for (int q = start[t]; q < count; q++) {
                scatter(active[q], x[off + active[q]], tape.wt, cur);
            }
            if (tape.trackMax) {
                for (float c : cur) {
                    max = Math.max(max, c);
                }
            }
            pop.step(t, cur, 0);
        }
        start[steps] = count;
        tape.maxPreActivation = max;
    }

    /** Adds input entry {@code k} (value v) times its 3x3 weight slab to the currents of the outputs it reaches. */
    private void scatter(int k, float v, float[] wt, float[] cur) {
        int ci = k % cin, pos = k / cin, y = pos / w, xx = pos % w;
        for (int ky = 0; ky < K; ky++) {
            int yo = y + 1 - ky;
            if (yo < 0 || yo >= h) {
                continue;
            }
            for (int kx = 0; kx < K; kx++) {
                int xo = xx + 1 - kx;
                if (xo < 0 || xo >= w) {
                    continue;
                }
                FloatOps.axpy(cout, v, wt, ((ci * K + ky) * K + kx) * cout, cur, (yo * w + xo) * cout);
            }
        }
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
        int n = outputSize(), in = inputSize();
        float[] gz = pop.gradient();
        pop.beginBackward(null);
        float[] gCur = tape.current;
        Arrays.fill(tape.gwt, 0f);
        Arrays.fill(tape.gBias, 0f);
        float[] gB = bias == null ? null : grads.of(bias);
        for (int t = tape.steps - 1; t >= 0; t--) {
            pop.backwardStep(t, gz, t * n, gCur, 0);
            int off = tape.xOff + t * in;
            for (int q = tape.stepStart[t]; q < tape.stepStart[t + 1]; q++) {
                gatherWeightGradient(tape.active[q], tape.x[off + tape.active[q]], gCur, tape.gwt);
            }
            if (gB != null) {
                for (int p = 0; p < h * w; p++) {
                    FloatOps.axpy(cout, 1f, gCur, p * cout, tape.gBias, 0);
                }
            }
            if (gx != null) {
                for (int k = 0; k < in; k++) {
                    if (gxMask == null || gxMask[maskOff + t * in + k] != 0f) {
                        gx[gxOff + t * in + k] += inputGradient(k, tape.wt, gCur);
                    }
                }
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

    /** The weight gradient of one input entry: its value times the current gradients of the outputs it reached. */
    private void gatherWeightGradient(int k, float v, float[] gCur, float[] gwt) {
        int ci = k % cin, pos = k / cin, y = pos / w, xx = pos % w;
        for (int ky = 0; ky < K; ky++) {
            int yo = y + 1 - ky;
            if (yo < 0 || yo >= h) {
                continue;
            }
            for (int kx = 0; kx < K; kx++) {
                int xo = xx + 1 - kx;
                if (xo < 0 || xo >= w) {
                    continue;
                }
                FloatOps.axpy(cout, v, gCur, (yo * w + xo) * cout, gwt, ((ci * K + ky) * K + kx) * cout);
            }
        }
    }

    /** {@code dL/dx[k]}: the slab of input entry k against the current gradients of the outputs it reaches. */
    private float inputGradient(int k, float[] wt, float[] gCur) {
        int ci = k % cin, pos = k / cin, y = pos / w, xx = pos % w;
        float g = 0f;
        for (int ky = 0; ky < K; ky++) {
            int yo = y + 1 - ky;
            if (yo < 0 || yo >= h) {
                continue;
            }
            for (int kx = 0; kx < K; kx++) {
                int xo = xx + 1 - kx;
                if (xo < 0 || xo >= w) {
                    continue;
                }
                g += FloatOps.dot(cout, wt, ((ci * K + ky) * K + kx) * cout, gCur, (yo * w + xo) * cout);
            }
        }
        return g;
    }
}
