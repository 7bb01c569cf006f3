package org.hmem.task.crossmodal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.hmem.engine.conv.ProtoNet;
import org.hmem.engine.conv.Relu;
import org.hmem.engine.conv.SampleRunner;
import org.hmem.engine.init.Init;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Linear;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.nn.ReadingLayerRelu;
import org.hmem.engine.nn.WritingLayerRelu;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.engine.tensor.FloatOps;
import org.hmem.engine.tensor.Tensor;
import org.hmem.task.train.SupervisedModel;

/**
 * The non-spiking cross-modal baseline (spec §4.6): an ANN prototypical network per modality embeds each recording
 * and image (64 values each), ReLU; a ReLU writing layer stores the L items [MFCC | image], a ReLU reading layer reads
 * with the query recording, and a decoder Linear(M → 256) → ReLU → Linear(256 → 784) → sigmoid reconstructs the
 * image.
 *
 * <p>The CNNs run once per batch and item slot ({@link #forwardBatch}), as in the reference, so batch norm (when
 * present) normalises over the batch's items of one slot. Each slot keeps its CNN record on its own tape (the tapes
 * of a CNN share their largest part, {@link ProtoNet#newTapes}); backward ({@link #backwardBatch}) goes over the
 * slots in reverse order.
 */
public final class CrossModalModelRelu implements SupervisedModel<CrossModalBatch, CrossModalModelRelu.Workspace> {

    private static final int E = CrossModalModelConfig.EMBEDDING;
    private static final int SIDE = CrossModalModelConfig.IMAGE_SIDE;
    private static final int PIXELS = CrossModalModelConfig.IMAGE_PIXELS;
    private static final int HIDDEN = CrossModalModelConfig.DECODER_HIDDEN;

    private final CrossModalModelConfig cfg;
    private final ProtoNet mfccCnn;
    private final ProtoNet imageCnn;
    private final WritingLayerRelu writing;
    private final ReadingLayerRelu reading;
    private final Linear decoder1;
    private final Linear decoder2;
    private final List<Parameter> params;
    /** The CNN records of the MFCC slots (the L items, then the query) and of the L image slots. */
    private final ProtoNet.Tape[] mfccTapes;
    private final ProtoNet.Tape[] imageTapes;
    /** Per slot (L MFCC positions, L image positions, the query): the batch's embeddings and their gradients. */
    private float[][] embedded = new float[0][];
    private float[][] gEmbedded = new float[0][];
    /** Per slot, the batch's CNN input, kept until backward. */
    private float[][] slotInputs = new float[0][];

    /** @param batchNorm whether the CNNs have batch norm (the reference's default; not with the shipped weights) */
    public CrossModalModelRelu(CrossModalModelConfig cfg, boolean batchNorm) {
        this.cfg = cfg;
        int m = cfg.memorySize();
        boolean trainable = !cfg.freezeCnn();
        mfccCnn = new ProtoNet("mfcc_embedding_layer", 1, E, batchNorm, trainable);
        imageCnn = new ProtoNet("image_embedding_layer", 1, E, batchNorm, trainable);
        if (mfccCnn.outputSize(cfg.mfccFrames(), cfg.mfccCoefficients()) != E) {
            throw new IllegalArgumentException("an MFCC image of " + cfg.mfccFrames() + "x" + cfg.mfccCoefficients()
                    + " does not reduce to 1x1 after four 2x2 pools");
        }
        writing = new WritingLayerRelu("writing_layer", 2 * E, m, cfg.hebbian().rule(), 0);
        reading = new ReadingLayerRelu("reading_layer", E, m);
        decoder1 = new Linear("decoder.0", m, HIDDEN, true);
        decoder2 = new Linear("decoder.2", HIDDEN, PIXELS, true);
        params = Module.collect(mfccCnn, imageCnn, writing, reading, decoder1, decoder2);
        mfccTapes = mfccCnn.newTapes(cfg.pairs() + 1);
        imageTapes = imageCnn.newTapes(cfg.pairs());
    }

    /** The reference's initialisation: xavier (gain sqrt 2) for CNNs and memory, PyTorch defaults for the decoder. */
    public void initialize(SplittableRandom rng) {
        for (ProtoNet cnn : List.of(mfccCnn, imageCnn)) {
            for (int i = 0; i < ProtoNet.BLOCKS; i++) {
                Init.xavierUniform(cnn.conv(i).weight(), Init.SQRT2, rng);
            }
        }
        Init.xavierUniform(writing.weight(), Init.SQRT2, rng);
        Init.xavierUniform(reading.weight(), Init.SQRT2, rng);
        for (Linear l : List.of(decoder1, decoder2)) {
            Init.linearDefault(l.weight(), l.in(), rng);
            Init.linearDefault(l.bias(), l.in(), rng);
        }
    }

    /**
     * Loads a pretrained digit classifier's state dict (keys {@code encoder.<i>...}; its {@code linear.*} head is
     * dropped) into the CNN of its modality; strict, so batch norm must match ({@link #hasBatchNorm}).
     */
    public void loadPretrained(ProtoNet cnn, Map<String, Tensor> stateDict, String prefix) {
        Map<String, Tensor> prefixed = new LinkedHashMap<>();
        stateDict.forEach((k, t) -> {
            String key = k.startsWith("module.") ? k.substring(7) : k;
            if (!key.startsWith("linear.")) {
                prefixed.put(prefix + "." + key, t);
            }
        });
        cnn.loadStateDict(prefixed);
    }

    /** Loads the pretrained audio and image classifiers (either may be null) into their own CNNs (spec §13.33). */
    public void loadPretrained(Map<String, Tensor> audio, Map<String, Tensor> image) {
        if (audio != null) {
            loadPretrained(mfccCnn, audio, "mfcc_embedding_layer");
        }
        if (image != null) {
            loadPretrained(imageCnn, image, "image_embedding_layer");
        }
    }

    /** Whether a state dict has batch-norm tensors. */
    public static boolean hasBatchNorm(Map<String, Tensor> stateDict) {
        return stateDict.keySet().stream().anyMatch(k -> k.endsWith("running_mean"));
    }

    public CrossModalModelConfig config() {
        return cfg;
    }

    public ProtoNet mfccCnn() {
        return mfccCnn;
    }

    public ProtoNet imageCnn() {
        return imageCnn;
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

    /** Activations of one sample. */
    public static final class Workspace {
        final WritingLayerRelu.Tape write;
        final ReadingLayerRelu.Tape read;
        final float[] writeInput;
        final float[] queryEncoded;
        final float[] gWriteInput;
        final float[] gQueryEncoded;
        final float[] gValues;
        final float[] gMemory;
        final float[] hidden = new float[HIDDEN];
        final float[] gHidden = new float[HIDDEN];
        final float[] output = new float[PIXELS];
        final float[] gPre = new float[PIXELS];

        Workspace(CrossModalModelRelu model) {
            int l = model.cfg.pairs(), m = model.cfg.memorySize();
            write = model.writing.newTape();
            read = model.reading.newTape();
            writeInput = new float[l * 2 * E];
            gWriteInput = new float[l * 2 * E];
            queryEncoded = new float[E];
            gQueryEncoded = new float[E];
            gValues = new float[m];
            gMemory = new float[m * m];
        }

        /** The L items written, [MFCC embedding | image embedding] after the ReLU, (L, 128). */
        public float[] written() {
            return writeInput;
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

        /** The reconstructed image of the last forward (784, in (0, 1)). */
        public float[] reconstruction() {
            return output;
        }
    }

    @Override
    public Workspace newWorkspace() {
        return new Workspace(this);
    }

    private int slots() {
        return 2 * cfg.pairs() + 1;
    }

    @Override
    public void forwardBatch(CrossModalBatch data, boolean training, BatchParallel parallel) {
        int batch = data.size();
        if (embedded.length != slots() || embedded[0].length < batch * E) {
            embedded = new float[slots()][batch * E];
            gEmbedded = new float[slots()][batch * E];
        }
        SampleRunner runner = parallel == null ? SampleRunner.SERIAL : SampleRunner.of(parallel);
        if (slotInputs.length != slots()) {
            slotInputs = new float[slots()][0];
        }
        for (int k = 0; k < slots(); k++) {
            float[] out = runSlot(data, k, training, runner);
            System.arraycopy(out, 0, embedded[k], 0, batch * E);
            Arrays.fill(gEmbedded[k], 0f);
        }
    }

    /** The CNN of slot k over the batch: MFCC position k (k < L), image position k - L, or the query (k = 2L). */
    private float[] runSlot(CrossModalBatch data, int k, boolean training, SampleRunner runner) {
        int l = cfg.pairs(), batch = data.size(), ms = cfg.mfccSize();
        boolean image = k >= l && k < 2 * l;
        int size = image ? PIXELS : ms;
        float[] slotInput = slotInputs[k] = FloatOps.ensure(slotInputs[k], batch * size);
        for (int b = 0; b < batch; b++) {
            if (k < l) {
                System.arraycopy(data.mfcc(), (b * l + k) * ms, slotInput, b * ms, ms);
            } else if (image) {
                System.arraycopy(data.imagePixels(), (b * l + k - l) * PIXELS, slotInput, b * PIXELS, PIXELS);
            } else {
                System.arraycopy(data.query(), b * ms, slotInput, b * ms, ms);
            }
        }
        ProtoNet cnn = image ? imageCnn : mfccCnn;
        int h = image ? SIDE : cfg.mfccFrames(), w = image ? SIDE : cfg.mfccCoefficients();
        return cnn.forward(slotInput, batch, h, w, training, tape(k), runner);
    }

    /** Slot k's CNN record. */
    private ProtoNet.Tape tape(int k) {
        int l = cfg.pairs();
        return k < l ? mfccTapes[k] : k < 2 * l ? imageTapes[k - l] : mfccTapes[l];
    }

    @Override
    public void forward(CrossModalBatch data, int b, Workspace ws) {
        int l = cfg.pairs();
        for (int p = 0; p < l; p++) {
            relu(embedded[p], b * E, ws.writeInput, p * 2 * E, E);
            relu(embedded[l + p], b * E, ws.writeInput, p * 2 * E + E, E);
        }
        relu(embedded[2 * l], b * E, ws.queryEncoded, 0, E);
        writing.forward(ws.writeInput, 0, l, ws.write);
        reading.forward(ws.queryEncoded, 0, 1, ws.write.memory(), 0, ws.read);
        decoder1.forward(ws.read.values(), 0, 1, ws.hidden, 0);
        relu(ws.hidden, 0, ws.hidden, 0, HIDDEN);
        decoder2.forward(ws.hidden, 0, 1, ws.output, 0);
        for (int i = 0; i < PIXELS; i++) {
            ws.output[i] = (float) (1.0 / (1.0 + Math.exp(-ws.output[i])));
        }
    }

    private static void relu(float[] x, int xOff, float[] y, int yOff, int n) {
        Relu.forward(x, xOff, n, y, yOff);
    }

    @Override
    public float[] output(Workspace ws) {
        return ws.output;
    }

    @Override
    public void backward(CrossModalBatch data, int b, Workspace ws, float[] gOutput, Gradients grads) {
        int l = cfg.pairs();
        for (int i = 0; i < PIXELS; i++) {
            float y = ws.output[i];
            ws.gPre[i] = gOutput[i] * y * (1f - y);
        }
        Arrays.fill(ws.gHidden, 0f);
        decoder2.backward(ws.gPre, 0, ws.hidden, 0, 1, grads, ws.gHidden, 0);
        for (int i = 0; i < HIDDEN; i++) {
            if (ws.hidden[i] <= 0f) {
                ws.gHidden[i] = 0f;
            }
        }
        Arrays.fill(ws.gValues, 0f);
        decoder1.backward(ws.gHidden, 0, ws.read.values(), 0, 1, grads, ws.gValues, 0);
        Arrays.fill(ws.gMemory, 0f);
        Arrays.fill(ws.gQueryEncoded, 0f);
        reading.backward(null, ws.gValues, ws.read, grads, ws.gQueryEncoded, 0, ws.gMemory, 0);
        Arrays.fill(ws.gWriteInput, 0f);
        writing.backward(null, null, ws.gMemory, ws.write, grads, ws.gWriteInput, 0);
        // back through the ReLUs to the batch's CNN output gradients
        for (int p = 0; p < l; p++) {
            for (int i = 0; i < E; i++) {
                int mi = p * 2 * E + i, ii = mi + E;
                gEmbedded[p][b * E + i] = ws.writeInput[mi] > 0f ? ws.gWriteInput[mi] : 0f;
                gEmbedded[l + p][b * E + i] = ws.writeInput[ii] > 0f ? ws.gWriteInput[ii] : 0f;
            }
        }
        for (int i = 0; i < E; i++) {
            gEmbedded[2 * l][b * E + i] = ws.queryEncoded[i] > 0f ? ws.gQueryEncoded[i] : 0f;
        }
    }

    @Override
    public void backwardBatch(CrossModalBatch data, Gradients grads, BatchParallel parallel) {
        if (cfg.freezeCnn()) {
            return;
        }
        SampleRunner runner = parallel == null ? SampleRunner.SERIAL : SampleRunner.of(parallel);
        for (int k = slots() - 1; k >= 0; k--) {
            boolean image = k >= cfg.pairs() && k < 2 * cfg.pairs();
            (image ? imageCnn : mfccCnn).backward(tape(k), gEmbedded[k], grads, null, runner);
        }
    }
}
