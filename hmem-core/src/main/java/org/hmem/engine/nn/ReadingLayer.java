package org.hmem.engine.nn;

import java.util.Arrays;
import java.util.List;

import org.hmem.engine.neuron.NeuronModel;
import org.hmem.engine.neuron.Population;
import org.hmem.engine.tensor.FloatOps;

/**
 * Spiking reading layer (spec §3.6). Keys are driven by {@code W [x_t, buf[t mod D]]} (W of shape (N, In + N)), values
 * by {@code M k_t} (no 0.2 factor; M fixed while reading), and {@code buf[t mod D]} then receives the value spikes:
 * the reference's feedback ring buffer, whose slot index restarts at every call. Within a call the keys of step t
 * therefore see the values of step {@code t - D}; the first D steps see the buffer the call started from (zeros by
 * default, or the final buffer of the previous call when the state is carried: then a delay of D across calls is
 * exact when every call's length is a multiple of D, as in the reference). Gradients flow through the feedback,
 * within a call and across carried calls.
 */
public final class ReadingLayer implements Module {

    private final Parameter w;
    private final int in;
    private final int n;
    private final int delay;
    private final NeuronModel neuron;

    public ReadingLayer(String prefix, int in, int n, int delay, NeuronModel neuron) {
        if (delay < 1) {
            throw new IllegalArgumentException("feedback delay must be >= 1, got " + delay);
        }
        this.in = in;
        this.n = n;
        this.delay = delay;
        this.neuron = neuron;
        this.w = new Parameter(prefix + ".W", true, n, in + n);
    }

    public Parameter weight() {
        return w;
    }

    public int delay() {
        return delay;
    }

    public int memorySize() {
        return n;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(w);
    }

    /** Writes the weights transposed, (In, N) as the forward pass reads them, into {@code out}. */
    public void transposedWeights(float[] out) {
        FloatOps.transpose(w.data(), n, in + n, out);
    }

    public Tape newTape() {
        return new Tape(this);
    }

    /** One sample's record of a forward call. */
    public static final class Tape implements StatefulTape<ReadingState> {
        private final Population keys;
        private final Population values;
        private final float[] ownWt;
        private float[] wt;
        private float[] sharedWt;
        private final float[] gwt;
        private final float[] current;
        private final float[] gCurrent;
        private final float[] gzKey;
        private final float[] gzValue;
        private final int[] active;
        private final float[] startFeedback;
        private final float[] feedback;
        private final float[] gFeedback;
        private final ReadingState finalState;
        private final ReadingState gradFinal;
        private final ReadingState gradInitial;
        private ReadingState initial;
        private boolean carried;
        private boolean gradReady;
        private float[] gKeyCurrent = new float[0];
        private float[] gValueCurrent = new float[0];
        private int[] spikeLists;
        private final float[] rowSums;
        private float[] x;
        private int xOff;
        private float[] m;
        private int mOff;
        private int steps;

        private Tape(ReadingLayer l) {
            keys = new Population(l.neuron, l.n);
            values = new Population(l.neuron, l.n);
            int cols = l.in + l.n;
            ownWt = new float[cols * l.n];
            wt = ownWt;
            gwt = new float[cols * l.n];
            current = new float[l.n];
            gCurrent = new float[l.n];
            gzKey = new float[l.n];
            gzValue = new float[l.n];
            active = new int[Math.max(l.in, l.n)];
            rowSums = new float[l.n];
            startFeedback = new float[l.delay * l.n];
            feedback = new float[l.delay * l.n];
            gFeedback = new float[l.delay * l.n];
            finalState = new ReadingState(keys.state(), values.state(), feedback);
            gradFinal = new ReadingState(l.neuron.newState(l.n), l.neuron.newState(l.n), new float[l.delay * l.n]);
            gradInitial = new ReadingState(keys.adjoint(), values.adjoint(), gFeedback);
        }

        public Population keys() {
            return keys;
        }

        public Population values() {
            return values;
        }

        public int steps() {
            return steps;
        }

        /**
         * Makes the next forward passes use {@code transposed}, the weights as {@link #transposedWeights} writes
         * them, instead of transposing them on every call (a caller shares one copy over many calls); {@code null}
         * returns to transposing. The caller guarantees that the weights do not change while it is set.
         */
        public void useTransposedWeights(float[] transposed) {
            this.sharedWt = transposed;
        }

        @Override
        public void startFrom(ReadingState initial) {
            this.initial = initial;
        }

        @Override
        public ReadingState finalState() {
            return finalState;
        }

        @Override
        public ReadingState finalStateGradient() {
            if (!gradReady) {
                gradFinal.zero();
                gradReady = true;
            }
            return gradFinal;
        }

        @Override
        public ReadingState initialStateGradient() {
            return gradInitial;
        }
    }

    /**
     * Reads with memory {@code m} (key-major, N*N at mOff; not modified, kept by reference) over {@code steps}
     * steps of input x (steps, In) from the tape's initial state.
     */
    public void forward(float[] x, int xOff, int steps, float[] m, int mOff, Tape tape) {
        final int n = this.n, in = this.in;
        ReadingState initial = tape.initial;
        tape.x = x;
        tape.xOff = xOff;
        tape.m = m;
        tape.mOff = mOff;
        tape.steps = steps;
        tape.gradReady = false;
        tape.carried = initial != null;
        if (initial == null) {
            Arrays.fill(tape.startFeedback, 0f);
        } else {
            System.arraycopy(initial.feedback(), 0, tape.startFeedback, 0, delay * n);
        }
        if (tape.sharedWt != null) {
            tape.wt = tape.sharedWt;
        } else {
            transposedWeights(tape.ownWt);
            tape.wt = tape.ownWt;
        }
        tape.keys.begin(steps, initial == null ? null : initial.keys());
        tape.values.begin(steps, initial == null ? null : initial.values());
        float[] cur = tape.current;
        float[] vRec = tape.values.spikes();
        float[] kRec = tape.keys.spikes();
        for (int t = 0; t < steps; t++) {
            Arrays.fill(cur, 0f);
            FloatOps.addSparseProjection(x, xOff + t * in, in, tape.wt, 0, n, cur, 0, tape.active);
            if (t >= delay) {
                FloatOps.addSparseProjection(vRec, (t - delay) * n, n, tape.wt, in * n, n, cur, 0, tape.active);
            } else if (tape.carried) {
                FloatOps.addSparseProjection(tape.startFeedback, t * n, n, tape.wt, in * n, n, cur, 0, tape.active);
            }
            tape.keys.step(t, cur, 0);
            Arrays.fill(cur, 0f);
            // M k over the active keys (memory key-major)
            FloatOps.addSparseProjection(kRec, t * n, n, m, mOff, n, cur, 0, tape.active);
            tape.values.step(t, cur, 0);
        }
        // the ring buffer after the call: slot s holds the values of the last step t = s (mod D), if any
        for (int s = 0; s < delay; s++) {
            if (s < steps) {
                System.arraycopy(vRec, (s + (steps - 1 - s) / delay * delay) * n, tape.feedback, s * n, n);
            } else {
                System.arraycopy(tape.startFeedback, s * n, tape.feedback, s * n, n);
            }
        }
    }

    /**
     * Backpropagation through time of one sample: from the gradients accumulated on the key and value spike trains and
     * on the final state to {@code W}, the input, the memory and the initial state.
     *
     * @param gx adds {@code dL/dx} (steps, In) if non-null, where {@code gxMask} (null for everywhere; laid out like x
     *           at {@code maskOff}) is non-zero. Modified.
     * @param gm adds {@code dL/dM} (key-major) if non-null. Modified.
     */
    public void backward(Tape tape, Gradients grads, float[] gx, int gxOff, float[] gxMask, int maskOff, float[] gm,
                         int gmOff) {
        final int n = this.n, in = this.in, steps = tape.steps;
        float[] gKeys = tape.keys.gradient();
        float[] gValues = tape.values.gradient();
        boolean fromLater = tape.gradReady;
        ReadingState later = tape.finalStateGradient();
        tape.keys.beginBackward(later.keys());
        tape.values.beginBackward(later.values());
        float[] gFeedbackLater = later.feedback();
        float[] gFeedback = tape.gFeedback;
        tape.gKeyCurrent = FloatOps.ensure(tape.gKeyCurrent, steps * n);
        float[] gIk = tape.gKeyCurrent;
        if (gm != null) {
            tape.gValueCurrent = FloatOps.ensure(tape.gValueCurrent, steps * n);
        }
        Arrays.fill(tape.gwt, 0f);
        float[] kRec = tape.keys.spikes();
        float[] vRec = tape.values.spikes();
        float[] m = tape.m;
        for (int t = steps - 1; t >= 0; t--) {
            int off = t * n;
            // value spikes of step t drove the keys of step t + D through the feedback columns of W
            System.arraycopy(gValues, off, tape.gzValue, 0, n);
            if (t + delay < steps) {
                FloatOps.addTransposedRowDots(n, n, w.data(), in, in + n, gIk, (t + delay) * n, 1f,
                        tape.values.surrogate(), off, tape.gzValue, 0, tape.rowSums, tape.active);
            } else if (fromLater) {
                // ... or stayed in the buffer for the next call
                FloatOps.axpy(n, 1f, gFeedbackLater, (t % delay) * n, tape.gzValue, 0);
            }
            tape.values.backwardStep(t, tape.gzValue, 0, tape.gCurrent, 0);
            System.arraycopy(gKeys, off, tape.gzKey, 0, n);
            if (gm != null) {
                // M's gradient k_t (dL/dI_t)^T is added for all steps after the loop
                System.arraycopy(tape.gCurrent, 0, tape.gValueCurrent, off, n);
            }
            FloatOps.addRowDots(n, n, m, tape.mOff, n, tape.gCurrent, 0, 1f, tape.keys.surrogate(), off, tape.gzKey,
                    0);
            tape.keys.backwardStep(t, tape.gzKey, 0, gIk, off);
            if (gx != null) {
                FloatOps.addRowDots(in, n, tape.wt, 0, n, gIk, off, 1f, gxMask, maskOff + t * in, gx, gxOff + t * in);
            }
        }
        if (gm != null) {
            tape.spikeLists = FloatOps.addSpikeOuterProducts(steps, kRec, 0, n, tape.gValueCurrent, 0, n, n, gm, gmOff,
                    tape.spikeLists);
        }
        // dL/dW from every step's key current gradient, in the BPTT loop's order of steps: the input columns, the
        // feedback columns from the values of step t - D, and from the carried buffer for steps t < D
        tape.spikeLists = FloatOps.addSpikeOuterProducts(steps, tape.x, tape.xOff, in, gIk, 0, n, n, tape.gwt, 0,
                tape.spikeLists);
        if (steps > delay) {
            tape.spikeLists = FloatOps.addSpikeOuterProducts(steps - delay, vRec, 0, n, gIk, delay * n, n, n,
                    tape.gwt, in * n, tape.spikeLists);
        }
        if (tape.carried) {
            tape.spikeLists = FloatOps.addSpikeOuterProducts(Math.min(delay, steps), tape.startFeedback, 0, n, gIk, 0,
                    n, n, tape.gwt, in * n, tape.spikeLists);
        }
        // gradient of the buffer the call started from: step s < D read slot s; a slot no step overwrote (a call
        // shorter than D) passes the later call's gradient on
        for (int s = 0; s < delay; s++) {
            if (s < steps) {
                Arrays.fill(gFeedback, s * n, (s + 1) * n, 0f);
                FloatOps.addRowDots(n, n, tape.wt, in * n, n, gIk, s * n, 1f, null, 0, gFeedback, s * n);
            } else {
                System.arraycopy(gFeedbackLater, s * n, gFeedback, s * n, n);
            }
        }
        float[] gW = grads.of(w);
        if (gW != null) {
            FloatOps.addTransposed(tape.gwt, in + n, n, gW);
        }
    }
}
