package org.hmem.task.crossmodal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;

import org.hmem.engine.nn.Parameter;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.model.HebbianParams;
import org.hmem.task.model.NeuronParams;
import org.hmem.task.train.SupervisedStep;
import org.junit.jupiter.api.Test;

/** The spiking model's batch-level shortcut: the decoder weights transposed once per step. */
class CrossModalModelTest {

    /**
     * A step's forward passes (decoder weights transposed once for the batch) give exactly the outputs of forward
     * passes outside a step (each layer transposing for itself), also after the weights change between steps.
     */
    @Test
    void sharedTransposedDecoderWeightsFollowTheWeights() {
        CrossModalModelConfig cfg = new CrossModalModelConfig(2, 30, 20, 30, 16, 1,
                new HebbianParams(1f, 0.3f, 0.3f, 20f), NeuronParams.defaults(), true, false);
        CrossModalModel model = new CrossModalModel(cfg, 0);
        SplittableRandom rng = new SplittableRandom(3);
        model.initialize(rng);
        // strong memory and decoder weights, so that spikes reach the output within 30 steps
        for (String name : new String[] {"writing_layer.W", "reading_layer.W", "decoder_l1.W", "decoder_l2.W"}) {
            Parameter p = model.namedParameters().get(name);
            float[] v = p.data().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] *= 6f;
            }
            p.set(v);
        }
        CrossModalBatch batch = CrossModalModelReluTest.randomBatch(rng, 3, 2);
        CrossModalObjective mse = new CrossModalObjective();
        Parameter w2 = model.namedParameters().get("decoder_l2.W");
        double[] before = new double[2];
        for (int round = 0; round < 2; round++) {
            double inStep;
            try (BatchParallel one = new BatchParallel(1)) {
                inStep = new SupervisedStep<>(model, mse, one, 0).evaluate(batch).loss();
            }
            // another batch object with the same contents: no batch-level pass prepared it
            CrossModalBatch copy = batch.slice(0, batch.size());
            CrossModalModel.Workspace ws = model.newWorkspace();
            double outside = 0;
            for (int b = 0; b < copy.size(); b++) {
                model.forward(copy, b, ws);
                outside += mse.sample(copy, b, model.output(ws), 0f, null, new double[0]);
            }
            assertEquals(outside / copy.size(), inStep, 0.0, "round " + round);
            float max = 0;
            for (float o : model.output(ws)) {
                max = Math.max(max, o);
            }
            assertNotEquals(0f, max, "the decoder's output neurons fire");
            before[round] = inStep;
            float[] scaled = w2.data().clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= 3f;
            }
            w2.set(scaled);
        }
        assertNotEquals(before[0], before[1], "the weight change reaches the outputs");
    }
}
