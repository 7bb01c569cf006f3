package org.hmem.task.babi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.hmem.engine.init.Init;
import org.hmem.engine.neuron.IafPscDelta;
import org.hmem.engine.nn.Embedding;
import org.hmem.engine.nn.EncodingLayer;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.nn.ReadingLayer;
import org.hmem.engine.nn.WritingLayer;
import org.hmem.engine.plasticity.InvertedOjaSoftBound;
import org.hmem.engine.surrogate.TriangleSurrogate;
import org.hmem.engine.tensor.FloatOps;
import org.hmem.task.babi.data.BabiVectors;
import org.hmem.task.model.HMemCore;
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
public final class QuestionAnsweringModel implements SupervisedModel<BabiVectors, QuestionAnsweringModel.Workspace> {

    /** Encoder terms of the regulariser come first (story, query), then the core's four. */
    private static final int ENCODER_TERMS = 2;

    private final QaModelConfig cfg;
    private final Embedding embedding;
    private final EncodingLayer encoding;
    private final HMemCore core;
    private final List<Parameter> params;
    private final List<ActivityTerm> terms;

    public QuestionAnsweringModel(QaModelConfig cfg, int checkpointInterval) {
        this.cfg = cfg;
        int e = cfg.embeddingSize(), m = cfg.memorySize();
        IafPscDelta neuron = new IafPscDelta(cfg.thr(), cfg.perfectReset(), cfg.refractorySteps(), cfg.tauMem(),
                new TriangleSurrogate(cfg.dampening()));
        embedding = new Embedding("embedding_layer.embedding", cfg.numEmbeddings(), e, 0);
        encoding = new EncodingLayer("encoding_layer", cfg.sentenceSize(), e, cfg.learnEncoding(),
                cfg.learnEncoding() && cfg.maskTimeWords(), neuron);
        core = new HMemCore(e, e, m, cfg.readoutDelay(), cfg.vocabularySize(),
                new InvertedOjaSoftBound(cfg.wMax(), cfg.gammaPos(), cfg.gammaNeg()), cfg.tauTrace(), neuron,
                checkpointInterval);
        params = Module.collect(embedding, encoding, core);
        List<ActivityTerm> t = new ArrayList<>(List.of(new ActivityTerm("story_encoded", e),
                new ActivityTerm("query_encoded", e)));
        t.addAll(core.activityTerms());
        terms = List.copyOf(t);
    }

    /** Initialises every parameter as the reference does (spec §4.7), from {@code rng}. */
    public void initialize(SplittableRandom rng) {
        Init.xavierUniform(embedding.weight(), Init.SQRT2, rng);
        embedding.zeroPaddingRow();
        Init.constant(encoding.encoding(), 1f);
        core.initialize(rng);
    }

    public QaModelConfig config() {
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
    public int numClasses() {
        return cfg.vocabularySize();
    }

    @Override
    public int target(BabiVectors data, int b) {
        return data.answer()[b];
    }

    @Override
    public List<ActivityTerm> activityTerms() {
        return terms;
    }

    /** Activations and scratch of one sample. */
    public static final class Workspace {
        final EncodingLayer.Tape encStory;
        final EncodingLayer.Tape encQuery;
        final HMemCore.Tape core;
        final float[] queryEmbedded;
        final float[] gQueryEmbedded;
        float[] storyEmbedded = new float[0];
        float[] gStoryEmbedded = new float[0];
        float[] gEncStory = new float[0];
        float[] gEncQuery = new float[0];
        int sentences;

        Workspace(QuestionAnsweringModel model) {
            QaModelConfig c = model.cfg;
            encStory = model.encoding.newTape();
            encQuery = model.encoding.newTape();
            core = model.core.newTape();
            queryEmbedded = new float[c.sentenceSize() * c.embeddingSize()];
            gQueryEmbedded = new float[c.sentenceSize() * c.embeddingSize()];
        }

        public EncodingLayer.Tape storyEncoding() {
            return encStory;
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
        encoding.forward(ws.storyEmbedded, 0, s, w, t, firstSentence, ws.encStory);
        encoding.forward(ws.queryEmbedded, 0, 1, w, t, 0, ws.encQuery);
        core.forward(ws.encStory.spikes(), s * t, firstSentence * t, ws.encQuery.spikes(), t, ws.core);
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
    public float[] logits(Workspace ws) {
        return ws.core.logits();
    }

    @Override
    public void spikeCounts(Workspace ws, int term, float[] out, int off) {
        int e = cfg.embeddingSize();
        switch (term) {
            case 0 -> FloatOps.sumRows(ws.encStory.spikes(), ws.encStory.steps(), e, out, off);
            case 1 -> FloatOps.sumRows(ws.encQuery.spikes(), ws.encQuery.steps(), e, out, off);
            default -> core.spikeCounts(ws.core, term - ENCODER_TERMS, out, off);
        }
    }

    @Override
    public double activityWeight(BabiVectors data, int b, int term) {
        // story-phase populations are normalised by the real sentences only (padding is silent), spec §7.3
        boolean storyPhase = term == 0 || term == 2 || term == 3;
        return 1e-3 * (storyPhase ? data.storyLength()[b] : 1) * cfg.sentenceDuration();
    }

    @Override
    public void backward(BabiVectors data, int b, Workspace ws, float[] gLogits, float[][] activityGrad,
                         Gradients grads) {
        final int s = ws.sentences, w = data.sentenceSize(), e = cfg.embeddingSize(), t = cfg.sentenceDuration();
        final int steps = s * t;
        float[][] ag = activityGrad != null ? activityGrad : new float[ENCODER_TERMS][];
        ws.gEncStory = FloatOps.repeatRow(ag[0], steps, e, ws.gEncStory);
        ws.gEncQuery = FloatOps.repeatRow(ag[1], t, e, ws.gEncQuery);
        // input gradients are only needed where the encoding neuron that produced the input spike is sensitive
        core.backward(gLogits, activityGrad, ENCODER_TERMS, ws.core, grads, ws.gEncStory,
                ws.encStory.population().surrogate(), ws.gEncQuery, ws.encQuery.population().surrogate());
        ws.gStoryEmbedded = FloatOps.ensureZeroed(ws.gStoryEmbedded, s * w * e);
        Arrays.fill(ws.gQueryEmbedded, 0f);
        encoding.backward(ws.gEncStory, 0, ws.encStory, grads, ws.gStoryEmbedded, 0);
        encoding.backward(ws.gEncQuery, 0, ws.encQuery, grads, ws.gQueryEmbedded, 0);
        embedding.backward(data.story(), b * s * w, s * w, ws.gStoryEmbedded, 0, grads);
        embedding.backward(data.query(), b * w, w, ws.gQueryEmbedded, 0, grads);
    }

}
