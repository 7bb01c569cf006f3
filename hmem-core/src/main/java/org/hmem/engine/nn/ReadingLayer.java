package org.hmem.engine.nn;

import java.util.Arrays;
import java.util.List;

import org.hmem.engine.neuron.NeuronModel;
import org.hmem.engine.neuron.Population;
import org.hmem.engine.tensor.FloatOps;

/**
 * Spiking reading layer (spec §3.6). Keys are driven by {@code W [x_t, v_{t-D}]} (W of shape (N, In + N); the fed
 * back value spikes of D steps earlier, zero for t < D); values by {@code M k_t} (no 0.2 factor; M fixed while
 * reading). The reference's ring buffer of delay D is equivalent to reading the value record at {@code t - D}
 * since the slot index restarts at every call; gradients flow through that feedback.
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

    public Tape newTape() {
        return new Tape(this);
    }

    /** Per-sample record of one forward call. */
    public static final class Tape {
        private final Population keys;
        private final Population values;
        private final float[] wt;
        private final float[] gwt;
        private final float[] current;
        private final float[] gCurrent;
        private final float[] gzKey;
        private final float[] gzValue;
        private final int[] active;
        private float[] gKeyCurrent = new float[0];
        private float[] x;
        private int xOff;
        private float[] m;
        private int mOff;
        private int steps;

        private Tape(ReadingLayer l) {
            keys = new Population(l.neuron, l.n);
            values = new Population(l.neuron, l.n);
            int cols = l.in + l.n;
            wt = new float[cols * l.n];
            gwt = new float[cols * l.n];
            current = new float[l.n];
            gCurrent = new float[l.n];
            gzKey = new float[l.n];
            gzValue = new float[l.n];
            active = new int[Math.max(l.in, l.n)];
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
    }

    /**
     * Reads with memory {@code m} (key-major, N*N at mOff; not modified, kept by reference) over {@code steps}
     * steps of input x (steps, In) from zero state.
     */
    public void forward(float[] x, int xOff, int steps, float[] m, int mOff, Tape tape) {
        final int n = this.n, in = this.in;
        tape.x = x;
        tape.xOff = xOff;
        tape.m = m;
        tape.mOff = mOff;
        tape.steps = steps;
        FloatOps.transpose(w.data(), n, in + n, tape.wt);
        tape.keys.begin(steps);
        tape.values.begin(steps);
        float[] cur = tape.current;
        float[] vRec = tape.values.spikes();
        float[] kRec = tape.keys.spikes();
        for (int t = 0; t < steps; t++) {
            Arrays.fill(cur, 0f);
            FloatOps.addSparseProjection(x, xOff + t * in, in, tape.wt, 0, n, cur, 0, tape.active);
            if (t >= delay) {
                FloatOps.addSparseProjection(vRec, (t - delay) * n, n, tape.wt, in * n, n, cur, 0, tape.active);
            }
            tape.keys.step(t, cur, 0);
            Arrays.fill(cur, 0f);
            // M k over the active keys (memory key-major)
            FloatOps.addSparseProjection(kRec, t * n, n, m, mOff, n, cur, 0, tape.active);
            tape.values.step(t, cur, 0);
        }
    }

    /**
     * Backpropagation through time of one sample.
     *
     * @param gKeys {@code dL/dkeys} (steps, N) or null. Not modified.
     * @param gValues {@code dL/dvalues} (steps, N) or null. Not modified.
     * @param gx adds {@code dL/dx} (steps, In) if non-null. Modified.
     * @param gm adds {@code dL/dM} (key-major) if non-null. Modified.
     */
    public void backward(float[] gKeys, float[] gValues, Tape tape, Gradients grads, float[] gx, int gxOff,
                         float[] gm, int gmOff) {
        backward(gKeys, gValues, tape, grads, gx, gxOff, null, 0, gm, gmOff);
    }

    /**
     * As {@link #backward(float[], float[], Tape, Gradients, float[], int, float[], int)}, computing {@code dL/dx}
     * only where {@code gxMask} (null for everywhere; laid out like x at {@code maskOff}) is non-zero; see
     * {@link WritingLayer#backward(float[], float[], float[], WritingLayer.Tape, Gradients, float[], int, float[],
     * int)} for why the upstream surrogate record makes this exact.
     */
    public void backward(float[] gKeys, float[] gValues, Tape tape, Gradients grads, float[] gx, int gxOff,
                         float[] gxMask, int maskOff, float[] gm, int gmOff) {
        final int n = this.n, in = this.in, steps = tape.steps;
        tape.gKeyCurrent = FloatOps.ensure(tape.gKeyCurrent, steps * n);
        float[] gIk = tape.gKeyCurrent;
        Arrays.fill(tape.gwt, 0f);
        tape.keys.beginBackward();
        tape.values.beginBackward();
        float[] kRec = tape.keys.spikes();
        float[] vRec = tape.values.spikes();
        float[] m = tape.m;
        for (int t = steps - 1; t >= 0; t--) {
            int off = t * n;
            // value spikes of step t drove the keys of step t + D through the feedback columns of W
            copyOrZero(gValues, off, tape.gzValue, n);
            if (t + delay < steps) {
                FloatOps.addRowDots(n, n, tape.wt, in * n, n, gIk, (t + delay) * n, 1f, tape.values.surrogate(), off,
                        tape.gzValue, 0);
            }
            tape.values.backwardStep(t, tape.gzValue, 0, tape.gCurrent, 0);
            copyOrZero(gKeys, off, tape.gzKey, n);
            for (int j = 0; j < n; j++) {
                float kj = kRec[off + j];
                if (kj != 0f && gm != null) {
                    FloatOps.axpy(n, kj, tape.gCurrent, 0, gm, gmOff + j * n);
                }
            }
            FloatOps.addRowDots(n, n, m, tape.mOff, n, tape.gCurrent, 0, 1f, tape.keys.surrogate(), off, tape.gzKey,
                    0);
            tape.keys.backwardStep(t, tape.gzKey, 0, gIk, off);
            int xt = tape.xOff + t * in;
            for (int k = 0; k < in; k++) {
                float xk = tape.x[xt + k];
                if (xk != 0f) {
                    FloatOps.axpy(n, xk, gIk, off, tape.gwt, k * n);
                }
            }
            if (gx != null) {
                FloatOps.addRowDots(in, n, tape.wt, 0, n, gIk, off, 1f, gxMask, maskOff + t * in, gx, gxOff + t * in);
            }
            if (t >= delay) {
                int vOff = (t - delay) * n;
                for (int j = 0; j < n; j++) {
                    float vj = vRec[vOff + j];
                    if (vj != 0f) {
                        FloatOps.axpy(n, vj, gIk, off, tape.gwt, (in + j) * n);
                    }
                }
            }
        }
        float[] gW = grads.of(w);
        if (gW != null) {
            FloatOps.addTransposed(tape.gwt, in + n, n, gW);
        }
    }

    private static void copyOrZero(float[] src, int off, float[] dst, int n) {
        if (src == null) {
            Arrays.fill(dst, 0, n, 0f);
        } else {
            System.arraycopy(src, off, dst, 0, n);
        }
    }
}
