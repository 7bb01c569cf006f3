package org.hmem.engine.conv;

import java.util.Arrays;
import java.util.List;

import org.hmem.engine.neuron.SpikeTrain;
import org.hmem.engine.nn.EncodingLayer;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.nn.SpikingStack;

/**
 * An image (or MFCC frame grid) to spikes, one image at a time from a zero state: an {@link EncodingLayer} with one
 * input row (current = pixel value, spec §3.1) followed by a {@link SpikingProtoNet} (spec §4.3 step 1).
 *
 * <p><b>Tape by recomputation.</b> The CNN's record of one image over T steps is large (layer 0 alone has 50 176
 * neurons per step), and a sample shows several images. So a tape holds one image at a time: {@link #backward}
 * first reruns the forward of the image it is given unless the tape still holds that image, which costs one extra
 * CNN forward per image but keeps memory at one image's record per worker. The forward is deterministic, so the
 * recomputed record is identical to the first.
 */
public final class SpikingImageEncoder implements Module {

    private final EncodingLayer encoding;
    private final SpikingProtoNet cnn;

    /** @param encoding a layer with {@code P = 1} and one neuron per pixel, presenting one item for T steps */
    public SpikingImageEncoder(EncodingLayer encoding, SpikingProtoNet cnn) {
        if (encoding.outputSize() != cnn.height() * cnn.width()) {
            throw new IllegalArgumentException("encoding has " + encoding.outputSize() + " neurons, the CNN takes "
                    + cnn.height() + "x" + cnn.width());
        }
        this.encoding = encoding;
        this.cnn = cnn;
    }

    public EncodingLayer encoding() {
        return encoding;
    }

    public SpikingProtoNet cnn() {
        return cnn;
    }

    /** Pixels per image. */
    public int imageSize() {
        return encoding.outputSize();
    }

    @Override
    public List<Parameter> parameters() {
        return Module.collect(encoding, cnn);
    }

    public Tape newTape() {
        return new Tape(this);
    }

    /** One worker's record of the image it ran last. */
    public static final class Tape {
        private final EncodingLayer.Tape encoded;
        private final SpikingStack.Tape cnn;
        private final float[] image;
        private boolean holdsImage;

        private Tape(SpikingImageEncoder e) {
            encoded = e.encoding.newTape();
            cnn = e.cnn.stack().newTape();
            image = new float[e.imageSize()];
        }

        /** The input spikes of the last image (the encoding layer's output). */
        public EncodingLayer.Tape encoded() {
            return encoded;
        }

        /** The CNN's layers for the last image. */
        public SpikingStack.Tape cnn() {
            return cnn;
        }

        /** The CNN output spikes (steps, 64) of the last image, with their sensitivity. */
        public SpikeTrain output() {
            return cnn.output();
        }
    }

    /** Runs image {@code x[off .. off + imageSize)} through the encoding and the CNN; the result is in the tape. */
    public SpikeTrain forward(float[] x, int off, Tape tape) {
        System.arraycopy(x, off, tape.image, 0, tape.image.length);
        encoding.forward(tape.image, 0, 1, tape.encoded);
        cnn.stack().forward(tape.encoded.spikes(), 0, tape.encoded.steps(), tape.cnn);
        tape.holdsImage = true;
        return tape.cnn.output();
    }

    /**
     * Adds the CNN parameters' gradients for image {@code x[off ..]} given {@code dL/d(output spikes)} at
     * {@code gOut[gOff ..]} (steps x 64). Pixels get no gradient (they are data, and the encoding is frozen).
     */
    public void backward(float[] x, int off, float[] gOut, int gOff, Tape tape, Gradients grads) {
        if (!tape.holdsImage || !Arrays.equals(tape.image, 0, tape.image.length, x, off, off + tape.image.length)) {
            forward(x, off, tape);
        }
        SpikeTrain out = tape.cnn.output();
        int n = out.steps() * out.size();
        float[] g = out.gradient();
        for (int i = 0; i < n; i++) {
            g[i] += gOut[gOff + i];
        }
        cnn.stack().backward(tape.cnn, grads, null, 0, null, 0);
        // the record now carries consumed gradients: a second backward of the same image must rerun the forward
        tape.holdsImage = false;
    }
}
