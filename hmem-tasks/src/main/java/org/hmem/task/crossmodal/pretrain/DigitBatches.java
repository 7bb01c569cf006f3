package org.hmem.task.crossmodal.pretrain;

import org.hmem.engine.conv.SampleRunner;
import org.hmem.engine.loss.CrossEntropy;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.tensor.FloatOps;
import org.hmem.task.crossmodal.DigitClassifier;
import org.hmem.task.crossmodal.data.LabelledImages;

/**
 * Runs batches of images through a {@link DigitClassifier} and the mean cross-entropy: one training step's forward
 * and backward, or forward-only scoring of a whole data set in evaluation mode. The whole batch goes through the
 * network at once (batch norm couples its images); the runner spreads each layer over the worker threads. Buffers
 * are reused from batch to batch; not thread-safe.
 */
final class DigitBatches {

    private final DigitClassifier model;
    private final SampleRunner runner;
    private final Gradients grads;
    private float[] pixels = new float[0];
    private int[] labels = new int[0];
    private float[] gLogits = new float[0];

    DigitBatches(DigitClassifier model, SampleRunner runner) {
        this.model = model;
        this.runner = runner;
        this.grads = new Gradients(model.parameters());
    }

    /**
     * Forward and backward of the images {@code items[from .. to)} of {@code data}: afterwards every parameter's
     * {@code grad()} holds the gradient of this batch's mean loss alone. Returns the batch's scores.
     */
    Scores train(LabelledImages data, int[] items, int from, int to) {
        int n = to - from;
        load(data, items, from, n);
        float[] logits = model.forward(pixels, n, true, runner);
        gLogits = FloatOps.ensure(gLogits, n * DigitClassifier.CLASSES);
        Scores s = new Scores();
        for (int b = 0; b < n; b++) {
            int off = b * DigitClassifier.CLASSES;
            double loss = CrossEntropy.lossAndGradient(logits, off, DigitClassifier.CLASSES, labels[b], 1f / n,
                    gLogits, off);
            s.add(loss, logits, off, DigitClassifier.CLASSES, labels[b]);
        }
        for (Parameter p : model.parameters()) {
            p.zeroGrad();
        }
        grads.zero();
        model.backward(gLogits, grads, runner);
        grads.addTo();
        return s;
    }

    /** Scores of every image of {@code data}, in batches of {@code batchSize}, in evaluation mode. */
    Scores evaluate(LabelledImages data, int batchSize) {
        Scores total = new Scores();
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        for (int from = 0; from < all.length; from += batchSize) {
            int n = Math.min(batchSize, all.length - from);
            load(data, all, from, n);
            float[] logits = model.forward(pixels, n, false, runner);
            for (int b = 0; b < n; b++) {
                int off = b * DigitClassifier.CLASSES;
                double loss = CrossEntropy.lossAndGradient(logits, off, DigitClassifier.CLASSES, labels[b], 1f,
                        null, 0);
                total.add(loss, logits, off, DigitClassifier.CLASSES, labels[b]);
            }
        }
        return total;
    }

    /** Copies the images and labels of {@code items[from .. from + n)} into the batch buffers. */
    private void load(LabelledImages data, int[] items, int from, int n) {
        int size = model.imageSize();
        pixels = FloatOps.ensure(pixels, n * size);
        if (labels.length < n) {
            labels = new int[n];
        }
        for (int b = 0; b < n; b++) {
            data.image(items[from + b], pixels, b * size);
            labels[b] = data.label(items[from + b]);
        }
    }
}
