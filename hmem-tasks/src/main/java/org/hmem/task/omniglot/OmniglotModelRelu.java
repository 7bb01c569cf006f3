package org.hmem.task.omniglot;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.hmem.engine.conv.ProtoNet;
import org.hmem.engine.conv.SampleRunner;
import org.hmem.engine.init.Init;
import org.hmem.engine.nn.Embedding;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Linear;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.nn.ReadingLayerRelu;
import org.hmem.engine.nn.WritingLayerRelu;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.engine.tensor.FloatOps;
import org.hmem.task.train.SupervisedModel;

/**
 * The non-spiking Omniglot baseline (spec §4.4): an ANN prototypical network embeds each support image and the query
 * (64 values each), labels are embedded, ReLU on all three; a ReLU writing layer stores the N items
 * [image | label], a ReLU reading layer reads with the query, and a linear layer maps the read values to N logits.
 *
 * <p>The CNN runs once per batch and image slot ({@link #forwardBatch}): as in the reference it is applied to the
 * batch's k-th support images together, so its batch norm (when present) normalises over the batch. Its backward
 * ({@link #backwardBatch}) goes over the slots in reverse order with the samples' embedding gradients. Each slot
 * keeps its CNN record on its own tape; the tapes share their largest part ({@link ProtoNet#newTapes}), about 200 MB
 * for the six slots of a batch of 256 episodes.
 */
public final class OmniglotModelRelu implements SupervisedModel<OmniglotBatch, OmniglotModelRelu.Workspace> {

    private static final int E = OmniglotModelConfig.EMBEDDING;
    private static final int SIDE = OmniglotModelConfig.SIDE;
    private static final int PIXELS = SIDE * SIDE;

    private final OmniglotModelConfig cfg;
    private final ProtoNet cnn;
    private final Embedding labels;
    private final WritingLayerRelu writing;
    private final ReadingLayerRelu reading;
    private final Linear output;
    private final List<Parameter> params;
    /** Per image slot (N support positions, then the query): the CNN record. */
    private final ProtoNet.Tape[] tapes;
    /** Per image slot (N support positions, then the query): the batch's embeddings and their gradients. */
    private float[][] embedded = new float[0][];
    private float[][] gEmbedded = new float[0][];
    /** Per image slot, the batch's images, kept until backward. */
    private float[][] images = new float[0][];

    /** @param batchNorm whether the CNN has batch norm (the reference's default; not with the shipped weights) */
    public OmniglotModelRelu(OmniglotModelConfig cfg, boolean batchNorm) {
        this.cfg = cfg;
        int n = cfg.ways(), m = cfg.memorySize();
        cnn = new ProtoNet("images_embedding_layer", 1, E, batchNorm, !cfg.freezeCnn());
        labels = new Embedding("labels_embedding_layer.embedding", n, E, -1);
        writing = new WritingLayerRelu("writing_layer", 2 * E, m, cfg.hebbian().rule(), 0);
        reading = new ReadingLayerRelu("reading_layer", E, m);
        output = new Linear("output_layer", m, n, false);
        params = Module.collect(cnn, labels, writing, reading, output);
        tapes = cnn.newTapes(cfg.ways() + 1);
    }

    /** The reference's initialisation (xavier gain sqrt 2, PyTorch default for the output layer). */
    public void initialize(SplittableRandom rng) {
        for (int i = 0; i < ProtoNet.BLOCKS; i++) {
            Init.xavierUniform(cnn.conv(i).weight(), Init.SQRT2, rng);
        }
        Init.xavierUniform(labels.weight(), Init.SQRT2, rng);
        Init.xavierUniform(writing.weight(), Init.SQRT2, rng);
        Init.xavierUniform(reading.weight(), Init.SQRT2, rng);
        Init.linearDefault(output.weight(), cfg.memorySize(), rng);
    }

    /**
     * Loads a pretrained prototypical network's state dict (keys {@code encoder.<i>...}, without this model's prefix)
     * into the CNN; strict, so batch norm must match ({@link #hasBatchNorm}).
     */
    public void loadPretrained(java.util.Map<String, org.hmem.engine.tensor.Tensor> stateDict) {
        java.util.Map<String, org.hmem.engine.tensor.Tensor> prefixed = new java.util.LinkedHashMap<>();
        stateDict.forEach((k, t) -> prefixed.put("images_embedding_layer." + (k.startsWith("module.")
                ? k.substring(7) : k), t));
        cnn.loadStateDict(prefixed);
    }

    /** Whether a prototypical network's state dict has batch-norm tensors. */
    public static boolean hasBatchNorm(java.util.Map<String, org.hmem.engine.tensor.Tensor> stateDict) {
        return stateDict.keySet().stream().anyMatch(k -> k.endsWith("running_mean"));
    }

    public OmniglotModelConfig config() {
        return cfg;
    }

    public ProtoNet cnn() {
        return cnn;
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

    /** Activations of one sample. */
    public static final class Workspace {
        final WritingLayerRelu.Tape write;
        final ReadingLayerRelu.Tape read;
        final float[] imagesEncoded;
        final float[] labelsEncoded;
        final float[] queryEncoded;
        final float[] writeInput;
        final float[] gWriteInput;
        final float[] gQueryEncoded;
        final float[] gLabelsEncoded;
        final float[] logits;
        final float[] gValues;
        final float[] gMemory;
        final int[] labelIds;
        final float[] pixels;

        Workspace(OmniglotModelRelu model) {
            int n = model.cfg.ways(), m = model.cfg.memorySize();
            write = model.writing.newTape();
            read = model.reading.newTape();
            imagesEncoded = new float[n * E];
            labelsEncoded = new float[n * E];
            queryEncoded = new float[E];
            writeInput = new float[n * 2 * E];
            gWriteInput = new float[n * 2 * E];
            gQueryEncoded = new float[E];
            gLabelsEncoded = new float[n * E];
            logits = new float[n];
            gValues = new float[m];
            gMemory = new float[m * m];
            labelIds = new int[n];
            for (int k = 0; k < n; k++) {
                labelIds[k] = k;
            }
            pixels = new float[(n + 1) * PIXELS];
        }

        /** The N support embeddings after the ReLU, (N, 64). */
        public float[] imagesEncoded() {
            return imagesEncoded;
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

        public float[] logits() {
            return logits;
        }

        /** The pixels of the support images and the query of the last forward, (N + 1) x 784. */
        public float[] pixels() {
            return pixels;
        }
    }

    @Override
    public Workspace newWorkspace() {
        return new Workspace(this);
    }

    @Override
    public void forwardBatch(OmniglotBatch data, boolean training, BatchParallel parallel) {
        int slots = cfg.ways() + 1, batch = data.size();
        if (embedded.length != slots || embedded[0].length < batch * E) {
            embedded = new float[slots][batch * E];
            gEmbedded = new float[slots][batch * E];
        }
        if (images.length != slots) {
            images = new float[slots][0];
        }
        SampleRunner runner = parallel == null ? SampleRunner.SERIAL : SampleRunner.of(parallel);
        for (int k = 0; k < slots; k++) {
            float[] out = cnn.forward(slotImages(data, k), batch, SIDE, SIDE, training, tapes[k], runner);
            System.arraycopy(out, 0, embedded[k], 0, batch * E);
            Arrays.fill(gEmbedded[k], 0f);
        }
    }

    /** The batch's images of slot k (support position k, or the query for k = N), (B, 1, 28, 28). */
    private float[] slotImages(OmniglotBatch data, int k) {
        int n = cfg.ways();
        float[] slot = images[k] = FloatOps.ensure(images[k], data.size() * PIXELS);
        for (int b = 0; b < data.size(); b++) {
            int item = k < n ? data.episodes().supportItem(b, k) : data.episodes().query()[b];
            data.split().pixels(item, slot, b * PIXELS);
        }
        return slot;
    }

    @Override
    public void forward(OmniglotBatch data, int b, Workspace ws) {
        int n = cfg.ways();
        for (int k = 0; k < n; k++) {
            relu(embedded[k], b * E, ws.imagesEncoded, k * E);
            data.split().pixels(data.episodes().supportItem(b, k), ws.pixels, k * PIXELS);
        }
        relu(embedded[n], b * E, ws.queryEncoded, 0);
        data.split().pixels(data.episodes().query()[b], ws.pixels, n * PIXELS);
        labels.forward(ws.labelIds, 0, n, ws.labelsEncoded, 0);
        relu(ws.labelsEncoded, 0, ws.labelsEncoded, 0, n * E);
        for (int k = 0; k < n; k++) {
            System.arraycopy(ws.imagesEncoded, k * E, ws.writeInput, k * 2 * E, E);
            System.arraycopy(ws.labelsEncoded, k * E, ws.writeInput, k * 2 * E + E, E);
        }
        writing.forward(ws.writeInput, 0, n, ws.write);
        reading.forward(ws.queryEncoded, 0, 1, ws.write.memory(), 0, ws.read);
        output.forward(ws.read.values(), 0, 1, ws.logits, 0);
    }

    private static void relu(float[] x, int xOff, float[] y, int yOff) {
        relu(x, xOff, y, yOff, E);
    }

    private static void relu(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            y[yOff + i] = v > 0f ? v : 0f;
        }
    }

    @Override
    public float[] output(Workspace ws) {
        return ws.logits;
    }

    @Override
    public void backward(OmniglotBatch data, int b, Workspace ws, float[] gLogits, Gradients grads) {
        int n = cfg.ways();
        Arrays.fill(ws.gValues, 0f);
        output.backward(gLogits, 0, ws.read.values(), 0, 1, grads, ws.gValues, 0);
        Arrays.fill(ws.gMemory, 0f);
        Arrays.fill(ws.gQueryEncoded, 0f);
        reading.backward(null, ws.gValues, ws.read, grads, ws.gQueryEncoded, 0, ws.gMemory, 0);
        Arrays.fill(ws.gWriteInput, 0f);
        writing.backward(null, null, ws.gMemory, ws.write, grads, ws.gWriteInput, 0);
        // back through the ReLUs: label half to the embedding, image half and query to the batch's CNN gradients
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < E; i++) {
                float gi = ws.gWriteInput[k * 2 * E + i];
                float gl = ws.gWriteInput[k * 2 * E + E + i];
                gEmbedded[k][b * E + i] = ws.imagesEncoded[k * E + i] > 0f ? gi : 0f;
                ws.gLabelsEncoded[k * E + i] = ws.labelsEncoded[k * E + i] > 0f ? gl : 0f;
            }
        }
        for (int i = 0; i < E; i++) {
            gEmbedded[n][b * E + i] = ws.queryEncoded[i] > 0f ? ws.gQueryEncoded[i] : 0f;
        }
        labels.backward(ws.labelIds, 0, n, ws.gLabelsEncoded, 0, grads);
    }

    @Override
    public void backwardBatch(OmniglotBatch data, Gradients grads, BatchParallel parallel) {
        if (cfg.freezeCnn()) {
            return;
        }
        SampleRunner runner = parallel == null ? SampleRunner.SERIAL : SampleRunner.of(parallel);
        for (int k = cfg.ways(); k >= 0; k--) {
            cnn.backward(tapes[k], gEmbedded[k], grads, null, runner);
        }
    }
}
