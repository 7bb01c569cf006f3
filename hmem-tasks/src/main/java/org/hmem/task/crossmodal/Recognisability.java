package org.hmem.task.crossmodal;

import java.util.Map;

import org.hmem.engine.loss.CrossEntropy;
import org.hmem.engine.tensor.Tensor;

/**
 * Whether a reconstruction shows the right digit, by the judgement of a pretrained MNIST digit classifier (hmem's
 * addition to the reference's MSE, spec issue 12): the reconstruction is classified as it is (the spiking decoder's
 * values lie in [0, 1.67]; the classifier saw [0, 1] images) and counts when the predicted digit is the target
 * image's. Thread-safe: each thread classifies with its own copy of the network.
 */
public final class Recognisability {

    private final ThreadLocal<DigitClassifier> classifiers;

    /** @param stateDict a digit classifier's weights for 28 x 28 images (the shipped MNIST classifier's) */
    public Recognisability(Map<String, Tensor> stateDict) {
        boolean batchNorm = stateDict.keySet().stream().anyMatch(k -> k.endsWith("running_mean"));
        new DigitClassifier(batchNorm, CrossModalModelConfig.IMAGE_SIDE, CrossModalModelConfig.IMAGE_SIDE)
                .loadStateDict(stateDict);
        classifiers = ThreadLocal.withInitial(() -> {
            DigitClassifier c = new DigitClassifier(batchNorm, CrossModalModelConfig.IMAGE_SIDE,
                    CrossModalModelConfig.IMAGE_SIDE);
            c.loadStateDict(stateDict);
            return c;
        });
    }

    /** The digit the classifier sees in the 784 values of {@code image}. */
    public int classify(float[] image) {
        float[] logits = classifiers.get().forward(image, 1, false, null);
        return CrossEntropy.argmax(logits, 0, DigitClassifier.CLASSES);
    }
}
