package org.hmem.engine.nn;

import java.util.List;

import org.hmem.engine.neuron.NeuronModel;
import org.hmem.engine.plasticity.PlasticityRule;

/**
 * The H-Mem core of the paper's supervised models (spec §4): a {@link WritingLayer} stores a fact spike train in the
 * Hebbian memory, then a {@link ReadingLayer} queries the final memory with a query spike train. The read values are
 * the output; models put a read-out behind them. Parameter names are {@code <writePrefix>.W} and
 * {@code <readPrefix>.W}, prefixes chosen by the model (e.g. {@code writing_layer}, {@code net.net.writing_layer}).
 *
 * <p>Models that interleave writing and reading (reinforcement learning: write a step, read it, write the next one
 * from the carried state) use the two layers directly; this class is the write-everything-then-read case.
 */
public final class HebbianMemory implements Module {

    private final WritingLayer writing;
    private final ReadingLayer reading;

    public HebbianMemory(String writePrefix, String readPrefix, int writeInputSize, int readInputSize,
                         int memorySize, int readoutDelay, PlasticityRule rule, float tauTrace, NeuronModel neuron,
                         int checkpointInterval) {
        writing = new WritingLayer(writePrefix, writeInputSize, memorySize, rule, tauTrace, neuron,
                checkpointInterval);
        reading = new ReadingLayer(readPrefix, readInputSize, memorySize, readoutDelay, neuron);
    }

    public WritingLayer writing() {
        return writing;
    }

    public ReadingLayer reading() {
        return reading;
    }

    public int memorySize() {
        return writing.memorySize();
    }

    @Override
    public List<Parameter> parameters() {
        return Module.collect(writing, reading);
    }

    public Tape newTape() {
        return new Tape(this);
    }

    /** One sample's record: the writing and the reading tape. */
    public static final class Tape {
        private final WritingLayer.Tape write;
        private final ReadingLayer.Tape read;

        private Tape(HebbianMemory memory) {
            write = memory.writing.newTape();
            read = memory.reading.newTape();
        }

        public WritingLayer.Tape writing() {
            return write;
        }

        public ReadingLayer.Tape reading() {
            return read;
        }
    }

    /**
     * Writes {@code writeSteps} steps of {@code writeIn} (set {@code t.writing().silentPrefix} for a known silent
     * start), then reads {@code readSteps} steps of {@code readIn} with the final memory. Inputs are kept by reference
     * for backward.
     */
    public void forward(float[] writeIn, int writeOff, int writeSteps, float[] readIn, int readOff, int readSteps,
                        Tape t) {
        writing.forward(writeIn, writeOff, writeSteps, t.write);
        reading.forward(readIn, readOff, readSteps, t.write.memory(), 0, t.read);
    }

    /**
     * Backward of one sample from the gradients accumulated on the read (and written) spike trains: the reading
     * layer's {@code dL/dM} becomes the writing layer's final-memory gradient.
     *
     * @param gWriteIn adds {@code dL/dwriteIn} where {@code writeMask} (the producer's sensitivity, or null) is
     *                 non-zero; likewise {@code gReadIn}. Modified.
     */
    public void backward(Tape t, Gradients grads, float[] gWriteIn, int gwOff, float[] writeMask, int wmOff,
                         float[] gReadIn, int grOff, float[] readMask, int rmOff) {
        reading.backward(t.read, grads, gReadIn, grOff, readMask, rmOff, t.write.finalStateGradient().memory(), 0);
        writing.backward(t.write, grads, gWriteIn, gwOff, writeMask, wmOff);
    }
}
