package org.hmem.task.model;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.hmem.engine.init.Init;
import org.hmem.engine.neuron.NeuronModel;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Linear;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.nn.ReadingLayer;
import org.hmem.engine.nn.WritingLayer;
import org.hmem.engine.plasticity.PlasticityRule;
import org.hmem.engine.tensor.FloatOps;
import org.hmem.task.train.ActivityTerm;

/**
 * The memory part the spiking classification models share (spec §4.1, §4.3, §4.7): a writing layer that stores a
 * fact spike train in the Hebbian memory, a reading layer that queries the final memory with the query's spike train,
 * and a linear read-out of the read-value spike counts of the last 30 steps. Models add their own encoders in front.
 *
 * <p>Parameters are registered as {@code writing_layer.W}, {@code reading_layer.W}, {@code output_layer.weight}.
 */
public final class HMemCore implements Module {

    /** Read-out window: the read values of the last this-many steps are summed (spec §13.1 item 5). */
    public static final int READOUT_WINDOW = 30;

    /** The regulariser terms of the core's populations, in the order {@link #spikeCounts} numbers them. */
    private final List<ActivityTerm> terms;
    private final WritingLayer writing;
    private final ReadingLayer reading;
    private final Linear output;
    private final int m;

    public HMemCore(int writeInputSize, int readInputSize, int memorySize, int readoutDelay, int classes,
                    PlasticityRule rule, float tauTrace, NeuronModel neuron, int checkpointInterval) {
        this.m = memorySize;
        writing = new WritingLayer("writing_layer", writeInputSize, memorySize, rule, tauTrace, neuron,
                checkpointInterval);
        reading = new ReadingLayer("reading_layer", readInputSize, memorySize, readoutDelay, neuron);
        output = new Linear("output_layer", memorySize, classes, false);
        terms = List.of(new ActivityTerm("write_key", m), new ActivityTerm("write_val", m),
                new ActivityTerm("read_key", m), new ActivityTerm("read_val", m));
    }

    /** Xavier (gain sqrt 2) for both memory layers, PyTorch's default for the read-out (spec §3.9). */
    public void initialize(SplittableRandom rng) {
        Init.xavierUniform(writing.weight(), Init.SQRT2, rng);
        Init.xavierUniform(reading.weight(), Init.SQRT2, rng);
        Init.linearDefault(output.weight(), m, rng);
    }

    @Override
    public List<Parameter> parameters() {
        return Module.collect(writing, reading, output);
    }

    public List<ActivityTerm> activityTerms() {
        return terms;
    }

    public Tape newTape() {
        return new Tape(this);
    }

    /** One sample's record: the layers' tapes, the read-out and the gradient scratch. */
    public static final class Tape {
        private final WritingLayer.Tape write;
        private final ReadingLayer.Tape read;
        private final float[] readSum;
        private final float[] gReadSum;
        private final float[] logits;
        private final float[] gMemory;
        private float[] gWriteKeys = new float[0];
        private float[] gWriteValues = new float[0];
        private float[] gReadKeys = new float[0];
        private float[] gReadValues = new float[0];

        private Tape(HMemCore core) {
            write = core.writing.newTape();
            read = core.reading.newTape();
            readSum = new float[core.m];
            gReadSum = new float[core.m];
            logits = new float[core.output.out()];
            gMemory = new float[core.m * core.m];
        }

        public WritingLayer.Tape writing() {
            return write;
        }

        public ReadingLayer.Tape reading() {
            return read;
        }

        public float[] logits() {
            return logits;
        }
    }

    /**
     * Writes {@code writeSteps} steps of {@code writeIn} (steps before {@code firstWriteStep} known to be silent),
     * reads {@code readSteps} steps of {@code readIn} with the final memory, and leaves the logits in the tape.
     * Both inputs are kept by reference for backward.
     */
    public void forward(float[] writeIn, int writeSteps, int firstWriteStep, float[] readIn, int readSteps, Tape t) {
        writing.forward(writeIn, 0, writeSteps, firstWriteStep, t.write);
        reading.forward(readIn, 0, readSteps, t.write.memory(), 0, t.read);
        Arrays.fill(t.readSum, 0f);
        float[] rv = t.read.values().spikes();
        for (int s = Math.max(0, readSteps - READOUT_WINDOW); s < readSteps; s++) {
            FloatOps.axpy(m, 1f, rv, s * m, t.readSum, 0);
        }
        output.forward(t.readSum, 0, 1, t.logits, 0);
    }

    /** Spike counts over time of term k (0 write keys, 1 write values, 2 read keys, 3 read values). */
    public void spikeCounts(Tape t, int k, float[] out, int off) {
        switch (k) {
            case 0 -> FloatOps.sumRows(t.write.keys().spikes(), t.write.steps(), m, out, off);
            case 1 -> FloatOps.sumRows(t.write.values().spikes(), t.write.steps(), m, out, off);
            case 2 -> FloatOps.sumRows(t.read.keys().spikes(), t.read.steps(), m, out, off);
            case 3 -> FloatOps.sumRows(t.read.values().spikes(), t.read.steps(), m, out, off);
            default -> throw new IllegalArgumentException("no activity term " + k);
        }
    }

    /**
     * Backward of one sample.
     *
     * @param gLogits {@code dL/dlogits}. Not modified.
     * @param activity per-neuron regulariser gradients (same at every step) of the model's terms, or null; the
     *                 core's four terms start at index {@code firstTerm}. Not modified.
     * @param gWriteIn adds {@code dL/dwriteIn} where {@code writeMask} (the upstream surrogate record) is non-zero
     * @param gReadIn adds {@code dL/dreadIn} where {@code readMask} is non-zero
     */
    public void backward(float[] gLogits, float[][] activity, int firstTerm, Tape t, Gradients grads,
                         float[] gWriteIn, float[] writeMask, float[] gReadIn, float[] readMask) {
        int writeSteps = t.write.steps(), readSteps = t.read.steps();
        t.gWriteKeys = FloatOps.repeatRow(term(activity, firstTerm), writeSteps, m, t.gWriteKeys);
        t.gWriteValues = FloatOps.repeatRow(term(activity, firstTerm + 1), writeSteps, m, t.gWriteValues);
        t.gReadKeys = FloatOps.repeatRow(term(activity, firstTerm + 2), readSteps, m, t.gReadKeys);
        t.gReadValues = FloatOps.repeatRow(term(activity, firstTerm + 3), readSteps, m, t.gReadValues);
        Arrays.fill(t.gReadSum, 0f);
        output.backward(gLogits, 0, t.readSum, 0, 1, grads, t.gReadSum, 0);
        for (int s = Math.max(0, readSteps - READOUT_WINDOW); s < readSteps; s++) {
            FloatOps.axpy(m, 1f, t.gReadSum, 0, t.gReadValues, s * m);
        }
        Arrays.fill(t.gMemory, 0f);
        reading.backward(t.gReadKeys, t.gReadValues, t.read, grads, gReadIn, 0, readMask, 0, t.gMemory, 0);
        writing.backward(t.gWriteKeys, t.gWriteValues, t.gMemory, t.write, grads, gWriteIn, 0, writeMask, 0);
    }

    private static float[] term(float[][] activity, int k) {
        return activity == null ? null : activity[k];
    }
}
