package org.hmem.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.hmem.engine.init.Init;
import org.hmem.engine.neuron.IafPscDelta;
import org.hmem.engine.plasticity.InvertedOjaSoftBound;
import org.hmem.engine.testkit.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Input gradients computed under a mask equal the unmasked ones wherever the mask is non-zero (bit for bit), leave
 * the other entries untouched, and change nothing else (weight gradients, memory gradient).
 */
class MaskedInputGradientTest {

    private static final int IN = 24, N = 10, STEPS = 120;

    private static float[] binary(SplittableRandom rng, int n, double p) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble() < p ? 1f : 0f;
        }
        return x;
    }

    /** A mask like a surrogate record: mostly zero, otherwise values in (0, 1]. */
    private static float[] mask(SplittableRandom rng, int n) {
        float[] m = new float[n];
        for (int i = 0; i < n; i++) {
            m[i] = rng.nextDouble() < 0.3 ? (float) (1 - rng.nextDouble()) : 0f;
        }
        return m;
    }

    private static float[] sentinel(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 7f);
        return a;
    }

    private static void assertMasked(float[] full, float[] masked, float[] mask, float fill) {
        int selected = 0;
        for (int i = 0; i < full.length; i++) {
            if (mask[i] != 0f) {
                assertEquals(full[i], masked[i], "selected entry " + i);
                selected++;
            } else {
                assertEquals(fill, masked[i], "unselected entry " + i + " must stay untouched");
            }
        }
        assertTrue(selected > 0);
    }

    @Test
    void writingLayer() {
        for (int firstStep : new int[] {0, 30}) {
            SplittableRandom rng = new SplittableRandom(1 + firstStep);
            float[] x = binary(rng, STEPS * IN, 0.25);
            java.util.Arrays.fill(x, 0, firstStep * IN, 0f);
            float[] mask = mask(rng, STEPS * IN);
            WritingLayer layer = new WritingLayer("w", IN, N, new InvertedOjaSoftBound(1f, 0.3f, 0.3f), 20f,
                    IafPscDelta.defaults(), 0);
            Init.xavierUniform(layer.weight(), 3 * Init.SQRT2, new SplittableRandom(2));
            float[] gKeys = GradientCheck.uniform(rng, STEPS * N, -1, 1);
            float[] gValues = GradientCheck.uniform(rng, STEPS * N, -1, 1);
            float[] gMem = GradientCheck.uniform(rng, N * N, -1, 1);
            WritingLayer.Tape tape = layer.newTape();
            tape.silentPrefix(firstStep);
            layer.forward(x, 0, STEPS, tape);
            System.arraycopy(gKeys, 0, tape.keys().gradient(), 0, gKeys.length);
            System.arraycopy(gValues, 0, tape.values().gradient(), 0, gValues.length);
            System.arraycopy(gMem, 0, tape.finalStateGradient().memory(), 0, gMem.length);
            Gradients gFull = new Gradients(layer.parameters());
            float[] full = sentinel(STEPS * IN);
            layer.backward(tape, gFull, full, 0, null, 0);
            Gradients gMasked = new Gradients(layer.parameters());
            float[] masked = sentinel(STEPS * IN + 5);
            float[] shiftedMask = new float[STEPS * IN + 3];
            System.arraycopy(mask, 0, shiftedMask, 3, mask.length);
            layer.backward(tape, gMasked, masked, 5, shiftedMask, 3);
            assertMasked(full, java.util.Arrays.copyOfRange(masked, 5, 5 + STEPS * IN), mask, 7f);
            assertArrayEquals(gFull.of(layer.weight()), gMasked.of(layer.weight()));
        }
    }

    @Test
    void readingLayer() {
        SplittableRandom rng = new SplittableRandom(3);
        float[] x = binary(rng, STEPS * IN, 0.25);
        float[] mask = mask(rng, STEPS * IN);
        float[] memory = GradientCheck.uniform(rng, N * N, -0.5, 1.5);
        ReadingLayer layer = new ReadingLayer("r", IN, N, 2, IafPscDelta.defaults());
        Init.xavierUniform(layer.weight(), 3 * Init.SQRT2, new SplittableRandom(4));
        float[] gKeys = GradientCheck.uniform(rng, STEPS * N, -1, 1);
        float[] gValues = GradientCheck.uniform(rng, STEPS * N, -1, 1);
        ReadingLayer.Tape tape = layer.newTape();
        layer.forward(x, 0, STEPS, memory, 0, tape);
        System.arraycopy(gKeys, 0, tape.keys().gradient(), 0, gKeys.length);
        System.arraycopy(gValues, 0, tape.values().gradient(), 0, gValues.length);
        Gradients gFull = new Gradients(layer.parameters());
        float[] full = sentinel(STEPS * IN);
        float[] gmFull = new float[N * N];
        layer.backward(tape, gFull, full, 0, null, 0, gmFull, 0);
        Gradients gMasked = new Gradients(layer.parameters());
        float[] masked = sentinel(STEPS * IN);
        float[] gmMasked = new float[N * N];
        layer.backward(tape, gMasked, masked, 0, mask, 0, gmMasked, 0);
        assertMasked(full, masked, mask, 7f);
        assertArrayEquals(gFull.of(layer.weight()), gMasked.of(layer.weight()));
        assertArrayEquals(gmFull, gmMasked);
    }

    @Test
    void denseLayer() {
        SplittableRandom rng = new SplittableRandom(5);
        float[] x = binary(rng, STEPS * IN, 0.25);
        float[] mask = mask(rng, STEPS * IN);
        DenseLayer layer = new DenseLayer("d", IN, N, 20f, IafPscDelta.defaults());
        Init.xavierUniform(layer.weight(), 3 * Init.SQRT2, new SplittableRandom(6));
        float[] gSpikes = GradientCheck.uniform(rng, STEPS * N, -1, 1);
        float[] gTraces = GradientCheck.uniform(rng, STEPS * N, -1, 1);
        DenseLayer.Tape tape = layer.newTape();
        layer.forward(x, 0, STEPS, tape);
        System.arraycopy(gSpikes, 0, tape.output().gradient(), 0, gSpikes.length);
        System.arraycopy(gTraces, 0, tape.tracesGradient(), 0, gTraces.length);
        Gradients gFull = new Gradients(layer.parameters());
        float[] full = sentinel(STEPS * IN);
        layer.backward(tape, gFull, full, 0, null, 0);
        Gradients gMasked = new Gradients(layer.parameters());
        float[] masked = sentinel(STEPS * IN);
        layer.backward(tape, gMasked, masked, 0, mask, 0);
        assertMasked(full, masked, mask, 7f);
        // the dense layer accumulates dL/dW transposed; addTo brings it into the parameter's gradient
        layer.weight().zeroGrad();
        gFull.addTo();
        float[] weightGradient = layer.weight().grad().clone();
        layer.weight().zeroGrad();
        gMasked.addTo();
        assertArrayEquals(weightGradient, layer.weight().grad());
        assertTrue(maxAbs(weightGradient) > 0, "the weights get a gradient");
    }

    private static float maxAbs(float[] a) {
        float m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
