package org.hmem.task.rl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.hmem.engine.init.Init;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Linear;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.nn.ReadingLayerRelu;
import org.hmem.engine.nn.WritingLayerRelu;
import org.hmem.engine.plasticity.PlasticityRule;
import org.hmem.engine.tensor.CarriedState;
import org.hmem.engine.tensor.FloatOps;

/**
 * The non-spiking recurrent core (spec §4.9): {@code f = ReLU(embedding(obs))}, the ReLU writing layer stores f, the
 * ReLU reading layer reads f; the state is the memory alone.
 *
 * <p>The reference writes all steps of a call before reading any (spec §13.1 item 13): during PPO updates (10 steps
 * per call) every step is read with the memory of later steps, while acting (one step per call) cannot see them.
 * {@code writeThenReadEachStep} (our default, docs/DECISIONS.md) writes and reads step by step, as acting does; off,
 * a sequence is written and read in runs between episode starts, as the reference does for one environment (it also
 * splits where another environment of the minibatch starts a game, which depends on the random minibatch and is not
 * reproduced).
 */
public final class ReluMemoryCore implements RecurrentCore<ReluMemoryCore.State> {

    /** The memory of one environment, key-major. */
    public record State(float[] memory) implements CarriedState {
        @Override
        public List<float[]> tensors() {
            return List.of(memory);
        }
    }

    private final int obsSize;
    private final int embeddingSize;
    private final int memorySize;
    private final boolean eachStep;
    private final Linear embedding;
    private final WritingLayerRelu writing;
    private final ReadingLayerRelu reading;

    public ReluMemoryCore(String prefix, int obsSize, int embeddingSize, int memorySize, PlasticityRule rule,
                          boolean writeThenReadEachStep) {
        this.obsSize = obsSize;
        this.embeddingSize = embeddingSize;
        this.memorySize = memorySize;
        this.eachStep = writeThenReadEachStep;
        this.embedding = new Linear(prefix + ".embedding_layer", obsSize, embeddingSize, false);
        this.writing = new WritingLayerRelu(prefix + ".writing_layer", embeddingSize, memorySize, rule, 0);
        this.reading = new ReadingLayerRelu(prefix + ".reading_layer", embeddingSize, memorySize);
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
        return Module.collect(embedding, writing, reading);
    }

    /** PyTorch's default Linear init for the embedding (the reference does not re-initialise it), xavier for W. */
    @Override
    public void initialize(SplittableRandom rng) {
        Init.linearDefault(embedding.weight(), obsSize, rng);
        Init.xavierUniform(writing.weight(), Init.SQRT2, rng);
        Init.xavierUniform(reading.weight(), Init.SQRT2, rng);
    }

    @Override
    public State newState() {
        return new State(new float[memorySize * memorySize]);
    }

    @Override
    public Sequence newSequence() {
        return new Sequence();
    }

    /** One worker's workspace: a writing and a reading tape per run of steps. */
    public final class Sequence implements RecurrentCore.Sequence<State> {
        private final List<WritingLayerRelu.Tape> writes = new ArrayList<>();
        private final List<ReadingLayerRelu.Tape> reads = new ArrayList<>();
        private final float[] gMemory = new float[memorySize * memorySize];
        private int[] runStart = new int[0];
        private float[] f = new float[0];
        private float[] gF = new float[0];
        private float[] gValues = new float[0];
        private float[] obs;
        private int obsOff;
        /** Kept for backward: whether each run started from the previous one's memory. */
        private float[] masks;
        private int maskOff;
        private int count;
        private int runs;

        private Sequence() {
        }

        @Override
        public void forward(float[] obs, int obsOff, float[] masks, int maskOff, int count, State start, float[] out,
                            int outOff) {
            this.obs = obs;
            this.obsOff = obsOff;
            this.count = count;
            f = FloatOps.ensure(f, count * embeddingSize);
            embedding.forward(obs, obsOff, count, f, 0);
            for (int i = 0; i < count * embeddingSize; i++) {
                f[i] = Math.max(f[i], 0f);
            }
            runStart = runStart.length > count ? runStart : new int[count + 1];
            runs = 0;
            for (int k = 0; k < count; k++) {
                if (k == 0 || eachStep || masks[maskOff + k] == 0f) {
                    runStart[runs++] = k;
                }
            }
            runStart[runs] = count;
            while (writes.size() < runs) {
                writes.add(writing.newTape());
                reads.add(reading.newTape());
            }
            for (int r = 0; r < runs; r++) {
                int a = runStart[r], len = runStart[r + 1] - a;
                WritingLayerRelu.Tape w = writes.get(r);
                boolean reset = masks[maskOff + a] == 0f;
                w.startFrom(reset ? null : r == 0 ? start.memory() : writes.get(r - 1).memory());
                writing.forward(f, a * embeddingSize, len, w);
                reading.forward(f, a * embeddingSize, len, w.memory(), 0, reads.get(r));
                System.arraycopy(reads.get(r).values(), 0, out, outOff + a * memorySize, len * memorySize);
            }
            this.masks = masks;
            this.maskOff = maskOff;
        }

        @Override
        public void copyFinalState(State into) {
            System.arraycopy(writes.get(runs - 1).memory(), 0, into.memory(), 0, memorySize * memorySize);
        }

        @Override
        public void backward(float[] gOut, int gOutOff, Gradients grads) {
            gF = FloatOps.ensure(gF, count * embeddingSize);
            Arrays.fill(gF, 0, count * embeddingSize, 0f);
            gValues = FloatOps.ensure(gValues, count * memorySize);
            boolean haveLater = false;
            for (int r = runs - 1; r >= 0; r--) {
                int a = runStart[r], len = runStart[r + 1] - a;
                WritingLayerRelu.Tape w = writes.get(r);
                if (!haveLater) {
                    Arrays.fill(gMemory, 0f);
                }
                System.arraycopy(gOut, gOutOff + a * memorySize, gValues, 0, len * memorySize);
                reading.backward(null, gValues, reads.get(r), grads, gF, a * embeddingSize, gMemory, 0);
                writing.backward(null, null, gMemory, w, grads, gF, a * embeddingSize);
                haveLater = r > 0 && masks[maskOff + a] != 0f;
                if (haveLater) {
                    System.arraycopy(w.initialMemoryGradient(), 0, gMemory, 0, gMemory.length);
                }
            }
            for (int i = 0; i < count * embeddingSize; i++) {
                if (f[i] <= 0f) {
                    gF[i] = 0f;
                }
            }
            embedding.backward(gF, 0, obs, obsOff, count, grads, null, 0);
        }
    }

}
