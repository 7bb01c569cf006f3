package org.hmem.engine.nn;

import java.util.Arrays;
import java.util.List;

import org.hmem.engine.neuron.ExpTrace;
import org.hmem.engine.neuron.NeuronModel;
import org.hmem.engine.neuron.Population;
import org.hmem.engine.tensor.FloatOps;

/**
 * Spiking fully connected layer (spec §3.2): current {@code W x_t} (W of shape (H, In)), a neuron population, and an
 * exponential trace of its own output spikes.
 */
public final class DenseLayer implements Module {

    private final Parameter w;
    private final int in;
    private final int h;
    private final NeuronModel neuron;
    private final ExpTrace trace;

    public DenseLayer(String prefix, int in, int h, float tauTrace, NeuronModel neuron) {
        this.in = in;
        this.h = h;
        this.neuron = neuron;
        this.trace = new ExpTrace(tauTrace);
        this.w = new Parameter(prefix + ".W", true, h, in);
    }

    public Parameter weight() {
        return w;
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
        private final Population pop;
        private final float[] wt;
        private final float[] gwt;
        private final float[] traceState;
        private final float[] gTrace;
        private final float[] gz;
        private final float[] gCurrent;
        private final int[] active;
        private float[] traces = new float[0];
        private float[] current = new float[0];
        private float[] x;
        private int xOff;
        private int steps;

        private Tape(DenseLayer l) {
            pop = new Population(l.neuron, l.h);
            wt = new float[l.in * l.h];
            gwt = new float[l.in * l.h];
            traceState = new float[l.h];
            gTrace = new float[l.h];
            gz = new float[l.h];
            gCurrent = new float[l.h];
            active = new int[l.in];
        }

        public Population population() {
            return pop;
        }

        /** Traces {@code [t * H + i]} after each step. */
        public float[] traces() {
            return traces;
        }

        /** Trace after the last step. */
        public float[] finalTrace() {
            return traceState;
        }
    }

    public void forward(float[] x, int xOff, int steps, Tape tape) {
        tape.x = x;
        tape.xOff = xOff;
        tape.steps = steps;
        FloatOps.transpose(w.data(), h, in, tape.wt);
        tape.pop.begin(steps);
        tape.traces = FloatOps.ensure(tape.traces, steps * h);
        tape.current = FloatOps.ensure(tape.current, h);
        Arrays.fill(tape.traceState, 0f);
        for (int t = 0; t < steps; t++) {
            Arrays.fill(tape.current, 0, h, 0f);
            FloatOps.addSparseProjection(x, xOff + t * in, in, tape.wt, 0, h, tape.current, 0, tape.active);
            tape.pop.step(t, tape.current, 0);
            trace.step(tape.pop.spikes(), t * h, tape.traceState, tape.traces, t * h, h);
        }
    }

    /**
     * @param gSpikes {@code dL/dspikes} (steps, H) or null. Not modified.
     * @param gTraces {@code dL/dtraces} (steps, H) or null. Not modified.
     * @param gx adds {@code dL/dx} if non-null. Modified.
     */
    public void backward(float[] gSpikes, float[] gTraces, Tape tape, Gradients grads, float[] gx, int gxOff) {
        backward(gSpikes, gTraces, tape, grads, gx, gxOff, null, 0);
    }

    /**
     * As {@link #backward(float[], float[], Tape, Gradients, float[], int)}, computing {@code dL/dx} only where
     * {@code gxMask} (null for everywhere; laid out like x at {@code maskOff}, typically the upstream population's
     * surrogate record) is non-zero.
     */
    public void backward(float[] gSpikes, float[] gTraces, Tape tape, Gradients grads, float[] gx, int gxOff,
                         float[] gxMask, int maskOff) {
        Arrays.fill(tape.gwt, 0f);
        Arrays.fill(tape.gTrace, 0f);
        tape.pop.beginBackward();
        for (int t = tape.steps - 1; t >= 0; t--) {
            int off = t * h;
            for (int i = 0; i < h; i++) {
                tape.gz[i] = gSpikes == null ? 0f : gSpikes[off + i];
                if (gTraces != null) {
                    tape.gTrace[i] += gTraces[off + i];
                }
            }
            trace.backwardStep(tape.gTrace, tape.gz, 0, h);
            tape.pop.backwardStep(t, tape.gz, 0, tape.gCurrent, 0);
            int xt = tape.xOff + t * in;
            for (int k = 0; k < in; k++) {
                float xk = tape.x[xt + k];
                if (xk != 0f) {
                    FloatOps.axpy(h, xk, tape.gCurrent, 0, tape.gwt, k * h);
                }
            }
            if (gx != null) {
                FloatOps.addRowDots(in, h, tape.wt, 0, h, tape.gCurrent, 0, 1f, gxMask, maskOff + t * in, gx,
                        gxOff + t * in);
            }
        }
        float[] gW = grads.of(w);
        if (gW != null) {
            FloatOps.addTransposed(tape.gwt, in, h, gW);
        }
    }
}
