package org.hmem.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;

import org.hmem.engine.neuron.IafPscDelta;
import org.hmem.engine.testkit.GradientCheck;
import org.junit.jupiter.api.Test;

class EncodingLayerTest {

    @Test
    void singleRowInputIsBroadcastSoTheCurrentIsScaledByTheRowCount() {
        EncodingLayer layer = new EncodingLayer("enc", 8, 8, 1, 10, false, false, IafPscDelta.defaults());
        EncodingLayer.Tape tape = layer.newTape();
        float[] x = {0.01f, -0.02f, 0.03f, 0, 0, 0, 0, 0.5f};
        layer.forward(x, 0, 1, tape);
        for (int h = 0; h < 8; h++) {
            assertEquals(8 * x[h], tape.current()[h], 1e-6f);
        }
    }

    @Test
    void maskedLastRowGetsNoGradientWhileOthersDo() {
        int p = 3, h = 6, items = 4;
        SplittableRandom rng = new SplittableRandom(4);
        EncodingLayer layer = new EncodingLayer("enc", p, h, p, 20, true, true, IafPscDelta.defaults());
        EncodingLayer.Tape tape = layer.newTape();
        float[] x = GradientCheck.uniform(rng, items * p * h, 0, 0.3);
        layer.forward(x, 0, items, tape);
        float[] gSpikes = GradientCheck.uniform(rng, items * 20 * h, -1, 1);
        System.arraycopy(gSpikes, 0, tape.output().gradient(), 0, gSpikes.length);
        Gradients g = new Gradients(layer.parameters());
        layer.backward(tape, g, null, 0, null, 0);
        float[] ge = g.of(layer.encoding());
        double rows = 0;
        for (int k = 0; k < h; k++) {
            assertEquals(0f, ge[(p - 1) * h + k]);
            rows += Math.abs(ge[k]) + Math.abs(ge[h + k]);
        }
        assertNotEquals(0.0, rows);
    }
}
