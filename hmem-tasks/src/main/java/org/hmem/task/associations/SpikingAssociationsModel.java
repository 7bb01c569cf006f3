package org.hmem.task.associations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.hmem.engine.init.Init;
import org.hmem.engine.neuron.IafPscDelta;
import org.hmem.engine.nn.Embedding;
import org.hmem.engine.nn.EncodingLayer;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Linear;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.nn.ReadingLayer;
import org.hmem.engine.nn.WritingLayer;
import org.hmem.engine.plasticity.InvertedOjaSoftBound;
import org.hmem.engine.surrogate.TriangleSurrogate;
import org.hmem.engine.tensor.FloatOps;
import org.hmem.task.model.HMemCore;
import org.hmem.task.train.ActivityTerm;
import org.hmem.task.train.SupervisedModel;

/**
 * The spiking memorizing-associations network (spec §4.1). Features and labels are embedded, encoded into spike
 * trains (x E current scale, frozen all-ones encoding), presented together to the writing layer; the query's spike
 * train is read out with the final memory ({@link HMemCore}).
 */
public final class SpikingAssociationsModel implements SupervisedModel<AssociationsBatch,
        SpikingAssociationsModel.Workspace> {

    /** Encoder terms of the regulariser come first, then the core's four. */
    private static final int ENCODER_TERMS = 3;

    private final AssociationsModelConfig cfg;
    private final Linear inputLayer;
    private final Embedding embedding;
    private final EncodingLayer encoding;
    private final HMemCore core;
    private final List<Parameter> params;
    private final List<ActivityTerm> terms;

    public SpikingAssociationsModel(AssociationsModelConfig cfg, int checkpointInterval) {
        this.cfg = cfg;
        int e = cfg.embeddingSize(), m = cfg.memorySize();
        IafPscDelta neuron = new IafPscDelta(cfg.thr(), cfg.perfectReset(), cfg.refractorySteps(), cfg.tauMem(),
                new TriangleSurrogate(cfg.dampening()));
        inputLayer = new Linear("input_layer", cfg.featureSize(), e, false);
        embedding = new Embedding("embedding_layer.embedding", cfg.numClasses(), e, -1);
        encoding = new EncodingLayer("encoding_layer", e, e, false, false, neuron);
        core = new HMemCore(2 * e, e, m, cfg.readoutDelay(), cfg.numClasses(),
                new InvertedOjaSoftBound(cfg.wMax(), cfg.gammaPos(), cfg.gammaNeg()), cfg.tauTrace(), neuron,
                checkpointInterval);
        params = Module.collect(inputLayer, embedding, encoding, core);
        List<ActivityTerm> t = new ArrayList<>(List.of(new ActivityTerm("features_encoded", e),
                new ActivityTerm("labels_encoded", e), new ActivityTerm("query_encoded", e)));
        t.addAll(core.activityTerms());
        terms = List.copyOf(t);
    }

    /** Initialises every parameter as the reference does (spec §4.1), from {@code rng}. */
    public void initialize(SplittableRandom rng) {
        Init.xavierUniform(inputLayer.weight(), Init.SQRT2, rng);
        Init.xavierUniform(embedding.weight(), Init.SQRT2, rng);
        core.initialize(rng);
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
    public int numClasses() {
        return cfg.numClasses();
    }

    @Override
    public int target(AssociationsBatch data, int b) {
        return data.answer()[b];
    }

    @Override
    public List<ActivityTerm> activityTerms() {
        return terms;
    }

    /** Activations and scratch of one sample, owned by one worker. */
    public static final class Workspace {
        final EncodingLayer.Tape encFeatures;
        final EncodingLayer.Tape encLabels;
        final EncodingLayer.Tape encQuery;
        final HMemCore.Tape core;
        final float[] queryEmbedded;
        final float[] gQueryEmbedded;
        final float[] gQuery;
        float[] featuresEmbedded = new float[0];
        float[] labelsEmbedded = new float[0];
        float[] writeInput = new float[0];
        float[] gWriteInput = new float[0];
        float[] writeInputMask = new float[0];
        float[] gFeaturesEmbedded = new float[0];
        float[] gLabelsEmbedded = new float[0];
        float[] gFeatures = new float[0];
        float[] gEncFeatures = new float[0];
        float[] gEncLabels = new float[0];
        float[] gEncQuery = new float[0];
        int length;

        Workspace(SpikingAssociationsModel model) {
            int e = model.cfg.embeddingSize();
            encFeatures = model.encoding.newTape();
            encLabels = model.encoding.newTape();
            encQuery = model.encoding.newTape();
            core = model.core.newTape();
            queryEmbedded = new float[e];
            gQueryEmbedded = new float[e];
            gQuery = new float[model.cfg.featureSize()];
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
            return core.writing();
        }

        public ReadingLayer.Tape reading() {
            return core.reading();
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
        // each vector enters the encoder as a single row broadcast over the (E, E) encoding: current x E
        encoding.forward(ws.featuresEmbedded, 0, l, 1, t, 0, ws.encFeatures);
        encoding.forward(ws.labelsEmbedded, 0, l, 1, t, 0, ws.encLabels);
        encoding.forward(ws.queryEmbedded, 0, 1, 1, t, 0, ws.encQuery);
        // feature and label of a pair are presented together: [feature spikes | label spikes]
        ws.writeInput = FloatOps.ensure(ws.writeInput, steps * 2 * e);
        interleave(ws.encFeatures.spikes(), ws.encLabels.spikes(), steps, e, ws.writeInput);
        core.forward(ws.writeInput, steps, 0, ws.encQuery.spikes(), t, ws.core);
    }

    /** Row s of out is [a row s | b row s]. */
    private static void interleave(float[] a, float[] b, int rows, int n, float[] out) {
        for (int s = 0; s < rows; s++) {
            System.arraycopy(a, s * n, out, s * 2 * n, n);
            System.arraycopy(b, s * n, out, s * 2 * n + n, n);
        }
    }

    @Override
    public float[] logits(Workspace ws) {
        return ws.core.logits();
    }

    @Override
    public void spikeCounts(Workspace ws, int term, float[] out, int off) {
        int e = cfg.embeddingSize();
        switch (term) {
            case 0 -> FloatOps.sumRows(ws.encFeatures.spikes(), ws.encFeatures.steps(), e, out, off);
            case 1 -> FloatOps.sumRows(ws.encLabels.spikes(), ws.encLabels.steps(), e, out, off);
            case 2 -> FloatOps.sumRows(ws.encQuery.spikes(), ws.encQuery.steps(), e, out, off);
            default -> core.spikeCounts(ws.core, term - ENCODER_TERMS, out, off);
        }
    }

    @Override
    public double activityWeight(AssociationsBatch data, int b, int term) {
        // storage-phase populations span L items, query-phase ones a single item (spec §7.3)
        int items = (term == 0 || term == 1 || term == 3 || term == 4) ? data.sequenceLength() : 1;
        return 1e-3 * items * cfg.numTimeSteps();
    }

    @Override
    public void backward(AssociationsBatch data, int b, Workspace ws, float[] gLogits, float[][] activityGrad,
                         Gradients grads) {
        final int l = ws.length, f = cfg.featureSize(), e = cfg.embeddingSize();
        final int t = cfg.numTimeSteps(), steps = l * t;
        float[][] ag = activityGrad != null ? activityGrad : new float[ENCODER_TERMS][];
        ws.gEncFeatures = FloatOps.repeatRow(ag[0], steps, e, ws.gEncFeatures);
        ws.gEncLabels = FloatOps.repeatRow(ag[1], steps, e, ws.gEncLabels);
        ws.gEncQuery = FloatOps.repeatRow(ag[2], t, e, ws.gEncQuery);
        // input gradients are only needed where the encoding neuron that produced the input spike is sensitive
        ws.gWriteInput = FloatOps.ensureZeroed(ws.gWriteInput, steps * 2 * e);
        ws.writeInputMask = FloatOps.ensure(ws.writeInputMask, steps * 2 * e);
        interleave(ws.encFeatures.population().surrogate(), ws.encLabels.population().surrogate(), steps, e,
                ws.writeInputMask);
        core.backward(gLogits, activityGrad, ENCODER_TERMS, ws.core, grads, ws.gWriteInput, ws.writeInputMask,
                ws.gEncQuery, ws.encQuery.population().surrogate());
        for (int s = 0; s < steps; s++) {
            FloatOps.axpy(e, 1f, ws.gWriteInput, s * 2 * e, ws.gEncFeatures, s * e);
            FloatOps.axpy(e, 1f, ws.gWriteInput, s * 2 * e + e, ws.gEncLabels, s * e);
        }
        ws.gFeaturesEmbedded = FloatOps.ensureZeroed(ws.gFeaturesEmbedded, l * e);
        ws.gLabelsEmbedded = FloatOps.ensureZeroed(ws.gLabelsEmbedded, l * e);
        Arrays.fill(ws.gQueryEmbedded, 0f);
        encoding.backward(ws.gEncFeatures, 0, ws.encFeatures, grads, ws.gFeaturesEmbedded, 0);
        encoding.backward(ws.gEncLabels, 0, ws.encLabels, grads, ws.gLabelsEmbedded, 0);
        encoding.backward(ws.gEncQuery, 0, ws.encQuery, grads, ws.gQueryEmbedded, 0);
        ws.gFeatures = FloatOps.ensureZeroed(ws.gFeatures, l * f);
        Arrays.fill(ws.gQuery, 0f);
        inputLayer.backward(ws.gFeaturesEmbedded, 0, data.features(), b * l * f, l, grads, ws.gFeatures, 0);
        inputLayer.backward(ws.gQueryEmbedded, 0, data.query(), b * f, 1, grads, ws.gQuery, 0);
        embedding.backward(data.labels(), b * l, l, ws.gLabelsEmbedded, 0, grads);
    }
}
