package org.hmem.task.associations;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.hmem.engine.init.Init;
import org.hmem.engine.nn.Embedding;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Linear;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.nn.ReadingLayerRelu;
import org.hmem.engine.nn.WritingLayerRelu;
import org.hmem.engine.tensor.FloatOps;
import org.hmem.task.train.SupervisedModel;

/**
 * The non-spiking baseline of the memorizing-associations task (spec §4.2): ReLU embeddings, one Hebbian write per
 * (feature, label) item, one linear read of the query. Batch-1 inference keeps its batch axis (the reference's
 * squeeze would drop it, spec §13.1 item 14).
 */
public final class AssociationsModelRelu
        implements SupervisedModel<AssociationsBatch, AssociationsModelRelu.Workspace> {

    private final AssociationsModelConfig cfg;
    private final Linear inputLayer;
    private final Embedding embedding;
    private final WritingLayerRelu writing;
    private final ReadingLayerRelu reading;
    private final Linear output;
    private final List<Parameter> params;

    public AssociationsModelRelu(AssociationsModelConfig cfg) {
        this.cfg = cfg;
        int e = cfg.embeddingSize(), m = cfg.memorySize();
        inputLayer = new Linear("input_layer", cfg.featureSize(), e, false);
        embedding = new Embedding("embedding_layer.embedding", cfg.numClasses(), e, -1);
        writing = new WritingLayerRelu("writing_layer", 2 * e, m,
                cfg.hebbian().rule(), 0);
        reading = new ReadingLayerRelu("reading_layer", e, m);
        output = new Linear("output_layer", m, cfg.numClasses(), false);
        params = Module.collect(inputLayer, embedding, writing, reading, output);
    }

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

    /** Activations of one sample. */
    public static final class Workspace {
        final WritingLayerRelu.Tape write;
        final ReadingLayerRelu.Tape read;
        final float[] queryEncoded;
        final float[] gQueryEncoded;
        final float[] gQuery;
        final float[] logits;
        final float[] gValues;
        final float[] gMemory;
        float[] featuresEncoded = new float[0];
        float[] labelsEncoded = new float[0];
        float[] writeInput = new float[0];
        float[] gWriteInput = new float[0];
        float[] gFeatures = new float[0];
        float[] gEncoded = new float[0];
        int length;

        Workspace(AssociationsModelRelu model) {
            int e = model.cfg.embeddingSize(), m = model.cfg.memorySize();
            write = model.writing.newTape();
            read = model.reading.newTape();
            queryEncoded = new float[e];
            gQueryEncoded = new float[e];
            gQuery = new float[model.cfg.featureSize()];
            logits = new float[model.cfg.numClasses()];
            gValues = new float[m];
            gMemory = new float[m * m];
        }

        public float[] featuresEncoded() {
            return featuresEncoded;
        }

        public float[] labelsEncoded() {
            return labelsEncoded;
        }

        public float[] queryEncoded() {
            return queryEncoded;
        }

        public WritingLayerRelu.Tape writing() {
            return write;
        }

        public ReadingLayerRelu.Tape reading() {
            return read;
        }

        public float[] featuresGradient() {
            return gFeatures;
        }

        public float[] queryGradient() {
            return gQuery;
        }
    }

    @Override
    public Workspace newWorkspace() {
        return new Workspace(this);
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
    public void forward(AssociationsBatch data, int b, Workspace ws) {
        final int l = data.sequenceLength(), f = cfg.featureSize(), e = cfg.embeddingSize();
        ws.length = l;
        ws.featuresEncoded = FloatOps.ensure(ws.featuresEncoded, l * e);
        ws.labelsEncoded = FloatOps.ensure(ws.labelsEncoded, l * e);
        inputLayer.forward(data.features(), b * l * f, l, ws.featuresEncoded, 0);
        embedding.forward(data.labels(), b * l, l, ws.labelsEncoded, 0);
        inputLayer.forward(data.query(), b * f, 1, ws.queryEncoded, 0);
        relu(ws.featuresEncoded, l * e);
        relu(ws.labelsEncoded, l * e);
        relu(ws.queryEncoded, e);
        ws.writeInput = FloatOps.ensure(ws.writeInput, l * 2 * e);
        for (int s = 0; s < l; s++) {
            System.arraycopy(ws.featuresEncoded, s * e, ws.writeInput, s * 2 * e, e);
            System.arraycopy(ws.labelsEncoded, s * e, ws.writeInput, s * 2 * e + e, e);
        }
        writing.forward(ws.writeInput, 0, l, ws.write);
        reading.forward(ws.queryEncoded, 0, 1, ws.write.memory(), 0, ws.read);
        output.forward(ws.read.values(), 0, 1, ws.logits, 0);
    }

    private static void relu(float[] a, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = a[i] > 0f ? a[i] : 0f;
        }
    }

    @Override
    public float[] output(Workspace ws) {
        return ws.logits;
    }

    @Override
    public void backward(AssociationsBatch data, int b, Workspace ws, float[] gLogits, Gradients grads) {
        final int l = ws.length, f = cfg.featureSize(), e = cfg.embeddingSize();
        Arrays.fill(ws.gValues, 0f);
        output.backward(gLogits, 0, ws.read.values(), 0, 1, grads, ws.gValues, 0);
        Arrays.fill(ws.gMemory, 0f);
        Arrays.fill(ws.gQueryEncoded, 0f);
        reading.backward(null, ws.gValues, ws.read, grads, ws.gQueryEncoded, 0, ws.gMemory, 0);
        ws.gWriteInput = FloatOps.ensure(ws.gWriteInput, l * 2 * e);
        Arrays.fill(ws.gWriteInput, 0, l * 2 * e, 0f);
        writing.backward(null, null, ws.gMemory, ws.write, grads, ws.gWriteInput, 0);
        // back through the ReLUs of the encodings: features and labels halves of the write input
        ws.gEncoded = FloatOps.ensure(ws.gEncoded, 2 * l * e);
        for (int s = 0; s < l; s++) {
            for (int i = 0; i < e; i++) {
                float gf = ws.gWriteInput[s * 2 * e + i];
                float gl = ws.gWriteInput[s * 2 * e + e + i];
                ws.gEncoded[s * e + i] = ws.featuresEncoded[s * e + i] > 0f ? gf : 0f;
                ws.gEncoded[l * e + s * e + i] = ws.labelsEncoded[s * e + i] > 0f ? gl : 0f;
            }
        }
        for (int i = 0; i < e; i++) {
            ws.gQueryEncoded[i] = ws.queryEncoded[i] > 0f ? ws.gQueryEncoded[i] : 0f;
        }
        ws.gFeatures = FloatOps.ensure(ws.gFeatures, l * f);
        Arrays.fill(ws.gFeatures, 0, l * f, 0f);
        Arrays.fill(ws.gQuery, 0f);
        inputLayer.backward(ws.gEncoded, 0, data.features(), b * l * f, l, grads, ws.gFeatures, 0);
        inputLayer.backward(ws.gQueryEncoded, 0, data.query(), b * f, 1, grads, ws.gQuery, 0);
        embedding.backward(data.labels(), b * l, l, ws.gEncoded, l * e, grads);
    }
}
