package org.hmem.task.rl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.hmem.engine.init.Init;
import org.hmem.engine.neuron.NeuronModel;
import org.hmem.engine.neuron.NeuronState;
import org.hmem.engine.nn.EncodingLayer;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Linear;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.nn.ReadingLayer;
import org.hmem.engine.nn.ReadingState;
import org.hmem.engine.nn.SpikeCountReadout;
import org.hmem.engine.nn.WritingLayer;
import org.hmem.engine.nn.WritingState;
import org.hmem.engine.plasticity.PlasticityRule;
import org.hmem.engine.tensor.CarriedState;
import org.hmem.engine.tensor.FloatOps;

/**
 * The spiking recurrent core of the reinforcement-learning model (spec §4.8). Per environment step: the observation
 * through a linear embedding (no bias), presented for T steps to the encoding layer (all-ones (E, E) encoding, so
 * the current is E times the embedding, spec §13.1 item 1), the writing layer on those spikes, then the reading
 * layer on the same spikes with the memory just written; the output is the read values' spike counts over the last
 * 30 steps. Encoder, writer (incl. the memory) and reader all continue from the previous environment step's state.
 *
 * <p>BPTT through a rollout keeps the tapes of at most {@code segment} environment steps per worker: a longer
 * sequence stores only its state at every segment start and recomputes a segment's forward pass when backward
 * reaches it (one extra forward pass for the steps before the last segment; peak memory of one segment).
 */
public final class SpikingMemoryCore implements RecurrentCore<SpikingMemoryCore.State> {

    /**
     * The state of one environment, its tensors in the reference's order of 19 (spec §4.8): memory, encoder z v r,
     * writing keys z v r, writing values z v r, key trace, value trace, reading keys z v r, reading values z v r,
     * feedback buffer.
     */
    public record State(NeuronState encoder, WritingState writing, ReadingState reading) implements CarriedState {

        @Override
        public List<float[]> tensors() {
            List<float[]> all = new ArrayList<>(19);
            all.add(writing.memory());
            all.addAll(encoder.tensors());
            all.addAll(writing.keys().tensors());
            all.addAll(writing.values().tensors());
            all.add(writing.keyTrace());
            all.add(writing.valueTrace());
            all.addAll(reading.keys().tensors());
            all.addAll(reading.values().tensors());
            all.add(reading.feedback());
            return all;
        }

        /** As the interface's, without building the tensor lists (the actor copies states every step). */
        @Override
        public void copyFrom(CarriedState other) {
            if (!(other instanceof State o)) {
                CarriedState.super.copyFrom(other);
                return;
            }
            encoder.copyFrom(o.encoder);
            writing.copyFrom(o.writing);
            reading.copyFrom(o.reading);
        }
    }

    private final int obsSize;
    private final int embeddingSize;
    private final int memorySize;
    private final int steps;
    private final int delay;
    private final int segment;
    private final NeuronModel neuron;
    private final Linear embedding;
    private final EncodingLayer encoding;
    private final WritingLayer writing;
    private final ReadingLayer reading;
    private final SpikeCountReadout readout = SpikeCountReadout.lastSteps(SpikeCountReadout.CLASSIFIER_WINDOW);

    /**
     * @param prefix state-dict prefix of the layers, {@code net.net} in the reference
     * @param steps simulation steps T per environment step
     * @param checkpointInterval steps between memory checkpoints in the writing layer's BPTT ({@code <= 0}: sqrt(T))
     * @param segment environment steps whose tapes a worker keeps during BPTT (longer rollouts recompute)
     */
    public SpikingMemoryCore(String prefix, int obsSize, int embeddingSize, int memorySize, int steps, int delay,
                             PlasticityRule rule, float tauTrace, NeuronModel neuron, int checkpointInterval,
                             int segment) {
        if (segment < 1) {
            throw new IllegalArgumentException("segment must be >= 1, got " + segment);
        }
        this.obsSize = obsSize;
        this.embeddingSize = embeddingSize;
        this.memorySize = memorySize;
        this.steps = steps;
        this.delay = delay;
        this.segment = segment;
        this.neuron = neuron;
        this.embedding = new Linear(prefix + ".embedding_layer", obsSize, embeddingSize, false);
        this.encoding = new EncodingLayer(prefix + ".encoding_layer", embeddingSize, embeddingSize, 1, steps, false,
                false, neuron);
        this.writing = new WritingLayer(prefix + ".writing_layer", embeddingSize, memorySize, rule, tauTrace, neuron,
                checkpointInterval);
        this.reading = new ReadingLayer(prefix + ".reading_layer", embeddingSize, memorySize, delay, neuron);
    }

    public Linear embedding() {
        return embedding;
    }

    public WritingLayer writing() {
        return writing;
    }

    public ReadingLayer reading() {
        return reading;
    }

    /** Simulation steps T per environment step. */
    public int simulationSteps() {
        return steps;
    }

    @Override
    public int observationSize() {
        return obsSize;
    }

    @Override
    public int outputSize() {
        return memorySize;
    }

    @Override
    public List<Parameter> parameters() {
        return Module.collect(embedding, encoding, writing, reading);
    }

    /** Xavier-uniform (gain sqrt 2) embedding, writing and reading weights (spec §3.9, §4.8). */
    @Override
    public void initialize(SplittableRandom rng) {
        Init.xavierUniform(embedding.weight(), Init.SQRT2, rng);
        Init.xavierUniform(writing.weight(), Init.SQRT2, rng);
        Init.xavierUniform(reading.weight(), Init.SQRT2, rng);
    }

    @Override
    public State newState() {
        int m = memorySize;
        return new State(neuron.newState(embeddingSize),
                new WritingState(neuron.newState(m), neuron.newState(m), new float[m], new float[m], new float[m * m]),
                new ReadingState(neuron.newState(m), neuron.newState(m), new float[delay * m]));
    }

    @Override
    public Sequence newSequence() {
        return new Sequence();
    }

    /** The tapes of one environment step. */
    public final class StepTape {
        private final float[] embedded = new float[embeddingSize];
        private final float[] gEmbedded = new float[embeddingSize];
        private final EncodingLayer.Tape enc = encoding.newTape();
        private final WritingLayer.Tape write = writing.newTape();
        private final ReadingLayer.Tape read = reading.newTape();

        public EncodingLayer.Tape encoder() {
            return enc;
        }

        public WritingLayer.Tape writer() {
            return write;
        }

        public ReadingLayer.Tape reader() {
            return read;
        }
    }

    /** One worker's sequence workspace. */
    public final class Sequence implements RecurrentCore.Sequence<State> {
        private final StepTape[] tapes = new StepTape[segment];
        // the layers' weights transposed once per forward call (not once per environment step)
        private final float[] writeWt = new float[embeddingSize * 2 * memorySize];
        private final float[] readWt = new float[(embeddingSize + memorySize) * memorySize];
        private boolean reuseWeights;
        private boolean forwardOnly;
        private final State carry = newState();
        private final List<State> saved = new ArrayList<>();
        private float[] scratch = new float[0];
        private float[] obs;
        private int obsOff;
        private float[] masks;
        private int maskOff;
        private int count;
        private State start;

        private Sequence() {
        }

        /** The tapes of step k of the last forward, while they are live (the last segment's steps). */
        public StepTape tape(int k) {
            if (k < (count - 1) / segment * segment || k >= count) {
                throw new IllegalArgumentException("step " + k + " is not in the live segment");
            }
            return tapes[k % segment];
        }

        @Override
        public void forward(float[] obs, int obsOff, float[] masks, int maskOff, int count, State start,
                            float[] out, int outOff) {
            this.obs = obs;
            this.obsOff = obsOff;
            this.masks = masks;
            this.maskOff = maskOff;
            this.count = count;
            this.start = start;
            if (!reuseWeights) {
                writing.transposedWeights(writeWt);
                reading.transposedWeights(readWt);
            }
            for (int k = 0; k < count; k++) {
                if (k > 0 && k % segment == 0) {
                    int s = k / segment;
                    while (saved.size() < s) {
                        saved.add(newState());
                    }
                    copyTo(tapes[(k - 1) % segment], saved.get(s - 1));
                }
                runStep(k, out, outOff);
            }
        }

        /** Step k from the segment's saved state or from step k - 1's live tape. */
        private void runStep(int k, float[] out, int outOff) {
            StepTape tp = tapes[k % segment];
            if (tp == null) {
                tp = tapes[k % segment] = new StepTape();
                tp.write.useTransposedWeights(writeWt);
                tp.read.useTransposedWeights(readWt);
            }
            // acting needs no records for backward: no memory checkpoints, no surrogate derivatives
            tp.write.recordForBackward(!forwardOnly);
            tp.enc.population().recordSurrogate(!forwardOnly);
            tp.read.keys().recordSurrogate(!forwardOnly);
            tp.read.values().recordSurrogate(!forwardOnly);
            if (masks[maskOff + k] == 0f) {
                tp.enc.startFrom(null);
                tp.write.startFrom(null);
                tp.read.startFrom(null);
            } else if (k % segment == 0) {
                State s = k == 0 ? start : saved.get(k / segment - 1);
                tp.enc.startFrom(s.encoder());
                tp.write.startFrom(s.writing());
                tp.read.startFrom(s.reading());
            } else {
                StepTape prev = tapes[(k - 1) % segment];
                tp.enc.startFrom(prev.enc.finalState());
                tp.write.startFrom(prev.write.finalState());
                tp.read.startFrom(prev.read.finalState());
            }
            embedding.forward(obs, obsOff + k * obsSize, 1, tp.embedded, 0);
            encoding.forward(tp.embedded, 0, 1, tp.enc);
            float[] spikes = tp.enc.spikes();
            writing.forward(spikes, 0, steps, tp.write);
            reading.forward(spikes, 0, steps, tp.write.memory(), 0, tp.read);
            readout.forward(tp.read.values(), out, outOff + k * memorySize);
        }

        @Override
        public void forwardOnly(boolean forwardOnly) {
            this.forwardOnly = forwardOnly;
        }

        @Override
        public void reuseWeights(boolean reuse) {
            this.reuseWeights = reuse;
        }

        private void copyTo(StepTape tp, State into) {
            into.encoder().copyFrom(tp.enc.finalState());
            into.writing().copyFrom(tp.write.finalState());
            into.reading().copyFrom(tp.read.finalState());
        }

        @Override
        public void copyFinalState(State into) {
            copyTo(tapes[(count - 1) % segment], into);
        }

        @Override
        public void backward(float[] gOut, int gOutOff, Gradients grads) {
            int segments = (count + segment - 1) / segment;
            boolean haveLater = false;
            for (int s = segments - 1; s >= 0; s--) {
                int from = s * segment, to = Math.min(count, from + segment);
                if (s < segments - 1) {
                    scratch = FloatOps.ensure(scratch, count * memorySize);
                    for (int k = from; k < to; k++) {
                        runStep(k, scratch, 0);
                    }
                }
                for (int k = to - 1; k >= from; k--) {
                    StepTape tp = tapes[k % segment];
                    readout.backward(gOut, gOutOff + k * memorySize, tp.read.values(), null);
                    if (haveLater) {
                        tp.enc.finalStateGradient().copyFrom(carry.encoder());
                        tp.write.finalStateGradient().copyFrom(carry.writing());
                        tp.read.finalStateGradient().copyFrom(carry.reading());
                    }
                    float[] gSpikes = tp.enc.output().gradient();
                    float[] sensitivity = tp.enc.output().sensitivity();
                    reading.backward(tp.read, grads, gSpikes, 0, sensitivity, 0,
                            tp.write.finalStateGradient().memory(), 0);
                    writing.backward(tp.write, grads, gSpikes, 0, sensitivity, 0);
                    Arrays.fill(tp.gEmbedded, 0f);
                    encoding.backward(tp.enc, grads, tp.gEmbedded, 0, null, 0);
                    embedding.backward(tp.gEmbedded, 0, obs, obsOff + k * obsSize, 1, grads, null, 0);
                    // a reset step started from zero: nothing flows into the previous step
                    haveLater = k > 0 && masks[maskOff + k] != 0f;
                    if (haveLater) {
                        carry.encoder().copyFrom(tp.enc.initialStateGradient());
                        carry.writing().copyFrom(tp.write.initialStateGradient());
                        carry.reading().copyFrom(tp.read.initialStateGradient());
                    }
                }
            }
        }
    }

}
