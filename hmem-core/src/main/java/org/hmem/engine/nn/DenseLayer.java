package org.hmem.engine.nn;

import java.util.Arrays;
import java.util.List;

import org.hmem.engine.neuron.ExpTrace;
import org.hmem.engine.neuron.NeuronModel;
import org.hmem.engine.neuron.Population;
import org.hmem.engine.neuron.SpikeTrain;
import org.hmem.engine.tensor.FloatOps;

/**
 * Spiking fully connected layer (spec §3.2): current {@code W x_t} (W of shape (H, In)), a neuron population, and an
 * exponential trace of its own output spikes (an output too, with its own gradient accumulator).
 */
public final class DenseLayer implements SpikingLayer<DenseLayer.Tape> {

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
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return h;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(w);
    }

    @Override
    public Tape newTape() {
        return new Tape(this);
    }

    /** One sample's record of a forward call. */
    public static final class Tape implements SpikingLayer.Tape, StatefulTape<DenseState> {
        private final Population pop;
        private final float[] ownWt;
        private float[] sharedWt;
        private float[] wt;
        private final float[] traceState;
        private final float[] gTrace;
        private final float[] gz;
        private final float[] gCurrent;
        private final int[] active;
        private final DenseState finalState;
        private final DenseState gradFinal;
        private final DenseState gradInitial;
        private DenseState initial;
        private boolean gradReady;
        private float[] traces = new float[0];
        private float[] gTraces = new float[0];
        private boolean gTracesReady;
        private float[] current = new float[0];
        private float[] x;
        private int xOff;
        private int steps;

        private Tape(DenseLayer l) {
            pop = new Population(l.neuron, l.h);
            ownWt = new float[l.in * l.h];
            traceState = new float[l.h];
            gTrace = new float[l.h];
            gz = new float[l.h];
            gCurrent = new float[l.h];
            active = new int[l.in];
            finalState = new DenseState(pop.state(), traceState);
            gradFinal = new DenseState(l.neuron.newState(l.h), new float[l.h]);
            gradInitial = new DenseState(pop.adjoint(), gTrace);
        }

        public Population population() {
            return pop;
        }

        /**
         * Makes the next forward passes use {@code transposed}, the weights in (In, H) layout made by
         * {@link DenseLayer#transposedWeights} from the current weights, instead of transposing them on every call
         * (a model shares one copy over a batch's samples); {@code null} returns to transposing. The caller
         * guarantees that the weights do not change while it is set.
         */
        public void useTransposedWeights(float[] transposed) {
            this.sharedWt = transposed;
        }

        @Override
        public SpikeTrain output() {
            return pop;
        }

        /** Traces {@code [t * H + i]} after each step. */
        public float[] traces() {
            return traces;
        }

        /** {@code dL/dtraces}, zero after each forward until consumers add to it. */
        public float[] tracesGradient() {
            if (!gTracesReady) {
                gTraces = FloatOps.ensureZeroed(gTraces, steps * pop.size());
                gTracesReady = true;
            }
            return gTraces;
        }

        @Override
        public void startFrom(DenseState initial) {
            this.initial = initial;
        }

        @Override
        public DenseState finalState() {
            return finalState;
        }

        @Override
        public DenseState finalStateGradient() {
            if (!gradReady) {
                gradFinal.zero();
                gradReady = true;
            }
            return gradFinal;
        }

        @Override
        public DenseState initialStateGradient() {
            return gradInitial;
        }
    }

    /** Writes the weights in (In, H) layout, as the forward pass reads them, into {@code out}. */
    public void transposedWeights(float[] out) {
        FloatOps.transpose(w.data(), h, in, out);
    }

    @Override
    public void forward(float[] x, int xOff, int steps, Tape tape) {
        tape.x = x;
        tape.xOff = xOff;
        tape.steps = steps;
        tape.gradReady = false;
        tape.gTracesReady = false;
        if (tape.sharedWt != null) {
            tape.wt = tape.sharedWt;
        } else {
            transposedWeights(tape.ownWt);
            tape.wt = tape.ownWt;
        }
        tape.pop.begin(steps, tape.initial == null ? null : tape.initial.neurons());
        tape.traces = FloatOps.ensure(tape.traces, steps * h);
        tape.current = FloatOps.ensure(tape.current, h);
        if (tape.initial == null) {
            Arrays.fill(tape.traceState, 0f);
        } else {
            System.arraycopy(tape.initial.trace(), 0, tape.traceState, 0, h);
        }
        for (int t = 0; t < steps; t++) {
            Arrays.fill(tape.current, 0, h, 0f);
            FloatOps.addSparseProjection(x, xOff + t * in, in, tape.wt, 0, h, tape.current, 0, tape.active);
            tape.pop.step(t, tape.current, 0);
            trace.step(tape.pop.spikes(), t * h, tape.traceState, tape.traces, t * h, h);
        }
    }

    @Override
    public void backward(Tape tape, Gradients grads, float[] gx, int gxOff, float[] gxMask, int maskOff) {
        float[] gSpikes = tape.pop.gradient();
        float[] gTraces = tape.gTracesReady ? tape.gTraces : null;
        DenseState later = tape.finalStateGradient();
        tape.pop.beginBackward(later.neurons());
        System.arraycopy(later.trace(), 0, tape.gTrace, 0, h);
        // dL/dW accumulates input by input (rows of W^T), in the worker's transposed buffer: no per-sample transpose
        float[] gwt = grads.ofTransposed(w);
        for (int t = tape.steps - 1; t >= 0; t--) {
            int off = t * h;
            for (int i = 0; i < h; i++) {
                tape.gz[i] = gSpikes[off + i];
                if (gTraces != null) {
                    tape.gTrace[i] += gTraces[off + i];
                }
            }
            trace.backwardStep(tape.gTrace, tape.gz, 0, h);
            tape.pop.backwardStep(t, tape.gz, 0, tape.gCurrent, 0);
            if (!FloatOps.anyNonZero(tape.gCurrent, 0, h)) {
                // no neuron near its threshold: nothing reaches W or the input at this step
                continue;
            }
            int xt = tape.xOff + t * in;
            if (gwt != null) {
                for (int k = 0; k < in; k++) {
                    float xk = tape.x[xt + k];
                    if (xk != 0f) {
                        FloatOps.axpy(h, xk, tape.gCurrent, 0, gwt, k * h);
                    }
                }
            }
            if (gx != null) {
                FloatOps.addRowDots(in, h, tape.wt, 0, h, tape.gCurrent, 0, 1f, gxMask, maskOff + t * in, gx,
                        gxOff + t * in);
            }
        }
    }
}
