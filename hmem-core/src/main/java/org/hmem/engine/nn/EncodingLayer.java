package org.hmem.engine.nn;

import java.util.Arrays;
import java.util.List;

import org.hmem.engine.neuron.NeuronModel;
import org.hmem.engine.neuron.NeuronState;
import org.hmem.engine.neuron.Population;
import org.hmem.engine.neuron.SpikeTrain;
import org.hmem.engine.tensor.FloatOps;

/**
 * Spiking input encoder (spec §3.1). Parameter {@code encoding} (P, H), initialised to ones. Each item's current
 * {@code I[l,h] = sum_p encoding[p,h] * x[l,p,h]} is applied for T consecutive steps; the neuron state runs on
 * across items (and across calls when carried). Output spikes are (L*T, H), item-major.
 *
 * <p>An input with a single row per item ({@code inputRows = 1} while P > 1) broadcasts against every row of the
 * encoding exactly as the reference does, which multiplies the current by the column sums (x P for all-ones).
 */
public final class EncodingLayer implements SpikingLayer<EncodingLayer.Tape> {

    private final Parameter encoding;
    private final int p;
    private final int h;
    private final int rows;
    private final int stepsPerItem;
    private final boolean maskLastRow;
    private final NeuronModel neuron;

    /**
     * @param inputRows rows per input item: P, or 1 to broadcast one row over the encoding
     * @param stepsPerItem steps T each item is presented for
     * @param maskLastRow keep the last row's gradient at zero (time-word row, spec §3.1); only meaningful when
     *                    trainable
     */
    public EncodingLayer(String prefix, int p, int h, int inputRows, int stepsPerItem, boolean trainable,
                         boolean maskLastRow, NeuronModel neuron) {
        if (inputRows != 1 && inputRows != p) {
            throw new IllegalArgumentException("encoding input must have 1 or " + p + " rows per item, got "
                    + inputRows);
        }
        this.p = p;
        this.h = h;
        this.rows = inputRows;
        this.stepsPerItem = stepsPerItem;
        this.maskLastRow = maskLastRow;
        this.neuron = neuron;
        this.encoding = new Parameter(prefix + ".encoding", trainable, p, h);
        Arrays.fill(encoding.data(), 1f);
    }

    public Parameter encoding() {
        return encoding;
    }

    public int stepsPerItem() {
        return stepsPerItem;
    }

    @Override
    public int inputSize() {
        return rows * h;
    }

    @Override
    public int outputSize() {
        return h;
    }

    @Override
    public int outputSteps(int items) {
        return items * stepsPerItem;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(encoding);
    }

    @Override
    public Tape newTape() {
        return new Tape(this);
    }

    /** One sample's record: the population, the item currents and a view of the input. */
    public static final class Tape implements SpikingLayer.Tape, StatefulTape<NeuronState> {
        private final Population pop;
        private final NeuronState gradFinal;
        private final float[] gStep;
        private float[] current = new float[0];
        private float[] gItem = new float[0];
        private NeuronState initial;
        private boolean gradReady;
        private int silentItems;
        private float[] x;
        private int xOff;
        private int items;

        private Tape(EncodingLayer layer) {
            this.pop = new Population(layer.neuron, layer.h);
            this.gradFinal = layer.neuron.newState(layer.h);
            this.gStep = new float[layer.h];
        }

        public Population population() {
            return pop;
        }

        @Override
        public SpikeTrain output() {
            return pop;
        }

        /** Output spikes {@code [t * H + h]}. */
        public float[] spikes() {
            return pop.spikes();
        }

        public int steps() {
            return pop.steps();
        }

        /** Input current per item {@code [l * H + h]}. */
        public float[] current() {
            return current;
        }

        /**
         * The first {@code items} items of the following inputs are known to be all zero (e.g. padding sentences):
         * from a zero state their spikes are exactly zero, so they are not simulated. 0 (the default) when unknown.
         */
        public void silentPrefix(int items) {
            this.silentItems = items;
        }

        @Override
        public void startFrom(NeuronState initial) {
            this.initial = initial;
        }

        @Override
        public NeuronState finalState() {
            return pop.state();
        }

        @Override
        public NeuronState finalStateGradient() {
            if (!gradReady) {
                gradFinal.zero();
                gradReady = true;
            }
            return gradFinal;
        }

        @Override
        public NeuronState initialStateGradient() {
            return pop.adjoint();
        }
    }

    @Override
    public void forward(float[] x, int xOff, int items, Tape tape) {
        int firstItem = tape.silentItems;
        if (firstItem > 0 && tape.initial != null) {
            throw new IllegalArgumentException("a silent prefix can only be skipped from a zero state");
        }
        tape.x = x;
        tape.xOff = xOff;
        tape.items = items;
        tape.gradReady = false;
        int steps = items * stepsPerItem;
        Population pop = tape.pop;
        pop.begin(steps, tape.initial);
        tape.current = FloatOps.ensure(tape.current, items * h);
        float[] enc = encoding.data();
        float[] cur = tape.current;
        Arrays.fill(cur, 0, items * h, 0f);
        for (int l = firstItem; l < items; l++) {
            int cOff = l * h;
            int xl = xOff + l * rows * h;
            for (int q = 0; q < p; q++) {
                int xr = xl + (rows == 1 ? 0 : q * h);
                int er = q * h;
                for (int k = 0; k < h; k++) {
                    cur[cOff + k] += enc[er + k] * x[xr + k];
                }
            }
        }
        int skipped = Math.min(firstItem, items) * stepsPerItem;
        pop.skipSilent(0, skipped);
        for (int t = skipped; t < steps; t++) {
            pop.step(t, cur, (t / stepsPerItem) * h);
        }
    }

    /** {@inheritDoc} The mask is not used: the input is a current, not spikes. */
    @Override
    public void backward(Tape tape, Gradients grads, float[] gx, int gxOff, float[] gxMask, int maskOff) {
        Population pop = tape.pop;
        int items = tape.items;
        float[] gSpikes = pop.gradient();
        pop.beginBackward(tape.finalStateGradient());
        tape.gItem = FloatOps.ensure(tape.gItem, items * h);
        float[] gItem = tape.gItem;
        Arrays.fill(gItem, 0, items * h, 0f);
        for (int t = items * stepsPerItem - 1; t >= 0; t--) {
            pop.backwardStep(t, gSpikes, t * h, tape.gStep, 0);
            int gi = (t / stepsPerItem) * h;
            for (int k = 0; k < h; k++) {
                gItem[gi + k] += tape.gStep[k];
            }
        }
        float[] enc = encoding.data();
        float[] gEnc = grads.of(encoding);
        float[] x = tape.x;
        for (int l = 0; l < items; l++) {
            int gi = l * h;
            int xl = tape.xOff + l * rows * h;
            for (int q = 0; q < p; q++) {
                int xr = xl + (rows == 1 ? 0 : q * h);
                int er = q * h;
                if (gEnc != null && !(maskLastRow && q == p - 1)) {
                    for (int k = 0; k < h; k++) {
                        gEnc[er + k] += gItem[gi + k] * x[xr + k];
                    }
                }
                if (gx != null) {
                    int gr = gxOff + (xr - tape.xOff);
                    for (int k = 0; k < h; k++) {
                        gx[gr + k] += gItem[gi + k] * enc[er + k];
                    }
                }
            }
        }
    }
}
