package org.hmem.task.crossmodal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.hmem.engine.nn.Parameter;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.model.HebbianParams;
import org.hmem.task.model.NeuronParams;
import org.hmem.task.train.SupervisedStep;
import org.junit.jupiter.api.Test;

/**
 * The ReLU cross-modal model has no golden case, so its backward is checked against central finite differences of
 * the batch MSE (in double-rounded float32 arithmetic) at sampled entries of every kind of parameter, with batch norm
 * in training mode over a batch of three episodes (the loss is taken from training passes: evaluation would use the
 * running statistics).
 */
class CrossModalModelReluTest {

    static CrossModalModelConfig config(int pairs, int memory, boolean freeze) {
        return new CrossModalModelConfig(pairs, 30, 20, 0, memory, 1, new HebbianParams(1f, 0.1f, 0.1f, 20f),
                NeuronParams.defaults(), false, freeze);
    }

    static CrossModalBatch randomBatch(SplittableRandom rng, int size, int pairs) {
        float[] mfcc = new float[size * pairs * 600], images = new float[size * pairs * 784];
        float[] query = new float[size * 600], target = new float[size * 784];
        for (float[] a : new float[][] {mfcc, query}) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) rng.nextGaussian();
            }
        }
        for (float[] a : new float[][] {images, target}) {
            for (int i = 0; i < a.length; i++) {
                a[i] = rng.nextDouble() < 0.2 ? (float) rng.nextDouble() : 0f;
            }
        }
        return CrossModalBatch.ofArrays(size, pairs, mfcc, images, query, target);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(7);
        CrossModalModelRelu model = new CrossModalModelRelu(config(2, 12, false), true);
        model.initialize(rng);
        CrossModalBatch batch = randomBatch(rng, 3, 2);
        try (BatchParallel one = new BatchParallel(1)) {
            SupervisedStep<CrossModalBatch, CrossModalModelRelu.Workspace> step = new SupervisedStep<>(model, new CrossModalObjective(),
                    one, 0);
            model.zeroGrad();
            step.train(batch, 1, 0);
            String[] names = {"mfcc_embedding_layer.encoder.0.0.weight", "mfcc_embedding_layer.encoder.3.1.weight",
                "image_embedding_layer.encoder.1.0.weight", "image_embedding_layer.encoder.2.1.bias",
                "writing_layer.W", "reading_layer.W", "decoder.0.weight", "decoder.0.bias", "decoder.2.weight",
                "decoder.2.bias"};
            // taken before any finite difference: every training pass below adds its gradients again
            java.util.Map<String, float[]> analytic = new java.util.HashMap<>();
            for (String name : names) {
                analytic.put(name, model.namedParameters().get(name).grad().clone());
            }
            int checked = 0;
            for (String name : names) {
                Parameter p = model.namedParameters().get(name);
                float[] grad = analytic.get(name);
                double scale = 0;
                for (float g : grad) {
                    scale = Math.max(scale, Math.abs(g));
                }
                assertTrue(scale > 0, name + " gets a gradient");
                for (int k = 0; k < 3; k++) {
                    int i = rng.nextInt(p.size());
                    float orig = p.data()[i];
                    float eps = 1e-2f * Math.max(1e-2f, Math.abs(orig));
                    p.data()[i] = orig + eps;
                    double up = step.train(batch, 1, 0).loss();
                    p.data()[i] = orig - eps;
                    double down = step.train(batch, 1, 0).loss();
                    p.data()[i] = orig;
                    double numeric = (up - down) / (2.0 * eps);
                    assertTrue(Math.abs(numeric - grad[i]) <= 0.05 * scale + 1e-6,
                            name + "[" + i + "]: numeric " + numeric + " vs analytic " + grad[i] + " (max " + scale
                                    + ")");
                    checked++;
                }
            }
            assertTrue(checked == 30);
        }
    }

    /** Evaluation in chunks (the plot's) equals one pass over the whole batch: eval-mode batch norm. */
    @Test
    void reconstructionsInChunksEqualOneBatch() {
        SplittableRandom rng = new SplittableRandom(9);
        CrossModalModelRelu model = new CrossModalModelRelu(config(2, 12, false), true);
        model.initialize(rng);
        CrossModalBatch batch = randomBatch(rng, CrossModalReconstructions.CHUNK + 17, 2);
        float[] chunked = CrossModalReconstructions.of(model, batch, 2);
        model.forwardBatch(batch, false, null);
        CrossModalModelRelu.Workspace ws = model.newWorkspace();
        for (int b = 0; b < batch.size(); b++) {
            model.forward(batch, b, ws);
            for (int i = 0; i < 784; i++) {
                assertTrue(chunked[b * 784 + i] == ws.reconstruction()[i], "episode " + b + " pixel " + i);
            }
        }
    }
}
