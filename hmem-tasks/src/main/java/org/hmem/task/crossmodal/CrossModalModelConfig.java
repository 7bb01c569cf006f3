package org.hmem.task.crossmodal;

import org.hmem.task.model.HebbianParams;
import org.hmem.task.model.NeuronParams;

/**
 * What defines a cross-modal H-Mem network (spec §4.5, §4.6).
 *
 * @param pairs L: (spoken digit, image) pairs written per episode
 * @param mfccFrames height of an MFCC image (time frames, {@code --num_mfcc_time_samples})
 * @param mfccCoefficients width of an MFCC image ({@code --num_mfcc})
 * @param numTimeSteps T per item (spiking)
 * @param useBias whether the spiking CNNs' convolutions have biases (spec §5.4: yes by default here)
 * @param freezeCnn whether both CNNs are frozen ({@code --freeze_protonet 1})
 */
public record CrossModalModelConfig(int pairs, int mfccFrames, int mfccCoefficients, int numTimeSteps,
                                    int memorySize, int readoutDelay, HebbianParams hebbian, NeuronParams neuron,
                                    boolean useBias, boolean freezeCnn) {

    /** Output size of both CNNs. */
    public static final int EMBEDDING = 64;
    /** Side of an MNIST image. */
    public static final int IMAGE_SIDE = 28;
    /** Pixels of an MNIST image, the decoder's output size. */
    public static final int IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE;
    /** Hidden units of the decoder. */
    public static final int DECODER_HIDDEN = 256;

    /** Values of one MFCC image. */
    public int mfccSize() {
        return mfccFrames * mfccCoefficients;
    }
}
