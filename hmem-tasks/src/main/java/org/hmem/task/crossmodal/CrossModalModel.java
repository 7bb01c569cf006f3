package org.hmem.task.crossmodal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.hmem.engine.conv.SpikingConv2d;
import org.hmem.engine.conv.SpikingImageEncoder;
import org.hmem.engine.conv.SpikingProtoNet;
import org.hmem.engine.init.Init;
import org.hmem.engine.neuron.IafPscDelta;
import org.hmem.engine.neuron.SpikeBuffer;
import org.hmem.engine.neuron.SpikeTrain;
import org.hmem.engine.nn.DenseLayer;
import org.hmem.engine.nn.EncodingLayer;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.HebbianMemory;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.nn.ReadingLayer;
import org.hmem.engine.nn.SpikingStack;
import org.hmem.engine.nn.WritingLayer;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.crossmodal.data.LabelledImages;
import org.hmem.task.model.SampleSpikeMemo;
import org.hmem.task.model.SpikeCache;
import org.hmem.task.model.SpikeCaches;
import org.hmem.task.train.ActivityTerm;
import org.hmem.task.train.SupervisedModel;

/**
 * The spiking cross-modal network (spec §4.5). Each of the L spoken digits (MFCC images) and L handwritten digits is
 * encoded into spikes (LIF, current = value) and passed through its own spiking CNN, each item from a zero state; the
 * writing layer stores [MFCC spikes | image spikes] of the L pairs; the query recording's CNN spikes read the memory;
 * a spiking dense decoder (M → 256 → 784) turns the read values into an image: the spike count of every output
 * neuron over all T steps divided by 15.
 *
 * <p>With frozen CNNs their spikes can come from {@link SpikeCache}s, one per split (enable with
 * {@link #useSpikeCache}).
 */
public final class CrossModalModel implements SupervisedModel<CrossModalBatch, CrossModalModel.Workspace> {

    /** The reference divides the decoder's spike counts by this (spec §4.5, §13.5). */
    public static final float OUTPUT_DIVISOR = 15f;

    private static final int E = CrossModalModelConfig.EMBEDDING;
    private static final int PIXELS = CrossModalModelConfig.IMAGE_PIXELS;

    private final CrossModalModelConfig cfg;
    private final SpikingImageEncoder mfccEncoder;
    private final SpikingImageEncoder imageEncoder;
    private final HebbianMemory memory;
    private final DenseLayer decoder1;
    private final DenseLayer decoder2;
    private final SpikingStack decoder;
    private final List<Parameter> params;
    private final List<ActivityTerm<CrossModalBatch, Workspace>> terms;
    private SpikeCaches<LabelledImages> caches;
    private final SampleSpikeMemo mfccMemo;
    private final SampleSpikeMemo imageMemo;
    private final SampleSpikeMemo queryMemo;
    /** The decoder weights transposed once per batch (the layers would do it per sample and pass otherwise). */
    private final float[] decoder1Wt;
    private final float[] decoder2Wt;
    private Object transposedFor;

    public CrossModalModel(CrossModalModelConfig cfg, int checkpointInterval) {
        this.cfg = cfg;
        int l = cfg.pairs(), m = cfg.memorySize(), t = cfg.numTimeSteps();
        IafPscDelta neuron = cfg.neuron().neuron();
        float thr = cfg.neuron().thr();
        int refractory = cfg.neuron().refractorySteps();
        // P = 1: each neuron's current is its pixel or MFCC value; negative MFCC values simply inhibit
        EncodingLayer imageEncoding = new EncodingLayer("image_encoding_layer", 1, PIXELS, 1, t, false, false,
                neuron);
        EncodingLayer mfccEncoding = new EncodingLayer("mfcc_encoding_layer", 1, cfg.mfccSize(), 1, t, false, false,
                neuron);
        SpikingProtoNet mfccCnn = new SpikingProtoNet("mfcc_embedding_layer", cfg.mfccFrames(),
                cfg.mfccCoefficients(), t, neuron, cfg.useBias(), thr, refractory);
        SpikingProtoNet imageCnn = new SpikingProtoNet("image_embedding_layer", CrossModalModelConfig.IMAGE_SIDE,
                CrossModalModelConfig.IMAGE_SIDE, t, neuron, cfg.useBias(), thr, refractory);
        mfccEncoder = new SpikingImageEncoder(mfccEncoding, mfccCnn);
        imageEncoder = new SpikingImageEncoder(imageEncoding, imageCnn);
        if (cfg.freezeCnn()) {
            for (Parameter p : Module.collect(mfccCnn, imageCnn)) {
                p.freeze();
            }
        }
        memory = new HebbianMemory("writing_layer", "reading_layer", 2 * E, E, m, cfg.readoutDelay(),
                cfg.hebbian().rule(), cfg.hebbian().tauTrace(), neuron, checkpointInterval);
        decoder1 = new DenseLayer("decoder_l1", m, CrossModalModelConfig.DECODER_HIDDEN, cfg.hebbian().tauTrace(),
                neuron);
        decoder2 = new DenseLayer("decoder_l2", CrossModalModelConfig.DECODER_HIDDEN, PIXELS,
                cfg.hebbian().tauTrace(), neuron);
        decoder = new SpikingStack(List.of(decoder1, decoder2));
        params = Module.collect(imageEncoding, mfccEncoding, mfccCnn, imageCnn, memory, decoder);
        // storage-phase populations span L items, query-phase ones one (spec §7.3); the CNN outputs stay in the
        // regulariser even when the CNNs are frozen (spec §8.5)
        ActivityTerm.Normaliser<CrossModalBatch> storage = (d, b) -> 1e-3 * t * l;
        ActivityTerm.Normaliser<CrossModalBatch> query = (d, b) -> 1e-3 * t;
        List<ActivityTerm<CrossModalBatch, Workspace>> list = new ArrayList<>();
        list.add(new ActivityTerm<>("mfcc_encoded", E, ws -> ws.mfcc, storage));
        list.add(new ActivityTerm<>("images_encoded", E, ws -> ws.images, storage));
        list.add(new ActivityTerm<>("query_encoded", E, ws -> ws.query, query));
        list.add(new ActivityTerm<>("write_key", m, ws -> ws.memory.writing().keys(), storage));
        list.add(new ActivityTerm<>("write_val", m, ws -> ws.memory.writing().values(), storage));
        list.add(new ActivityTerm<>("read_key", m, ws -> ws.memory.reading().keys(), query));
        list.add(new ActivityTerm<>("read_val", m, ws -> ws.memory.reading().values(), query));
        list.add(new ActivityTerm<>("decoder_l1", CrossModalModelConfig.DECODER_HIDDEN,
                ws -> ws.decoder.layer(0, DenseLayer.Tape.class).output(), query));
        list.add(new ActivityTerm<>("decoder_l2", PIXELS, ws -> ws.decoder.output(), query));
        terms = List.copyOf(list);
        mfccMemo = new SampleSpikeMemo(l * t * E);
        imageMemo = new SampleSpikeMemo(l * t * E);
        queryMemo = new SampleSpikeMemo(t * E);
        decoder1Wt = new float[decoder1.weight().size()];
        decoder2Wt = new float[decoder2.weight().size()];
    }

    /**
     * Initialises every parameter as the reference does (spec §3.9, §4.5): xavier (gain sqrt 2) for the CNNs, the
     * memory and the decoder, PyTorch's default for conv biases. Pretrained CNN weights are loaded afterwards.
     */
    public void initialize(SplittableRandom rng) {
        for (SpikingProtoNet cnn : List.of(mfccCnn(), imageCnn())) {
            for (SpikingConv2d conv : cnn.convolutions()) {
                Init.xavierUniform(conv.weight(), Init.SQRT2, rng);
                if (conv.bias() != null) {
                    Init.uniform(conv.bias(), 1.0 / Math.sqrt(conv.weight().size() / (double) conv.outChannels()),
                            rng);
                }
            }
        }
        Init.xavierUniform(memory.writing().weight(), Init.SQRT2, rng);
        Init.xavierUniform(memory.reading().weight(), Init.SQRT2, rng);
        Init.xavierUniform(decoder1.weight(), Init.SQRT2, rng);
        Init.xavierUniform(decoder2.weight(), Init.SQRT2, rng);
    }

    public CrossModalModelConfig config() {
        return cfg;
    }

    public SpikingProtoNet mfccCnn() {
        return mfccEncoder.cnn();
    }

    public SpikingProtoNet imageCnn() {
        return imageEncoder.cnn();
    }

    public SpikingImageEncoder mfccEncoder() {
        return mfccEncoder;
    }

    public SpikingImageEncoder imageEncoder() {
        return imageEncoder;
    }

    /**
     * Serves the frozen CNNs' spikes from caches, one per data set, made by {@code factory} on first use, instead of
     * recomputing them. Only for frozen CNNs, whose outputs do not change.
     */
    public void useSpikeCache(Function<LabelledImages, SpikeCache> factory) {
        if (!cfg.freezeCnn()) {
            throw new IllegalStateException("the spike cache needs frozen CNNs");
        }
        this.caches = new SpikeCaches<>(factory, LabelledImages::toString);
    }

    /** Bits of one item's cached spikes. */
    public int spikeBitsPerItem() {
        return cfg.numTimeSteps() * E;
    }

    private SpikeCache cache(LabelledImages data) {
        return caches == null || data == null ? null : caches.of(data);
    }

    /** Items the spike caches hold, over all data sets. */
    public int cachedItems() {
        return caches == null ? 0 : caches.filled();
    }

    /** Closes the spike caches (deleting spill files) and says what they held. */
    public String releaseSpikeCaches() {
        return caches == null ? "" : caches.release();
    }

    @Override
    public List<Parameter> parameters() {
        return params;
    }

    @Override
    public int batchSize(CrossModalBatch data) {
        return data.size();
    }

    @Override
    public int outputSize() {
        return PIXELS;
    }

    @Override
    public List<ActivityTerm<CrossModalBatch, Workspace>> activityTerms() {
        return terms;
    }

    /** Activations and scratch of one sample, owned by one worker. */
    public static final class Workspace {
        final SpikingImageEncoder.Tape mfccTape;
        final SpikingImageEncoder.Tape imageTape;
        final SpikeBuffer mfcc;
        final SpikeBuffer images;
        final SpikeBuffer query;
        final HebbianMemory.Tape memory;
        final SpikingStack.Tape decoder;
        final float[] output = new float[PIXELS];
        final float[] writeInput;
        final float[] writeMask;
        final float[] gWriteInput;
        final long[] cacheScratch;

        Workspace(CrossModalModel model) {
            int rows = model.cfg.pairs() * model.cfg.numTimeSteps();
            mfccTape = model.mfccEncoder.newTape();
            imageTape = model.imageEncoder.newTape();
            mfcc = new SpikeBuffer(E, true);
            images = new SpikeBuffer(E, true);
            query = new SpikeBuffer(E, true);
            memory = model.memory.newTape();
            decoder = model.decoder.newTape();
            writeInput = new float[rows * 2 * E];
            writeMask = new float[writeInput.length];
            gWriteInput = new float[writeInput.length];
            cacheScratch = new long[(model.cfg.numTimeSteps() * E + 63) / 64];
        }

        /** MFCC CNN output spikes of the L recordings, one after the other (L T, 64). */
        public SpikeTrain mfccSpikes() {
            return mfcc;
        }

        /** Image CNN output spikes of the L images (L T, 64). */
        public SpikeTrain imageSpikes() {
            return images;
        }

        /** MFCC CNN output spikes of the query (T, 64). */
        public SpikeTrain querySpikes() {
            return query;
        }

        public WritingLayer.Tape writing() {
            return memory.writing();
        }

        public ReadingLayer.Tape reading() {
            return memory.reading();
        }

        /** Decoder layer 1 (T, 256). */
        public SpikeTrain decoderHidden() {
            return decoder.layer(0, DenseLayer.Tape.class).output();
        }

        /** Decoder layer 2 (T, 784). */
        public SpikeTrain decoderOutput() {
            return decoder.output();
        }

        /** The reconstructed image of the last forward (784). */
        public float[] reconstruction() {
            return output;
        }
    }

    @Override
    public Workspace newWorkspace() {
        return new Workspace(this);
    }

    /**
     * Starts the memo of the batch's CNN outputs, which the regulariser's second forward pass reads, and transposes
     * the decoder's weights for the batch's forward passes (the weights do not change within a step).
     */
    @Override
    public void forwardBatch(CrossModalBatch data, boolean training, BatchParallel parallel) {
        decoder1.transposedWeights(decoder1Wt);
        decoder2.transposedWeights(decoder2Wt);
        transposedFor = data;
        if (caches == null) {
            mfccMemo.reset(data, data.size());
            imageMemo.reset(data, data.size());
            queryMemo.reset(data, data.size());
        }
    }

    @Override
    public void forward(CrossModalBatch data, int b, Workspace ws) {
        final int l = cfg.pairs(), t = cfg.numTimeSteps(), ms = cfg.mfccSize();
        ws.mfcc.begin(l * t);
        ws.images.begin(l * t);
        ws.query.begin(t);
        if (mfccMemo.has(data, b) && imageMemo.has(data, b) && queryMemo.has(data, b)) {
            mfccMemo.get(b, ws.mfcc.spikes(), ws.mfcc.sensitivity(), l * t * E);
            imageMemo.get(b, ws.images.spikes(), ws.images.sensitivity(), l * t * E);
            queryMemo.get(b, ws.query.spikes(), ws.query.sensitivity(), t * E);
        } else {
            SpikeCache mfccCache = data.hasItems() ? cache(data.audio()) : null;
            SpikeCache imageCache = data.hasItems() ? cache(data.images()) : null;
            for (int p = 0; p < l; p++) {
                int item = b * l + p;
                SpikeCaches.encode(mfccEncoder, data.mfcc(), item * ms, mfccCache,
                        data.hasItems() ? data.audioItems()[item] : -1, ws.mfcc, p * t * E, ws.mfccTape,
                        ws.cacheScratch, cfg.freezeCnn());
                SpikeCaches.encode(imageEncoder, data.imagePixels(), item * PIXELS, imageCache,
                        data.hasItems() ? data.imageItems()[item] : -1, ws.images, p * t * E, ws.imageTape,
                        ws.cacheScratch, cfg.freezeCnn());
            }
            // the query last: its record stays on the MFCC tape for backward
            SpikeCaches.encode(mfccEncoder, data.query(), b * ms, mfccCache,
                    data.hasItems() ? data.queryItems()[b] : -1, ws.query, 0, ws.mfccTape, ws.cacheScratch,
                    cfg.freezeCnn());
            mfccMemo.put(data, b, ws.mfcc.spikes(), ws.mfcc.sensitivity(), l * t * E);
            imageMemo.put(data, b, ws.images.spikes(), ws.images.sensitivity(), l * t * E);
            queryMemo.put(data, b, ws.query.spikes(), ws.query.sensitivity(), t * E);
        }
        // a recording and its image are presented together: [MFCC spikes | image spikes]
        interleave(ws.mfcc.spikes(), ws.images.spikes(), l * t, ws.writeInput);
        memory.forward(ws.writeInput, 0, l * t, ws.query.spikes(), 0, t, ws.memory);
        SpikeTrain read = ws.memory.reading().values();
        // a forward outside a step (plots, tests) has no batch-level pass: the layers transpose for themselves
        boolean prepared = transposedFor == data;
        ws.decoder.layer(0, DenseLayer.Tape.class).useTransposedWeights(prepared ? decoder1Wt : null);
        ws.decoder.layer(1, DenseLayer.Tape.class).useTransposedWeights(prepared ? decoder2Wt : null);
        decoder.forward(read.spikes(), 0, t, ws.decoder);
        countSpikes(ws.decoder.output(), ws.output);
    }

    /** The reconstruction: every output neuron's spike count over all steps, divided by 15. */
    private static void countSpikes(SpikeTrain spikes, float[] out) {
        Arrays.fill(out, 0f);
        float[] z = spikes.spikes();
        int n = spikes.size();
        for (int t = 0; t < spikes.steps(); t++) {
            for (int i = 0; i < n; i++) {
                out[i] += z[t * n + i];
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] /= OUTPUT_DIVISOR;
        }
    }

    /** Row s of out is [a row s | b row s], rows of 64. */
    private static void interleave(float[] a, float[] b, int rows, float[] out) {
        for (int s = 0; s < rows; s++) {
            System.arraycopy(a, s * E, out, s * 2 * E, E);
            System.arraycopy(b, s * E, out, s * 2 * E + E, E);
        }
    }

    /** The step is over: its weights may change now, so later forwards transpose for themselves. */
    @Override
    public void backwardBatch(CrossModalBatch data, Gradients grads, BatchParallel parallel) {
        transposedFor = null;
    }

    @Override
    public float[] output(Workspace ws) {
        return ws.output;
    }

    @Override
    public void backward(CrossModalBatch data, int b, Workspace ws, float[] gOutput, Gradients grads) {
        final int l = cfg.pairs(), t = cfg.numTimeSteps(), ms = cfg.mfccSize(), rows = l * t;
        SpikeTrain out = ws.decoder.output();
        float[] gOut = out.gradient();
        for (int s = 0; s < t; s++) {
            for (int i = 0; i < PIXELS; i++) {
                gOut[s * PIXELS + i] += gOutput[i] / OUTPUT_DIVISOR;
            }
        }
        SpikeTrain read = ws.memory.reading().values();
        decoder.backward(ws.decoder, grads, read.gradient(), 0, read.sensitivity(), 0);
        Arrays.fill(ws.gWriteInput, 0f);
        interleave(ws.mfcc.sensitivity(), ws.images.sensitivity(), rows, ws.writeMask);
        boolean trainCnn = !cfg.freezeCnn();
        memory.backward(ws.memory, grads, ws.gWriteInput, 0, ws.writeMask, 0,
                trainCnn ? ws.query.gradient() : null, 0, ws.query.sensitivity(), 0);
        if (!trainCnn) {
            return;
        }
        float[] gMfcc = ws.mfcc.gradient();
        float[] gImages = ws.images.gradient();
        for (int s = 0; s < rows; s++) {
            for (int i = 0; i < E; i++) {
                gMfcc[s * E + i] += ws.gWriteInput[s * 2 * E + i];
                gImages[s * E + i] += ws.gWriteInput[s * 2 * E + E + i];
            }
        }
        // the query and the last image first: when this pass ran the CNNs, their records are still on the tapes
        mfccEncoder.backward(data.query(), b * ms, ws.query.gradient(), 0, ws.mfccTape, grads);
        for (int p = l - 1; p >= 0; p--) {
            int item = b * l + p;
            imageEncoder.backward(data.imagePixels(), item * PIXELS, gImages, p * t * E, ws.imageTape, grads);
            mfccEncoder.backward(data.mfcc(), item * ms, gMfcc, p * t * E, ws.mfccTape, grads);
        }
    }
}
