package org.hmem.engine.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.hmem.engine.init.Init;
import org.hmem.engine.neuron.IafPscDelta;
import org.hmem.engine.nn.EncodingLayer;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.surrogate.TriangleSurrogate;
import org.junit.jupiter.api.Test;

/** The tape-by-recomputation of {@link SpikingImageEncoder}: a recomputed record gives the very same gradients. */
class SpikingImageEncoderTest {

    private static final int T = 12;

    private static SpikingImageEncoder encoder() {
        IafPscDelta lif = new IafPscDelta(0.1f, false, 3, 20f, new TriangleSurrogate(1f));
        SpikingProtoNet cnn = new SpikingProtoNet("cnn", 28, 28, T, lif, true, 0.1f, 3);
        SplittableRandom rng = new SplittableRandom(3);
        for (SpikingConv2d conv : cnn.convolutions()) {
            Init.xavierUniform(conv.weight(), Init.SQRT2, rng);
            Init.uniform(conv.bias(), 0.1, rng);
        }
        return new SpikingImageEncoder(new EncodingLayer("enc", 1, 784, 1, T, false, false, lif), cnn);
    }

    private static float[] image(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[784];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() < 0.2 ? 1f : 0f;
        }
        return x;
    }

    @Test
    void recomputedRecordGivesTheSameGradients() {
        SpikingImageEncoder e = encoder();
        float[] a = image(1), b = image(2);
        float[] gOut = new float[T * 64];
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < gOut.length; i++) {
            gOut[i] = (float) rng.nextGaussian();
        }
        SpikingImageEncoder.Tape tape = e.newTape();
        Gradients direct = new Gradients(e.parameters());
        e.forward(a, 0, tape);
        e.backward(a, 0, gOut, 0, tape, direct);

        Gradients recomputed = new Gradients(e.parameters());
        e.forward(a, 0, tape);
        e.forward(b, 0, tape);
        e.backward(a, 0, gOut, 0, tape, recomputed);
        boolean any = false;
        for (var p : e.parameters()) {
            if (direct.of(p) != null) {
                assertArrayEquals(direct.of(p), recomputed.of(p), 0f, p.name());
                for (float g : direct.of(p)) {
                    any |= g != 0f;
                }
            }
        }
        assertTrue(any, "some weight gradient must be non-zero");
    }
}
