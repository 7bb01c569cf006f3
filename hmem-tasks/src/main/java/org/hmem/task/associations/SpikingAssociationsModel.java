package org.hmem.task.associations;

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
import org.hmem.task.train.ActivityTerm;
import org.hmem.task.train.SupervisedModel;

/**
 * The spiking memorizing-associations network (spec §4.1). Features and labels are embedded, encoded into spike
 * trains (x E current scale, frozen all-ones encoding), presented together to the writing layer; the query's spike
 * train is read out with the final memory; logits are a linear map of the read-value spike counts of the last 30
 * steps.
 */
public final class SpikingAssociationsModel implements SupervisedModel<AssociationsBatch,
        SpikingAssociationsModel.Workspace> {

    /** Read-out window: sum of the read-value spikes over the last this-many steps (spec §13.1 item 5). */
    public static final int READOUT_WINDOW = 30;

    private final AssociationsModelConfig cfg;
    private final Linear inputLayer;
    private final Embedding embedding;
    private final EncodingLayer encoding;
    private final WritingLayer writing;
    private final ReadingLayer reading;
    private final Linear output;
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
        writing = new WritingLayer("writing_layer", 2 * e, m,
                new InvertedOjaSoftBound(cfg.wMax(), cfg.gammaPos(), cfg.gammaNeg()), cfg.tauTrace(), neuron,
                checkpointInterval);
        reading = new ReadingLayer("reading_layer", e, m, cfg.readoutDelay(), neuron);
        output = new Linear("output_layer", m, cfg.numClasses(), false);
        params = Module.collect(inputLayer, embedding, encoding, writing, reading, output);
        terms = List.of(new ActivityTerm("features_encoded", e), new ActivityTerm("labels_encoded", e),
                new ActivityTerm("query_encoded", e), new ActivityTerm("write_key", m),
                new ActivityTerm("write_val", m), new ActivityTerm("read_key", m), new ActivityTerm("read_val", m));
    }

    /** Initialises every parameter as the reference does (spec §4.1), from {@code rng}. */
    public void initialize(SplittableRandom rng) {
        Init.xavierUniform(inputLayer.weight(), Init.SQRT2, rng);
        Init.xavierUniform(embedding.weight(), Init.SQRT2, rng);
        Init.xavierUniform(writing.weight(), Init.SQRT2, rng);
        Init.xavierUniform(reading.weight(), Init.SQRT2, rng);
        Init.linearDefault(output.weight(), cfg.memorySize(), rng);
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
        final WritingLayer.Tape write;
        final ReadingLayer.Tape read;
        final float[] queryEmbedded;
        final float[] gQueryEmbedded;
        final float[] readSum;
        final float[] gReadSum;
        final float[] logits;
        final float[] gQuery;
        final float[] gMemory;
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
        float[] gWriteKeys = new float[0];
        float[] gWriteValues = new float[0];
        float[] gReadKeys = new float[0];
        float[] gReadValues = new float[0];
        int length;

        Workspace(SpikingAssociationsModel model) {
            int e = model.cfg.embeddingSize(), m = model.cfg.memorySize();
            encFeatures = model.encoding.newTape();
            encLabels = model.encoding.newTape();
            encQuery = model.encoding.newTape();
            write = model.writing.newTape();
            read = model.reading.newTape();
            queryEmbedded = new float[e];
            gQueryEmbedded = new float[e];
            readSum = new float[m];
            gReadSum = new float[m];
            logits = new float[model.cfg.numClasses()];
            gQuery = new float[model.cfg.featureSize()];
            gMemory = new float[m * m];
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
            return write;
        }

        public ReadingLayer.Tape reading() {
            return read;
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
        final int t = cfg.numTimeSteps(), m = cfg.memorySize();
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
        int steps = l * t;
        ws.writeInput = FloatOps.ensure(ws.writeInput, steps * 2 * e);
        float[] sf = ws.encFeatures.spikes(), sl = ws.encLabels.spikes();
        for (int s = 0; s < steps; s++) {
            System.arraycopy(sf, s * e, ws.writeInput, s * 2 * e, e);
            System.arraycopy(sl, s * e, ws.writeInput, s * 2 * e + e, e);
        }
        writing.forward(ws.writeInput, 0, steps, 0, ws.write);
        reading.forward(ws.encQuery.spikes(), 0, t, ws.write.memory(), 0, ws.read);
        Arrays.fill(ws.readSum, 0f);
        float[] rv = ws.read.values().spikes();
        for (int s = Math.max(0, t - READOUT_WINDOW); s < t; s++) {
            for (int i = 0; i < m; i++) {
                ws.readSum[i] += rv[s * m + i];
            }
        }
        output.forward(ws.readSum, 0, 1, ws.logits, 0);
    }

    @Override
    public float[] logits(Workspace ws) {
        return ws.logits;
    }

    @Override
    public void spikeCounts(Workspace ws, int term, float[] out, int off) {
        switch (term) {
            case 0 -> FloatOps.sumRows(ws.encFeatures.spikes(), ws.encFeatures.steps(), cfg.embeddingSize(), out, off);
            case 1 -> FloatOps.sumRows(ws.encLabels.spikes(), ws.encLabels.steps(), cfg.embeddingSize(), out, off);
            case 2 -> FloatOps.sumRows(ws.encQuery.spikes(), ws.encQuery.steps(), cfg.embeddingSize(), out, off);
            case 3 -> FloatOps.sumRows(ws.write.keys().spikes(), ws.write.steps(), cfg.memorySize(), out, off);
            case 4 -> FloatOps.sumRows(ws.write.values().spikes(), ws.write.steps(), cfg.memorySize(), out, off);
            case 5 -> FloatOps.sumRows(ws.read.keys().spikes(), ws.read.steps(), cfg.memorySize(), out, off);
            case 6 -> FloatOps.sumRows(ws.read.values().spikes(), ws.read.steps(), cfg.memorySize(), out, off);
            default -> throw new IllegalArgumentException("no activity term " + term);
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
        final int t = cfg.numTimeSteps(), m = cfg.memorySize(), steps = l * t;
        float[][] ag = activityGrad != null ? activityGrad : new float[7][];
        ws.gEncFeatures = FloatOps.repeatRow(ag[0], steps, e, ws.gEncFeatures);
        ws.gEncLabels = FloatOps.repeatRow(ag[1], steps, e, ws.gEncLabels);
        ws.gEncQuery = FloatOps.repeatRow(ag[2], t, e, ws.gEncQuery);
        ws.gWriteKeys = FloatOps.repeatRow(ag[3], steps, m, ws.gWriteKeys);
        ws.gWriteValues = FloatOps.repeatRow(ag[4], steps, m, ws.gWriteValues);
        ws.gReadKeys = FloatOps.repeatRow(ag[5], t, m, ws.gReadKeys);
        ws.gReadValues = FloatOps.repeatRow(ag[6], t, m, ws.gReadValues);

        Arrays.fill(ws.gReadSum, 0f);
        output.backward(gLogits, 0, ws.readSum, 0, 1, grads, ws.gReadSum, 0);
        for (int s = Math.max(0, t - READOUT_WINDOW); s < t; s++) {
            for (int i = 0; i < m; i++) {
                ws.gReadValues[s * m + i] += ws.gReadSum[i];
            }
        }
        float[] gMemory = ws.gMemory;
        Arrays.fill(gMemory, 0f);
        // input gradients are only needed where the encoding neuron that produced the input spike is sensitive
        reading.backward(ws.gReadKeys, ws.gReadValues, ws.read, grads, ws.gEncQuery, 0,
                ws.encQuery.population().surrogate(), 0, gMemory, 0);
        ws.gWriteInput = FloatOps.ensure(ws.gWriteInput, steps * 2 * e);
        Arrays.fill(ws.gWriteInput, 0, steps * 2 * e, 0f);
        ws.writeInputMask = FloatOps.ensure(ws.writeInputMask, steps * 2 * e);
        float[] sf = ws.encFeatures.population().surrogate(), sl = ws.encLabels.population().surrogate();
        for (int s = 0; s < steps; s++) {
            System.arraycopy(sf, s * e, ws.writeInputMask, s * 2 * e, e);
            System.arraycopy(sl, s * e, ws.writeInputMask, s * 2 * e + e, e);
        }
        writing.backward(ws.gWriteKeys, ws.gWriteValues, gMemory, ws.write, grads, ws.gWriteInput, 0,
                ws.writeInputMask, 0);
        for (int s = 0; s < steps; s++) {
            int src = s * 2 * e;
            for (int i = 0; i < e; i++) {
                ws.gEncFeatures[s * e + i] += ws.gWriteInput[src + i];
                ws.gEncLabels[s * e + i] += ws.gWriteInput[src + e + i];
            }
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
