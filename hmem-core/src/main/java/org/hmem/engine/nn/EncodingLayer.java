package org.hmem.engine.nn;

import java.util.Arrays;
import java.util.List;

import org.hmem.engine.neuron.NeuronModel;
import org.hmem.engine.neuron.Population;
import org.hmem.engine.tensor.FloatOps;

/**
 * Spiking input encoder (spec §3.1). Parameter {@code encoding} (P, H), initialised to ones. Each item's current
 * {@code I[l,h] = sum_p encoding[p,h] * x[l,p,h]} is applied for T consecutive steps; the neuron state runs on
 * across items. Output spikes are (L*T, H), item-major.
 *
 * <p>An input with a single row per item ({@code rows = 1} while P > 1) broadcasts against every row of the
 * encoding exactly as the reference does, which multiplies the current by the column sums (x P for all-ones).
 */
public final class EncodingLayer implements Module {

    private final Parameter encoding;
    private final int p;
    private final int h;
    private final boolean maskLastRow;
    private final NeuronModel neuron;

    /**
     * @param maskLastRow keep the last row's gradient at zero (time-word row, spec §3.1); only meaningful when
     *                    trainable
     */
    public EncodingLayer(String prefix, int p, int h, boolean trainable, boolean maskLastRow, NeuronModel neuron) {
        this.p = p;
        this.h = h;
        this.maskLastRow = maskLastRow;
        this.neuron = neuron;
        this.encoding = new Parameter(prefix + ".encoding", trainable, p, h);
        Arrays.fill(encoding.data(), 1f);
    }

    public Parameter encoding() {
        return encoding;
    }

    public int inputRows() {
        return p;
    }

    public int hidden() {
        return h;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(encoding);
    }

    public Tape newTape() {
        return new Tape(this);
    }

    /** Per-call record of one sample: the population, the currents and a view of the input. */
    public static final class Tape {
        private final EncodingLayer layer;
        private final Population pop;
        private float[] current = new float[0];
        private float[] gItem = new float[0];
        private final float[] gStep;
        private float[] x;
        private int xOff;
        private int items;
        private int rows;
        private int stepsPerItem;

        private Tape(EncodingLayer layer) {
            this.layer = layer;
            this.pop = new Population(layer.neuron, layer.h);
            this.gStep = new float[layer.h];
        }

        public Population population() {
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
    }

    /**
     * Encodes {@code items} items of one sample.
     *
     * @param x input (items, rows, H) at {@code xOff}, rows being 1 (broadcast) or P. Not modified; kept by
     *          reference for backward.
     * @param firstItem items before this index are known to have all-zero input; they are skipped (their spikes
     *                  are zero exactly) — pass 0 when unknown
     */
    public void forward(float[] x, int xOff, int items, int rows, int stepsPerItem, int firstItem, Tape tape) {
        if (rows != 1 && rows != p) {
            throw new IllegalArgumentException("encoding input must have 1 or " + p + " rows per item, got " + rows);
        }
        tape.x = x;
        tape.xOff = xOff;
        tape.items = items;
        tape.rows = rows;
        tape.stepsPerItem = stepsPerItem;
        int steps = items * stepsPerItem;
        Population pop = tape.pop;
        pop.begin(steps);
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
        int skipped = firstItem * stepsPerItem;
        Arrays.fill(pop.spikes(), 0, skipped * h, 0f);
        Arrays.fill(pop.membrane(), 0, skipped * h, 0f);
        Arrays.fill(pop.surrogate(), 0, skipped * h, 0f);
        for (int t = skipped; t < steps; t++) {
            pop.step(t, cur, (t / stepsPerItem) * h);
        }
    }

    /**
     * Backpropagates {@code gSpikes} (steps, H) (not modified). Adds {@code dL/dx} into {@code gx} (same layout as
     * x) when non-null, and the encoding gradient into {@code grads}.
     */
    public void backward(float[] gSpikes, int gOff, Tape tape, Gradients grads, float[] gx, int gxOff) {
        Population pop = tape.pop;
        int items = tape.items, stepsPerItem = tape.stepsPerItem, rows = tape.rows;
        tape.gItem = FloatOps.ensure(tape.gItem, items * h);
        float[] gItem = tape.gItem;
        Arrays.fill(gItem, 0, items * h, 0f);
        pop.beginBackward();
        for (int t = items * stepsPerItem - 1; t >= 0; t--) {
            pop.backwardStep(t, gSpikes, gOff + t * h, tape.gStep, 0);
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
