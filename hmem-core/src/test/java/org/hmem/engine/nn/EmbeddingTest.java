package org.hmem.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.hmem.engine.testkit.GradientCheck;
import org.junit.jupiter.api.Test;

class EmbeddingTest {

    @Test
    void gradientAccumulatesPerOccurrenceAndSkipsThePaddingRow() {
        Embedding emb = new Embedding("e", 4, 3, 0);
        emb.weight().set(GradientCheck.uniform(new SplittableRandom(2), 12, -1, 1));
        emb.zeroPaddingRow();
        int[] idx = {2, 0, 2, 3};
        float[] y = new float[idx.length * 3];
        emb.forward(idx, 0, idx.length, y, 0);
        assertArrayEquals(new float[] {0, 0, 0}, java.util.Arrays.copyOfRange(y, 3, 6));
        float[] r = GradientCheck.uniform(new SplittableRandom(3), y.length, -1, 1);
        Gradients g = new Gradients(emb.parameters());
        emb.backward(idx, 0, idx.length, r, 0, g);
        float[] gw = g.of(emb.weight());
        for (int k = 0; k < 3; k++) {
            assertEquals(0f, gw[k], "padding row gets no gradient");
            assertEquals(0f, gw[3 + k], "unused row gets no gradient");
            assertEquals(r[k] + r[6 + k], gw[6 + k], 1e-7, "row 2 used twice");
            assertEquals(r[9 + k], gw[9 + k], 0f);
        }
        GradientCheck.check("embedding rows", emb.weight().data(), gw, () -> {
            emb.forward(idx, 0, idx.length, y, 0);
            double s = GradientCheck.dot(y, r, y.length);
            // the padding row is excluded from the loss by construction of the layer: its output is read but
            // PyTorch gives it no gradient, so drop its contribution from the numeric slope too
            for (int k = 0; k < 3; k++) {
                s -= (double) emb.weight().data()[k] * r[3 + k];
            }
            return s;
        }, 1e-2f, 1e-3);
    }

    @Test
    void outOfRangeIndexIsRejected() {
        Embedding emb = new Embedding("e", 4, 3, -1);
        assertThrows(IndexOutOfBoundsException.class, () -> emb.forward(new int[] {4}, 0, 1, new float[3], 0));
    }
}
