package org.hmem.task.associations;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.hmem.engine.init.Init;
import org.hmem.engine.neuron.IafPscDelta;
import org.hmem.engine.nn.CountClassifier;
import org.hmem.engine.nn.Embedding;
import org.hmem.engine.nn.EncodingLayer;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.HebbianMemory;
import org.hmem.engine.nn.Linear;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.nn.ReadingLayer;
import org.hmem.engine.nn.SpikeCountReadout;
import org.hmem.engine.nn.WritingLayer;
import org.hmem.engine.tensor.FloatOps;
import org.hmem.task.train.ActivityTerm;
import org.hmem.task.train.SupervisedModel;

/**
 * The spiking memorizing-associations network (spec §4.1). Features and labels are embedded, encoded into spike
 * trains (x E current scale, frozen all-ones encoding), presented together to the writing layer; the query's spike
 * train reads the final memory, and the read values of the last 30 steps are counted and mapped to class logits.
 */
public final class AssociationsModel implements SupervisedModel<AssociationsBatch, AssociationsModel.Workspace> {

    private final AssociationsModelConfig cfg;
    private final Linear inputLayer;
    private final Embedding embedding;
    private final EncodingLayer encoding;
    private final HebbianMemory memory;
    private final CountClassifier output;
    private final List<Parameter> params;
    private final List<ActivityTerm<AssociationsBatch, Workspace>> terms;

    public AssociationsModel(AssociationsModelConfig cfg, int checkpointInterval) {
        this.cfg = cfg;
        int e = cfg.embeddingSize(), m = cfg.memorySize(), t = cfg.numTimeSteps();
        IafPscDelta neuron = cfg.neuron().neuron();
        inputLayer = new Linear("input_layer", cfg.featureSize(), e, false);
        embedding = new Embedding("embedding_layer.embedding", cfg.numClasses(), e, -1);
        // each vector enters as a single row broadcast over the (E, E) encoding: current x E (spec §3.1)
        encoding = new EncodingLayer("encoding_layer", e, e, 1, t, false, false, neuron);
        memory = new HebbianMemory("writing_layer", "reading_layer", 2 * e, e, m, cfg.readoutDelay(),
                cfg.hebbian().rule(), cfg.hebbian().tauTrace(), neuron,
                checkpointInterval);
        output = new CountClassifier("output_layer", m, cfg.numClasses(), SpikeCountReadout.CLASSIFIER_WINDOW);
        params = Module.collect(inputLayer, embedding, encoding, memory, output);
        // storage-phase populations span L items, query-phase ones a single item (spec §7.3)
        ActivityTerm.Normaliser<AssociationsBatch> storage = (d, b) -> 1e-3 * d.sequenceLength() * t;
        ActivityTerm.Normaliser<AssociationsBatch> query = (d, b) -> 1e-3 * 1 * t;
        terms = List.of(new ActivityTerm<>("features_encoded", e, ws -> ws.encFeatures.output(), storage),
                new ActivityTerm<>("labels_encoded", e, ws -> ws.encLabels.output(), storage),
                new ActivityTerm<>("query_encoded", e, ws -> ws.encQuery.output(), query),
                new ActivityTerm<>("write_key", m, ws -> ws.memory.writing().keys(), storage),
                new ActivityTerm<>("write_val", m, ws -> ws.memory.writing().values(), storage),
                new ActivityTerm<>("read_key", m, ws -> ws.memory.reading().keys(), query),
                new ActivityTerm<>("read_val", m, ws -> ws.memory.reading().values(), query));
    }

    /** Initialises every parameter as the reference does (spec §4.1), from {@code rng}. */
    public void initialize(SplittableRandom rng) {
        Init.xavierUniform(inputLayer.weight(), Init.SQRT2, rng);
        Init.xavierUniform(embedding.weight(), Init.SQRT2, rng);
        Init.xavierUniform(memory.writing().weight(), Init.SQRT2, rng);
        Init.xavierUniform(memory.reading().weight(), Init.SQRT2, rng);
        Init.linearDefault(output.linear().weight(), cfg.memorySize(), rng);
    }

    public AssociationsModelConfig config() {
        return cfg;
    }

    @Override
    public List<Parameter> parameters() {
        return params;
    }

    @Override
    public int batchSize(AssociationsBatch data) {
        return data.batch();
    }

    @Override
    public int outputSize() {
        return cfg.numClasses();
    }

    @Override
    public List<ActivityTerm<AssociationsBatch, Workspace>> activityTerms() {
        return terms;
    }

    /** Activations and scratch of one sample, owned by one worker. */
    public static final class Workspace {
        final EncodingLayer.Tape encFeatures;
        final EncodingLayer.Tape encLabels;
        final EncodingLayer.Tape encQuery;
        final HebbianMemory.Tape memory;
        final float[] queryEmbedded;
        final float[] gQueryEmbedded;
        final float[] gQuery;
        final CountClassifier.Tape output;
        float[] featuresEmbedded = new float[0];
        float[] labelsEmbedded = new float[0];
        float[] writeInput = new float[0];
        float[] gWriteInput = new float[0];
        float[] writeInputMask = new float[0];
        float[] gFeaturesEmbedded = new float[0];
        float[] gLabelsEmbedded = new float[0];
        float[] gFeatures = new float[0];
        int length;

        Workspace(AssociationsModel model) {
            int e = model.cfg.embeddingSize(), m = model.cfg.memorySize();
            encFeatures = model.encoding.newTape();
            encLabels = model.encoding.newTape();
            encQuery = model.encoding.newTape();
            memory = model.memory.newTape();
            queryEmbedded = new float[e];
            gQueryEmbedded = new float[e];
            gQuery = new float[model.cfg.featureSize()];
            output = model.output.newTape();
        }

        public EncodingLayer.Tape featuresEncoding() {
            return encFeatures;
        }

        public EncodingLayer.Tape labelsEncoding() {
            return encLabels;
        }

        public EncodingLayer.Tape queryEncoding() {
            return encQuery;
        }

        public WritingLayer.Tape writing() {
            return memory.writing();
        }

        public ReadingLayer.Tape reading() {
            return memory.reading();
        }

        /** {@code dL/dfeatures} (L, F) of the last backward. */
        public float[] featuresGradient() {
            return gFeatures;
        }

        /** {@code dL/dquery} (F) of the last backward. */
        public float[] queryGradient() {
            return gQuery;
        }
    }

    @Override
    public Workspace newWorkspace() {
        return new Workspace(this);
    }

    @Override
    public void forward(AssociationsBatch data, int b, Workspace ws) {
        final int l = data.sequenceLength(), f = cfg.featureSize(), e = cfg.embeddingSize();
        final int t = cfg.numTimeSteps(), steps = l * t;
        ws.length = l;
        ws.featuresEmbedded = FloatOps.ensure(ws.featuresEmbedded, l * e);
        ws.labelsEmbedded = FloatOps.ensure(ws.labelsEmbedded, l * e);
        inputLayer.forward(data.features(), b * l * f, l, ws.featuresEmbedded, 0);
        embedding.forward(data.labels(), b * l, l, ws.labelsEmbedded, 0);
        inputLayer.forward(data.query(), b * f, 1, ws.queryEmbedded, 0);
        encoding.forward(ws.featuresEmbedded, 0, l, ws.encFeatures);
        encoding.forward(ws.labelsEmbedded, 0, l, ws.encLabels);
        encoding.forward(ws.queryEmbedded, 0, 1, ws.encQuery);
        // feature and label of a pair are presented together: [feature spikes | label spikes]
        ws.writeInput = FloatOps.ensure(ws.writeInput, steps * 2 * e);
        interleave(ws.encFeatures.spikes(), ws.encLabels.spikes(), steps, e, ws.writeInput);
        memory.forward(ws.writeInput, 0, steps, ws.encQuery.spikes(), 0, t, ws.memory);
        output.forward(ws.memory.reading().values(), ws.output);
    }

    /** Row s of out is [a row s | b row s]. */
    private static void interleave(float[] a, float[] b, int rows, int n, float[] out) {
        for (int s = 0; s < rows; s++) {
            System.arraycopy(a, s * n, out, s * 2 * n, n);
            System.arraycopy(b, s * n, out, s * 2 * n + n, n);
        }
    }

    @Override
    public float[] output(Workspace ws) {
        return ws.output.logits();
    }

    @Override
    public void backward(AssociationsBatch data, int b, Workspace ws, float[] gLogits, Gradients grads) {
        final int l = ws.length, f = cfg.featureSize(), e = cfg.embeddingSize();
        final int steps = l * cfg.numTimeSteps();
        output.backward(gLogits, ws.memory.reading().values(), ws.output, grads);
        // input gradients are only needed where the encoding neuron that produced the input spike is sensitive
        ws.gWriteInput = FloatOps.ensureZeroed(ws.gWriteInput, steps * 2 * e);
        ws.writeInputMask = FloatOps.ensure(ws.writeInputMask, steps * 2 * e);
        interleave(ws.encFeatures.population().surrogate(), ws.encLabels.population().surrogate(), steps, e,
                ws.writeInputMask);
        memory.backward(ws.memory, grads, ws.gWriteInput, 0, ws.writeInputMask, 0, ws.encQuery.output().gradient(), 0,
                ws.encQuery.output().sensitivity(), 0);
        float[] gEncFeatures = ws.encFeatures.output().gradient();
        float[] gEncLabels = ws.encLabels.output().gradient();
        for (int s = 0; s < steps; s++) {
            FloatOps.axpy(e, 1f, ws.gWriteInput, s * 2 * e, gEncFeatures, s * e);
            FloatOps.axpy(e, 1f, ws.gWriteInput, s * 2 * e + e, gEncLabels, s * e);
        }
        ws.gFeaturesEmbedded = FloatOps.ensureZeroed(ws.gFeaturesEmbedded, l * e);
        ws.gLabelsEmbedded = FloatOps.ensureZeroed(ws.gLabelsEmbedded, l * e);
        Arrays.fill(ws.gQueryEmbedded, 0f);
        encoding.backward(ws.encFeatures, grads, ws.gFeaturesEmbedded, 0, null, 0);
        encoding.backward(ws.encLabels, grads, ws.gLabelsEmbedded, 0, null, 0);
        encoding.backward(ws.encQuery, grads, ws.gQueryEmbedded, 0, null, 0);
        ws.gFeatures = FloatOps.ensureZeroed(ws.gFeatures, l * f);
        Arrays.fill(ws.gQuery, 0f);
        inputLayer.backward(ws.gFeaturesEmbedded, 0, data.features(), b * l * f, l, grads, ws.gFeatures, 0);
        inputLayer.backward(ws.gQueryEmbedded, 0, data.query(), b * f, 1, grads, ws.gQuery, 0);
        embedding.backward(data.labels(), b * l, l, ws.gLabelsEmbedded, 0, grads);
    }
}
