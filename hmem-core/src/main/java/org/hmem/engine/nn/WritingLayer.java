package org.hmem.engine.nn;

import java.util.Arrays;
import java.util.List;

import org.hmem.engine.neuron.ExpTrace;
import org.hmem.engine.neuron.NeuronModel;
import org.hmem.engine.neuron.Population;
import org.hmem.engine.plasticity.PlasticityRule;
import org.hmem.engine.tensor.FloatOps;

/**
 * Spiking writing layer (spec §3.5): key and value populations of size N driven by {@code W x} (W of shape
 * (2N, In), key rows first), a key-to-value current {@code 0.2 M k} through the memory <i>before</i> this step's
 * update, traces of both populations, then the Hebbian update {@code M <- M + Delta(pre = key trace,
 * post = value trace, M)}.
 *
 * <p>Outputs: the key and value spike trains ({@link Tape#keys()}, {@link Tape#values()}) and the final memory, part
 * of the carried {@link WritingState}; a reader adds its {@code dL/dM} into {@code finalStateGradient().memory()}.
 * Memory is key-major ({@link PlasticityRule}): {@code m[j * N + i] = M[i, j]}. BPTT through the plasticity uses
 * {@link MemoryCheckpoints}, never a per-step copy of M.
 */
public final class WritingLayer implements Module {

    /** Scale of the key-to-value current through the memory during writing (spec §13.1 item 2). */
    public static final float KEY_TO_VALUE_SCALE = 0.2f;

    private final Parameter w;
    private final int in;
    private final int n;
    private final NeuronModel neuron;
    private final PlasticityRule rule;
    private final ExpTrace trace;
    private final int checkpointInterval;

    /** @param checkpointInterval steps between memory checkpoints; {@code <= 0} chooses sqrt(T) */
    public WritingLayer(String prefix, int in, int n, PlasticityRule rule, float tauTrace, NeuronModel neuron,
                        int checkpointInterval) {
        this.in = in;
        this.n = n;
        this.neuron = neuron;
        this.rule = rule;
        this.trace = new ExpTrace(tauTrace);
        this.checkpointInterval = checkpointInterval;
        this.w = new Parameter(prefix + ".W", true, 2 * n, in);
    }

    public Parameter weight() {
        return w;
    }

    public int inputSize() {
        return in;
    }

    public int memorySize() {
        return n;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(w);
    }

    /** Writes the weights transposed, (In, 2N) as the forward pass reads them, into {@code out}. */
    public void transposedWeights(float[] out) {
        FloatOps.transpose(w.data(), 2 * n, in, out);
    }

    public Tape newTape() {
        return new Tape(this);
    }

    /** One sample's record of a forward call, reused across samples by one worker. */
    public static final class Tape implements StatefulTape<WritingState> {
        private final Population keys;
        private final Population values;
        private final MemoryCheckpoints checkpoints;
        private final float[] ownWt;
        private float[] wt;
        private float[] sharedWt;
        private final float[] gwt;
        private final float[] memory;
        private final float[] keyTrace;
        private final float[] valueTrace;
        private final float[] current;
        private final float[] gCurrent;
        /** dL/dI of every step (steps, 2M), for the weight gradient after the BPTT loop. */
        private float[] gCurrents = new float[0];
        private int[] spikeLists;
        private final float[] gKeyTrace;
        private final float[] gValueTrace;
        private final float[] gzKey;
        private final float[] gzValue;
        private final float[] gMemory;
        private final int[] active;
        private final WritingState finalState;
        private final WritingState gradFinal;
        private final WritingState gradInitial;
        private WritingState initial;
        private boolean gradReady;
        private boolean record = true;
        private boolean recorded;
        private float[] keyTraces = new float[0];
        private float[] valueTraces = new float[0];
        private float[] x;
        private int xOff;
        private int steps;
        private int silentSteps;
        private int firstStep;

        private Tape(WritingLayer l) {
            int n = l.n;
            keys = new Population(l.neuron, n);
            values = new Population(l.neuron, n);
            checkpoints = new MemoryCheckpoints(l.checkpointInterval);
            ownWt = new float[l.in * 2 * n];
            wt = ownWt;
            gwt = new float[l.in * 2 * n];
            memory = new float[n * n];
            keyTrace = new float[n];
            valueTrace = new float[n];
            current = new float[2 * n];
            gCurrent = new float[2 * n];
            gKeyTrace = new float[n];
            gValueTrace = new float[n];
            gzKey = new float[n];
            gzValue = new float[n];
            gMemory = new float[n * n];
            active = new int[Math.max(l.in, n)];
            finalState = new WritingState(keys.state(), values.state(), keyTrace, valueTrace, memory);
            gradFinal = new WritingState(l.neuron.newState(n), l.neuron.newState(n), new float[n], new float[n],
                    new float[n * n]);
            gradInitial = new WritingState(keys.adjoint(), values.adjoint(), gKeyTrace, gValueTrace, gMemory);
        }

        public Population keys() {
            return keys;
        }

        public Population values() {
            return values;
        }

        /** Final memory, key-major ({@code [j * N + i] = M[i, j]}). */
        public float[] memory() {
            return memory;
        }

        public int steps() {
            return steps;
        }

        public MemoryCheckpoints checkpoints() {
            return checkpoints;
        }

        /**
         * The first {@code steps} steps of the following inputs are known to be all zero: from a zero state nothing
         * happens there (state, spikes and memory stay exactly zero), so they are not simulated. 0 (the default)
         * when unknown.
         */
        public void silentPrefix(int steps) {
            this.silentSteps = steps;
        }

        /**
         * Makes the next forward passes use {@code transposed}, the weights as {@link #transposedWeights} writes
         * them, instead of transposing them on every call (a caller shares one copy over many calls); {@code null}
         * returns to transposing. The caller guarantees that the weights do not change while it is set.
         */
        public void useTransposedWeights(float[] transposed) {
            this.sharedWt = transposed;
        }

        /**
         * With {@code false} the following forward passes keep no memory checkpoints and no surrogate records of the
         * key and value neurons (a caller that never runs backward: acting in reinforcement learning); backward then
         * refuses to run. On by default.
         */
        public void recordForBackward(boolean record) {
            this.record = record;
            keys.recordSurrogate(record);
            values.recordSurrogate(record);
        }

        @Override
        public void startFrom(WritingState initial) {
            this.initial = initial;
        }

        @Override
        public WritingState finalState() {
            return finalState;
        }

        @Override
        public WritingState finalStateGradient() {
            if (!gradReady) {
                gradFinal.zero();
                gradReady = true;
            }
            return gradFinal;
        }

        @Override
        public WritingState initialStateGradient() {
            return gradInitial;
        }
    }

    /**
     * Runs the layer over {@code steps} steps of one sample, from the tape's initial state (zero state and memory by
     * default).
     *
     * @param x input (steps, In) at {@code xOff}. Not modified; kept by reference for backward.
     */
    public void forward(float[] x, int xOff, int steps, Tape tape) {
        final int n = this.n, in = this.in;
        WritingState initial = tape.initial;
        int firstStep = Math.min(tape.silentSteps, steps);
        if (firstStep > 0 && initial != null) {
            throw new IllegalArgumentException("a silent prefix can only be skipped from a zero state");
        }
        tape.x = x;
        tape.xOff = xOff;
        tape.steps = steps;
        tape.firstStep = firstStep;
        tape.gradReady = false;
        if (tape.sharedWt != null) {
            tape.wt = tape.sharedWt;
        } else {
            transposedWeights(tape.ownWt);
            tape.wt = tape.ownWt;
        }
        tape.keys.begin(steps, initial == null ? null : initial.keys());
        tape.values.begin(steps, initial == null ? null : initial.values());
        tape.checkpoints.begin(steps, n * n);
        tape.keyTraces = FloatOps.ensure(tape.keyTraces, steps * n);
        tape.valueTraces = FloatOps.ensure(tape.valueTraces, steps * n);
        float[] m = tape.memory;
        if (initial == null) {
            Arrays.fill(m, 0f);
            Arrays.fill(tape.keyTrace, 0f);
            Arrays.fill(tape.valueTrace, 0f);
        } else {
            System.arraycopy(initial.memory(), 0, m, 0, n * n);
            System.arraycopy(initial.keyTrace(), 0, tape.keyTrace, 0, n);
            System.arraycopy(initial.valueTrace(), 0, tape.valueTrace, 0, n);
        }
        tape.keys.skipSilent(0, firstStep);
        tape.values.skipSilent(0, firstStep);
        Arrays.fill(tape.keyTraces, 0, firstStep * n, 0f);
        Arrays.fill(tape.valueTraces, 0, firstStep * n, 0f);
        boolean record = tape.record;
        tape.recorded = record;
        for (int t = 0; t < firstStep && record; t++) {
            tape.checkpoints.beforeStep(t, m, 0);
        }
        float[] cur = tape.current;
        for (int t = firstStep; t < steps; t++) {
            if (record) {
                tape.checkpoints.beforeStep(t, m, 0);
            }
            Arrays.fill(cur, 0f);
            FloatOps.addSparseProjection(x, xOff + t * in, in, tape.wt, 0, 2 * n, cur, 0, tape.active);
            tape.keys.step(t, cur, 0);
            float[] k = tape.keys.spikes();
            int kOff = t * n;
            // memory current through M before this step's update: c = 0.2 * (M k), added to the value current
            float[] c = tape.gCurrent; // scratch during forward
            Arrays.fill(c, 0, n, 0f);
            FloatOps.addSparseProjection(k, kOff, n, m, 0, n, c, 0, tape.active);
            for (int i = 0; i < n; i++) {
                cur[n + i] = cur[n + i] + KEY_TO_VALUE_SCALE * c[i];
            }
            tape.values.step(t, cur, n);
            trace.step(k, kOff, tape.keyTrace, tape.keyTraces, kOff, n);
            trace.step(tape.values.spikes(), kOff, tape.valueTrace, tape.valueTraces, kOff, n);
            rule.update(m, 0, tape.keyTrace, 0, tape.valueTrace, 0, n, n);
        }
    }

    /**
     * Backpropagation through time of one sample: from the gradients accumulated on the key and value spike trains
     * and on the final state (memory, traces, neurons) to {@code W}, the input and the initial state.
     *
     * @param gx adds {@code dL/dx} (steps, In) if non-null. Modified.
     * @param gxMask null, or laid out like x at {@code maskOff}: {@code dL/dx[t, k]} is computed only where it is
     *               non-zero (the producing population's surrogate record, whose backward ignores the rest) and left
     *               untouched elsewhere. Not modified.
     */
    public void backward(Tape tape, Gradients grads, float[] gx, int gxOff, float[] gxMask, int maskOff) {
        if (!tape.recorded) {
            throw new IllegalStateException("backward after a forward pass without records (recordForBackward)");
        }
        final int n = this.n, in = this.in, n2 = 2 * n;
        final float[] x = tape.x;
        final int xOff = tape.xOff;
        float[] gKeys = tape.keys.gradient();
        float[] gValues = tape.values.gradient();
        WritingState later = tape.finalStateGradient();
        tape.keys.beginBackward(later.keys());
        tape.values.beginBackward(later.values());
        System.arraycopy(later.keyTrace(), 0, tape.gKeyTrace, 0, n);
        System.arraycopy(later.valueTrace(), 0, tape.gValueTrace, 0, n);
        float[] gm = tape.gMemory;
        System.arraycopy(later.memory(), 0, gm, 0, n * n);
        Arrays.fill(tape.gwt, 0f);
        tape.gCurrents = FloatOps.ensure(tape.gCurrents, tape.steps * n2);
        float[] kRec = tape.keys.spikes();
        MemoryCheckpoints.Replay replay = (t, mem, off) ->
                rule.update(mem, off, tape.keyTraces, t * n, tape.valueTraces, t * n, n, n);
        for (int t = tape.steps - 1; t >= tape.firstStep; t--) {
            int off = t * n;
            tape.checkpoints.load(t, replay);
            float[] mBuf = tape.checkpoints.buffer();
            int mOff = tape.checkpoints.offset(t);
            // 1. plasticity: gm becomes dL/dM_{t-1}; trace gradients gain this step's contribution
            rule.backward(gm, 0, mBuf, mOff, tape.keyTraces, off, tape.valueTraces, off,
                    tape.gKeyTrace, 0, tape.gValueTrace, 0, n, n);
            // 2. traces -> spikes
            System.arraycopy(gKeys, off, tape.gzKey, 0, n);
            System.arraycopy(gValues, off, tape.gzValue, 0, n);
            trace.backwardStep(tape.gValueTrace, tape.gzValue, 0, n);
            trace.backwardStep(tape.gKeyTrace, tape.gzKey, 0, n);
            // 3. value neurons
            tape.values.backwardStep(t, tape.gzValue, 0, tape.gCurrent, n);
            // 4. memory current c = 0.2 M_{t-1} k_t
            for (int j = 0; j < n; j++) {
                float kj = kRec[off + j];
                if (kj != 0f) {
                    FloatOps.axpy(n, KEY_TO_VALUE_SCALE * kj, tape.gCurrent, n, gm, j * n);
                }
            }
            // dL/dk_j only matters where key j's surrogate is non-zero
            FloatOps.addRowDots(n, n, mBuf, mOff, n, tape.gCurrent, n, KEY_TO_VALUE_SCALE, tape.keys.surrogate(), off,
                    tape.gzKey, 0);
            // 5. key neurons
            tape.keys.backwardStep(t, tape.gzKey, 0, tape.gCurrent, 0);
            // 6. projection W x: its weight gradient is added for all steps after the loop
            System.arraycopy(tape.gCurrent, 0, tape.gCurrents, t * n2, n2);
            if (gx != null) {
                inputGradient(tape, t, gx, gxOff, gxMask, maskOff);
            }
        }
        if (gx != null && tape.firstStep > 0) {
            backwardThroughSkippedSteps(tape, gx, gxOff, gxMask, maskOff);
        }
        int first = tape.firstStep;
        tape.spikeLists = FloatOps.addSpikeOuterProducts(tape.steps - first, x, xOff + first * in, in, tape.gCurrents,
                first * n2, n2, n2, tape.gwt, 0, tape.spikeLists);
        float[] gW = grads.of(w);
        if (gW != null) {
            FloatOps.addTransposed(tape.gwt, in, n2, gW);
        }
    }

    /**
     * Steps before {@code firstStep} had zero input and zero state; only the membrane adjoint still flows through
     * them, into {@code dL/dx} of those steps.
     */
    private void backwardThroughSkippedSteps(Tape tape, float[] gx, int gxOff, float[] gxMask, int maskOff) {
        final int n = this.n;
        Arrays.fill(tape.gzKey, 0f);
        Arrays.fill(tape.gzValue, 0f);
        for (int t = tape.firstStep - 1; t >= 0; t--) {
            tape.values.backwardStep(t, tape.gzValue, 0, tape.gCurrent, n);
            tape.keys.backwardStep(t, tape.gzKey, 0, tape.gCurrent, 0);
            inputGradient(tape, t, gx, gxOff, gxMask, maskOff);
        }
    }

    /** {@code dL/dx[t, k] += W[:, k] . dL/dI_t} for the inputs the mask selects (all if null). */
    private void inputGradient(Tape tape, int t, float[] gx, int gxOff, float[] gxMask, int maskOff) {
        final int in = this.in, n2 = 2 * n;
        FloatOps.addRowDots(in, n2, tape.wt, 0, n2, tape.gCurrent, 0, 1f, gxMask, maskOff + t * in, gx,
                gxOff + t * in);
    }
}
