package org.hmem.task.omniglot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.hmem.engine.golden.GoldenFiles;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.model.HebbianParams;
import org.hmem.task.model.NeuronParams;
import org.hmem.task.omniglot.data.EpisodeSampler;
import org.hmem.task.omniglot.data.OmniglotFiles;
import org.hmem.task.omniglot.data.OmniglotSplit;
import org.hmem.task.omniglot.data.OmniglotSplitLoader;
import org.hmem.task.omniglot.data.OmniglotSplitName;
import org.hmem.task.train.ActivityTerm;
import org.hmem.task.train.CrossEntropyObjective;
import org.hmem.task.train.SupervisedModel;
import org.hmem.task.train.SupervisedStep;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spiking Omniglot model's shortcuts against the plain computation, on real images. */
class OmniglotModelTest {

    private static OmniglotSplit split;
    @TempDir
    static Path cache;

    @BeforeAll
    static void load() {
        Path data = GoldenFiles.shared().resolve("data/omniglot");
        assumeTrue(Files.isRegularFile(data.resolve(OmniglotFiles.BACKGROUND_ZIP)), "no Omniglot data at " + data);
        split = OmniglotSplitLoader.load(OmniglotFiles.locate(data), OmniglotSplitName.VAL, cache).split();
    }

    private static OmniglotModel model() {
        OmniglotModelConfig cfg = new OmniglotModelConfig(5, 12, 20, 1, new HebbianParams(1f, .3f, .3f, 20f),
                NeuronParams.defaults(), true, false);
        OmniglotModel m = new OmniglotModel(cfg, 0);
        m.initialize(new SplittableRandom(2));
        return m;
    }

    /** The same model without the batch-level hook: no memo of CNN outputs between the two passes. */
    private record WithoutMemo(OmniglotModel m) implements SupervisedModel<OmniglotBatch, OmniglotModel.Workspace> {
        public OmniglotModel.Workspace newWorkspace() {
            return m.newWorkspace();
        }

        public int batchSize(OmniglotBatch d) {
            return m.batchSize(d);
        }

        public int outputSize() {
            return m.outputSize();
        }

        public void forward(OmniglotBatch d, int b, OmniglotModel.Workspace ws) {
            m.forward(d, b, ws);
        }

        public float[] output(OmniglotModel.Workspace ws) {
            return m.output(ws);
        }

        public List<ActivityTerm<OmniglotBatch, OmniglotModel.Workspace>> activityTerms() {
            return m.activityTerms();
        }

        public void backward(OmniglotBatch d, int b, OmniglotModel.Workspace ws, float[] g, Gradients grads) {
            m.backward(d, b, ws, g, grads);
        }

        public List<Parameter> parameters() {
            return m.parameters();
        }
    }

    private static List<float[]> gradients(SupervisedModel<OmniglotBatch, OmniglotModel.Workspace> model,
                                           List<Parameter> params, OmniglotBatch batch) {
        for (Parameter p : params) {
            p.zeroGrad();
        }
        try (BatchParallel par = new BatchParallel(2)) {
            new SupervisedStep<>(model, new CrossEntropyObjective<>(5, (d, e) -> d.answer(e)), par, 0)
                    .train(batch, 1.0, 1e-3);
        }
        List<float[]> g = new ArrayList<>();
        for (Parameter p : params) {
            g.add(p.grad().clone());
        }
        return g;
    }

    /** The regulariser's second pass takes the CNN outputs from the memo: every gradient stays bit for bit. */
    @Test
    void memoOfCnnOutputsChangesNoGradient() {
        OmniglotModel m = model();
        OmniglotBatch batch = new OmniglotBatch(split, new EpisodeSampler(split, 5, 1).batch(0, 0, 4));
        // plain first: the memo, once filled, belongs to this batch object until the next step resets it
        List<float[]> plain = gradients(new WithoutMemo(m), m.parameters(), batch);
        List<float[]> memo = gradients(m, m.parameters(), batch);
        boolean cnnLearns = false;
        for (int i = 0; i < memo.size(); i++) {
            Parameter p = m.parameters().get(i);
            assertArrayEquals(plain.get(i), memo.get(i), 0f, p.name());
            if (p.name().contains("conv2d")) {
                for (float x : memo.get(i)) {
                    cnnLearns |= x != 0f;
                }
            }
        }
        assertTrue(cnnLearns, "the CNN must get a gradient in this configuration");
        assertEquals(m.parameters().size(), memo.size());
    }
}
