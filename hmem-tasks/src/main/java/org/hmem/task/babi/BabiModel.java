package org.hmem.task.babi;

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
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.nn.ReadingLayer;
import org.hmem.engine.nn.SpikeCountReadout;
import org.hmem.engine.nn.WritingLayer;
import org.hmem.engine.tensor.FloatOps;
import org.hmem.task.babi.data.BabiVectors;
import org.hmem.task.train.ActivityTerm;
import org.hmem.task.train.SupervisedModel;

/**
 * The spiking bAbI model (spec §4.7): words are embedded (row 0 = padding, always zero), each sentence becomes the
 * constant current {@code sum_w encoding[w] * emb[w]} (a learned position-wise bag of words) for T steps, the story's
 * spike train is written into the memory, the query's is read with feedback delay D, and the read-value spike counts
 * of the last 30 steps are mapped to word logits.
 *
 * <p>Leading padding sentences (pre-padding) have zero current and zero state, so their spikes, traces and memory
 * updates are exactly zero; the forward pass starts at the first real sentence, which makes stories cost what their
 * real length costs.
 */
public final class BabiModel implements SupervisedModel<BabiVectors, BabiModel.Workspace> {

    private final BabiModelConfig cfg;
    private final Embedding embedding;
    private final EncodingLayer encoding;
    private final HebbianMemory memory;
    private final CountClassifier output;
    private final List<Parameter> params;
    private final List<ActivityTerm<BabiVectors, Workspace>> terms;

    public BabiModel(BabiModelConfig cfg, int checkpointInterval) {
        this.cfg = cfg;
        int e = cfg.embeddingSize(), m = cfg.memorySize(), t = cfg.sentenceDuration();
        IafPscDelta neuron = cfg.neuron().neuron();
        embedding = new Embedding("embedding_layer.embedding", cfg.numEmbeddings(), e, 0);
        encoding = new EncodingLayer("encoding_layer", cfg.sentenceSize(), e, cfg.sentenceSize(), t,
                cfg.learnEncoding(), cfg.learnEncoding() && cfg.maskTimeWords(), neuron);
        memory = new HebbianMemory("writing_layer", "reading_layer", e, e, m, cfg.readoutDelay(),
                cfg.hebbian().rule(), cfg.hebbian().tauTrace(), neuron,
                checkpointInterval);
        output = new CountClassifier("output_layer", m, cfg.vocabularySize(), SpikeCountReadout.CLASSIFIER_WINDOW);
        params = Module.collect(embedding, encoding, memory, output);
        // story-phase populations are normalised by the real sentences only (padding is silent), spec §7.3
        ActivityTerm.Normaliser<BabiVectors> story = (d, b) -> 1e-3 * d.storyLength()[b] * t;
        ActivityTerm.Normaliser<BabiVectors> query = (d, b) -> 1e-3 * 1 * t;
        terms = List.of(new ActivityTerm<>("story_encoded", e, ws -> ws.encStory.output(), story),
                new ActivityTerm<>("query_encoded", e, ws -> ws.encQuery.output(), query),
                new ActivityTerm<>("write_key", m, ws -> ws.memory.writing().keys(), story),
                new ActivityTerm<>("write_val", m, ws -> ws.memory.writing().values(), story),
                new ActivityTerm<>("read_key", m, ws -> ws.memory.reading().keys(), query),
                new ActivityTerm<>("read_val", m, ws -> ws.memory.reading().values(), query));
    }

    /** Initialises every parameter as the reference does (spec §4.7), from {@code rng}. */
    public void initialize(SplittableRandom rng) {
        Init.xavierUniform(embedding.weight(), Init.SQRT2, rng);
        embedding.zeroPaddingRow();
        Init.constant(encoding.encoding(), 1f);
        Init.xavierUniform(memory.writing().weight(), Init.SQRT2, rng);
        Init.xavierUniform(memory.reading().weight(), Init.SQRT2, rng);
        Init.linearDefault(output.linear().weight(), cfg.memorySize(), rng);
    }

    public BabiModelConfig config() {
        return cfg;
    }

    @Override
    public List<Parameter> parameters() {
        return params;
    }

    @Override
    public int batchSize(BabiVectors data) {
        return data.n();
    }

    @Override
    public int outputSize() {
        return cfg.vocabularySize();
    }

    @Override
    public List<ActivityTerm<BabiVectors, Workspace>> activityTerms() {
        return terms;
    }

    /** Activations and scratch of one sample. */
    public static final class Workspace {
        final EncodingLayer.Tape encStory;
        final EncodingLayer.Tape encQuery;
        final HebbianMemory.Tape memory;
        final float[] queryEmbedded;
        final float[] gQueryEmbedded;
        final CountClassifier.Tape output;
        float[] storyEmbedded = new float[0];
        float[] gStoryEmbedded = new float[0];
        int sentences;

        Workspace(BabiModel model) {
            BabiModelConfig c = model.cfg;
            encStory = model.encoding.newTape();
            encQuery = model.encoding.newTape();
            memory = model.memory.newTape();
            queryEmbedded = new float[c.sentenceSize() * c.embeddingSize()];
            gQueryEmbedded = new float[c.sentenceSize() * c.embeddingSize()];
            output = model.output.newTape();
        }

        public EncodingLayer.Tape storyEncoding() {
            return encStory;
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
    }

    @Override
    public Workspace newWorkspace() {
        return new Workspace(this);
    }

    @Override
    public void forward(BabiVectors data, int b, Workspace ws) {
        final int s = data.numSentences(), w = data.sentenceSize(), e = cfg.embeddingSize(), t = cfg.sentenceDuration();
        if (w != cfg.sentenceSize()) {
            throw new IllegalArgumentException("batch sentence size " + w + " differs from the model's "
                    + cfg.sentenceSize());
        }
        ws.sentences = s;
        ws.storyEmbedded = FloatOps.ensure(ws.storyEmbedded, s * w * e);
        embedding.forward(data.story(), b * s * w, s * w, ws.storyEmbedded, 0);
        embedding.forward(data.query(), b * w, w, ws.queryEmbedded, 0);
        int firstSentence = leadingPaddingSentences(data, b);
        ws.encStory.silentPrefix(firstSentence);
        encoding.forward(ws.storyEmbedded, 0, s, ws.encStory);
        encoding.forward(ws.queryEmbedded, 0, 1, ws.encQuery);
        ws.memory.writing().silentPrefix(firstSentence * t);
        memory.forward(ws.encStory.spikes(), 0, s * t, ws.encQuery.spikes(), 0, t, ws.memory);
        output.forward(ws.memory.reading().values(), ws.output);
    }

    /**
     * Number of leading sentences made only of padding words, whose embedding is the zero padding row; 0 if that row
     * is not exactly zero (e.g. a foreign checkpoint), so the shortcut never changes results.
     */
    private int leadingPaddingSentences(BabiVectors data, int b) {
        float[] wEmb = embedding.weight().data();
        for (int k = 0; k < cfg.embeddingSize(); k++) {
            if (wEmb[k] != 0f) {
                return 0;
            }
        }
        int s = data.numSentences(), w = data.sentenceSize();
        int base = b * s * w;
        int count = 0;
        outer:
        for (int i = 0; i < s; i++) {
            for (int k = 0; k < w; k++) {
                if (data.story()[base + i * w + k] != 0) {
                    break outer;
                }
            }
            count++;
        }
        return count;
    }

    @Override
    public float[] output(Workspace ws) {
        return ws.output.logits();
    }

    @Override
    public void backward(BabiVectors data, int b, Workspace ws, float[] gLogits, Gradients grads) {
        final int s = ws.sentences, w = data.sentenceSize(), e = cfg.embeddingSize();
        output.backward(gLogits, ws.memory.reading().values(), ws.output, grads);
        // input gradients are only needed where the encoding neuron that produced the input spike is sensitive
        memory.backward(ws.memory, grads, ws.encStory.output().gradient(), 0, ws.encStory.output().sensitivity(), 0,
                ws.encQuery.output().gradient(), 0, ws.encQuery.output().sensitivity(), 0);
        ws.gStoryEmbedded = FloatOps.ensureZeroed(ws.gStoryEmbedded, s * w * e);
        Arrays.fill(ws.gQueryEmbedded, 0f);
        encoding.backward(ws.encStory, grads, ws.gStoryEmbedded, 0, null, 0);
        encoding.backward(ws.encQuery, grads, ws.gQueryEmbedded, 0, null, 0);
        embedding.backward(data.story(), b * s * w, s * w, ws.gStoryEmbedded, 0, grads);
        embedding.backward(data.query(), b * w, w, ws.gQueryEmbedded, 0, grads);
    }
}
