package org.hmem.task.omniglot;

import java.util.ArrayList;
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
import org.hmem.engine.nn.CountClassifier;
import org.hmem.engine.nn.Embedding;
import org.hmem.engine.nn.EncodingLayer;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.HebbianMemory;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.nn.ReadingLayer;
import org.hmem.engine.nn.SpikeCountReadout;
import org.hmem.engine.nn.WritingLayer;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.engine.tensor.FloatOps;
import org.hmem.task.omniglot.data.OmniglotSplit;
import org.hmem.task.model.SampleSpikeMemo;
import org.hmem.task.model.SpikeCache;
import org.hmem.task.model.SpikeCaches;
import org.hmem.task.train.ActivityTerm;
import org.hmem.task.train.SupervisedModel;

/**
 * The spiking Omniglot one-shot network (spec §4.3). Each support image and the query are encoded into spikes (LIF,
 * current = pixel) and passed through the spiking CNN converted from a prototypical network, each from a zero state;
 * the N labels 0..N-1 are embedded and encoded; the writing layer stores [image spikes | label spikes] of the N
 * support items; the query's CNN spikes read the memory, and the read values of the last 30 steps are counted and
 * mapped to N logits.
 *
 * <p>With a frozen CNN the image spikes can come from a {@link SpikeCache} (enable with {@link #useSpikeCache}).
 */
public final class OmniglotModel implements SupervisedModel<OmniglotBatch, OmniglotModel.Workspace> {

    private static final int E = OmniglotModelConfig.EMBEDDING;

    private final OmniglotModelConfig cfg;
    private final SpikingImageEncoder images;
    private final Embedding labels;
    private final EncodingLayer labelEncoding;
    private final HebbianMemory memory;
    private final CountClassifier output;
    private final List<Parameter> params;
    private final List<ActivityTerm<OmniglotBatch, Workspace>> terms;
    private SpikeCaches<OmniglotSplit> caches;
    private final SampleSpikeMemo supportMemo;
    private final SampleSpikeMemo queryMemo;

    public OmniglotModel(OmniglotModelConfig cfg, int checkpointInterval) {
        this.cfg = cfg;
        int n = cfg.ways(), m = cfg.memorySize(), t = cfg.numTimeSteps();
        IafPscDelta neuron = cfg.neuron().neuron();
        int pixels = OmniglotModelConfig.SIDE * OmniglotModelConfig.SIDE;
        // P = 1: the current of each pixel's neuron is the pixel value (spec §4.3)
        EncodingLayer imageEncoding = new EncodingLayer("image_encoding_layer", 1, pixels, 1, t, false, false, neuron);
        SpikingProtoNet cnn = new SpikingProtoNet("images_embedding_layer", OmniglotModelConfig.SIDE,
                OmniglotModelConfig.SIDE, t, neuron, cfg.useBias(), cfg.neuron().thr(),
                cfg.neuron().refractorySteps());
        images = new SpikingImageEncoder(imageEncoding, cnn);
        if (cfg.freezeCnn()) {
            for (Parameter p : cnn.parameters()) {
                p.freeze();
            }
        }
        labels = new Embedding("labels_embedding_layer.embedding", n, E, -1);
        labelEncoding = new EncodingLayer("encoding_layer", 1, E, 1, t, false, false, neuron);
        memory = new HebbianMemory("writing_layer", "reading_layer", 2 * E, E, m, cfg.readoutDelay(),
                cfg.hebbian().rule(), cfg.hebbian().tauTrace(), neuron, checkpointInterval);
        output = new CountClassifier("output_layer", m, n, SpikeCountReadout.CLASSIFIER_WINDOW);
        params = Module.collect(imageEncoding, labelEncoding, cnn, labels, memory, output);
        // storage-phase populations span N images, query-phase ones one (spec §7.3)
        ActivityTerm.Normaliser<OmniglotBatch> storage = (d, b) -> 1e-3 * t * n;
        ActivityTerm.Normaliser<OmniglotBatch> query = (d, b) -> 1e-3 * t;
        List<ActivityTerm<OmniglotBatch, Workspace>> list = new ArrayList<>();
        if (!cfg.freezeCnn()) {
            list.add(new ActivityTerm<>("images_embedded", E, ws -> ws.support, storage));
            list.add(new ActivityTerm<>("query_embedded", E, ws -> ws.query, query));
        }
        list.add(new ActivityTerm<>("labels_encoded", E, ws -> ws.encLabels.output(), storage));
        list.add(new ActivityTerm<>("write_key", m, ws -> ws.memory.writing().keys(), storage));
        list.add(new ActivityTerm<>("write_val", m, ws -> ws.memory.writing().values(), storage));
        list.add(new ActivityTerm<>("read_key", m, ws -> ws.memory.reading().keys(), query));
        list.add(new ActivityTerm<>("read_val", m, ws -> ws.memory.reading().values(), query));
        terms = List.copyOf(list);
        supportMemo = new SampleSpikeMemo(n * t * E);
        queryMemo = new SampleSpikeMemo(t * E);
    }

    /**
     * Initialises every parameter as the reference does (spec §3.3, §4.3): xavier (gain sqrt 2) for the CNN, the
     * label embedding and the memory weights, PyTorch defaults for conv biases and the output layer. Pretrained
     * CNN weights are loaded afterwards by the task.
     */
    public void initialize(SplittableRandom rng) {
        for (SpikingConv2d conv : cnn().convolutions()) {
            Init.xavierUniform(conv.weight(), Init.SQRT2, rng);
            if (conv.bias() != null) {
                Init.uniform(conv.bias(), 1.0 / Math.sqrt(conv.weight().size() / (double) conv.outChannels()), rng);
            }
        }
        Init.xavierUniform(labels.weight(), Init.SQRT2, rng);
        Init.xavierUniform(memory.writing().weight(), Init.SQRT2, rng);
        Init.xavierUniform(memory.reading().weight(), Init.SQRT2, rng);
        Init.linearDefault(output.linear().weight(), cfg.memorySize(), rng);
    }

    public OmniglotModelConfig config() {
        return cfg;
    }

    public SpikingProtoNet cnn() {
        return images.cnn();
    }

    public SpikingImageEncoder imageEncoder() {
        return images;
    }

    /**
     * Serves the frozen CNN's spikes from caches (one per split, made by {@code factory} on first use) instead of
     * recomputing them. Only for a frozen CNN, whose output does not change.
     */
    public void useSpikeCache(Function<OmniglotSplit, SpikeCache> factory) {
        if (!cfg.freezeCnn()) {
            throw new IllegalStateException("the spike cache needs a frozen CNN");
        }
        this.caches = new SpikeCaches<>(factory, split -> split.name().id());
    }

    /** Bits of one image's cached spikes. */
    public int spikeBitsPerImage() {
        return cfg.numTimeSteps() * E;
    }

    /** The cache of {@code split}, or null without caching. */
    public SpikeCache cache(OmniglotSplit split) {
        return caches == null ? null : caches.of(split);
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
    public int batchSize(OmniglotBatch data) {
        return data.size();
    }

    @Override
    public int outputSize() {
        return cfg.ways();
    }

    @Override
    public List<ActivityTerm<OmniglotBatch, Workspace>> activityTerms() {
        return terms;
    }

    /** Activations and scratch of one sample, owned by one worker. */
    public static final class Workspace {
        final SpikingImageEncoder.Tape imageTape;
        final SpikeBuffer support;
        final SpikeBuffer query;
        final float[] pixels;
        final int[] labelIds;
        final float[] labelsEmbedded;
        final float[] gLabelsEmbedded;
        final EncodingLayer.Tape encLabels;
        final HebbianMemory.Tape memory;
        final CountClassifier.Tape output;
        final float[] writeInput;
        final float[] writeMask;
        final float[] gWriteInput;
        final long[] cacheScratch;

        Workspace(OmniglotModel model) {
            int n = model.cfg.ways(), t = model.cfg.numTimeSteps();
            imageTape = model.images.newTape();
            support = new SpikeBuffer(E, true);
            query = new SpikeBuffer(E, true);
            pixels = new float[(n + 1) * model.images.imageSize()];
            labelIds = new int[n];
            for (int k = 0; k < n; k++) {
                labelIds[k] = k;
            }
            labelsEmbedded = new float[n * E];
            gLabelsEmbedded = new float[n * E];
            encLabels = model.labelEncoding.newTape();
            memory = model.memory.newTape();
            output = model.output.newTape();
            writeInput = new float[n * t * 2 * E];
            writeMask = new float[writeInput.length];
            gWriteInput = new float[writeInput.length];
            cacheScratch = new long[(model.spikeBitsPerImage() + 63) / 64];
        }

        /** CNN output spikes of the N support images, one after the other (N T, 64). */
        public SpikeTrain supportSpikes() {
            return support;
        }

        /** CNN output spikes of the query (T, 64). */
        public SpikeTrain querySpikes() {
            return query;
        }

        public EncodingLayer.Tape labelsEncoding() {
            return encLabels;
        }

        public WritingLayer.Tape writing() {
            return memory.writing();
        }

        public ReadingLayer.Tape reading() {
            return memory.reading();
        }

        /** Pixels of the support images and the query of the last forward, (N + 1) x 784. */
        public float[] pixels() {
            return pixels;
        }

        public float[] logits() {
            return output.logits();
        }
    }

    @Override
    public Workspace newWorkspace() {
        return new Workspace(this);
    }

    /** Starts the memo of the batch's CNN outputs, which the regulariser's second forward pass reads. */
    @Override
    public void forwardBatch(OmniglotBatch data, boolean training, BatchParallel parallel) {
        if (caches == null) {
            supportMemo.reset(data, data.size());
            queryMemo.reset(data, data.size());
        }
    }

    @Override
    public void forward(OmniglotBatch data, int b, Workspace ws) {
        final int n = cfg.ways(), t = cfg.numTimeSteps();
        ws.support.begin(n * t);
        ws.query.begin(t);
        if (supportMemo.has(data, b) && queryMemo.has(data, b)) {
            supportMemo.get(b, ws.support.spikes(), ws.support.sensitivity(), n * t * E);
            queryMemo.get(b, ws.query.spikes(), ws.query.sensitivity(), t * E);
            for (int k = 0; k < n; k++) {
                data.split().pixels(data.episodes().supportItem(b, k), ws.pixels, k * images.imageSize());
            }
            data.split().pixels(data.episodes().query()[b], ws.pixels, n * images.imageSize());
        } else {
            SpikeCache cache = cache(data.split());
            for (int k = 0; k < n; k++) {
                imageSpikes(data.split(), data.episodes().supportItem(b, k), k, cache, ws.support, k * t * E, ws);
            }
            imageSpikes(data.split(), data.episodes().query()[b], n, cache, ws.query, 0, ws);
            supportMemo.put(data, b, ws.support.spikes(), ws.support.sensitivity(), n * t * E);
            queryMemo.put(data, b, ws.query.spikes(), ws.query.sensitivity(), t * E);
        }
        labels.forward(ws.labelIds, 0, n, ws.labelsEmbedded, 0);
        labelEncoding.forward(ws.labelsEmbedded, 0, n, ws.encLabels);
        // an image and its label are presented together: [image spikes | label spikes]
        interleave(ws.support.spikes(), ws.encLabels.spikes(), n * t, ws.writeInput);
        memory.forward(ws.writeInput, 0, n * t, ws.query.spikes(), 0, t, ws.memory);
        output.forward(ws.memory.reading().values(), ws.output);
    }

    /** The CNN spikes of {@code item} (image slot {@code slot} of the sample) into {@code out} at {@code off}. */
    private void imageSpikes(OmniglotSplit split, int item, int slot, SpikeCache cache, SpikeBuffer out, int off,
                             Workspace ws) {
        split.pixels(item, ws.pixels, slot * images.imageSize());
        SpikeCaches.encode(images, ws.pixels, slot * images.imageSize(), cache, item, out, off, ws.imageTape,
                ws.cacheScratch, cfg.freezeCnn());
    }

    /** Row s of out is [a row s | b row s], rows of 64. */
    private static void interleave(float[] a, float[] b, int rows, float[] out) {
        for (int s = 0; s < rows; s++) {
            System.arraycopy(a, s * E, out, s * 2 * E, E);
            System.arraycopy(b, s * E, out, s * 2 * E + E, E);
        }
    }

    @Override
    public float[] output(Workspace ws) {
        return ws.output.logits();
    }

    @Override
    public void backward(OmniglotBatch data, int b, Workspace ws, float[] gLogits, Gradients grads) {
        final int n = cfg.ways(), t = cfg.numTimeSteps(), steps = n * t;
        output.backward(gLogits, ws.memory.reading().values(), ws.output, grads);
        java.util.Arrays.fill(ws.gWriteInput, 0f);
        interleave(ws.support.sensitivity(), ws.encLabels.population().surrogate(), steps, ws.writeMask);
        boolean trainCnn = !cfg.freezeCnn();
        memory.backward(ws.memory, grads, ws.gWriteInput, 0, ws.writeMask, 0,
                trainCnn ? ws.query.gradient() : null, 0, ws.query.sensitivity(), 0);
        float[] gSupport = ws.support.gradient();
        float[] gLabels = ws.encLabels.output().gradient();
        for (int s = 0; s < steps; s++) {
            FloatOps.axpy(E, 1f, ws.gWriteInput, s * 2 * E, gSupport, s * E);
            FloatOps.axpy(E, 1f, ws.gWriteInput, s * 2 * E + E, gLabels, s * E);
        }
        java.util.Arrays.fill(ws.gLabelsEmbedded, 0f);
        labelEncoding.backward(ws.encLabels, grads, ws.gLabelsEmbedded, 0, null, 0);
        labels.backward(ws.labelIds, 0, n, ws.gLabelsEmbedded, 0, grads);
        if (trainCnn) {
            int pixels = images.imageSize();
            // the query first: when this pass ran the CNN (no memo, no cache), the query ran last and its record is
            // still on the tape, so it needs no recomputation
            images.backward(ws.pixels, n * pixels, ws.query.gradient(), 0, ws.imageTape, grads);
            for (int k = 0; k < n; k++) {
                images.backward(ws.pixels, k * pixels, gSupport, k * t * E, ws.imageTape, grads);
            }
        }
    }
}
