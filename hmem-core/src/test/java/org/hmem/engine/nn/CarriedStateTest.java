package org.hmem.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.hmem.engine.init.Init;
import org.hmem.engine.neuron.IafPscDelta;
import org.hmem.engine.neuron.NeuronState;
import org.hmem.engine.plasticity.InvertedOjaSoftBound;
import org.hmem.engine.tensor.CarriedState;
import org.hmem.engine.testkit.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Every stateful layer gives the same outputs and gradients whether a sequence runs in one call or in two calls with
 * the state carried across (BPTT through the carried state): spikes, final states and input gradients bit for bit,
 * parameter gradients (summed in another order) to rounding. A reset (starting from null) equals a fresh start.
 */
class CarriedStateTest {

    private static final IafPscDelta NEURON = IafPscDelta.defaults();
    private static final float PARAM_TOL = 1e-5f;

    private static float[] binary(SplittableRandom rng, int n, double p) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble() < p ? 1f : 0f;
        }
        return x;
    }

    private static float[] slice(float[] a, int from, int to) {
        return Arrays.copyOfRange(a, from, to);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static void add(float[] g, int from, float[] into, int n) {
        for (int i = 0; i < n; i++) {
            into[i] += g[from + i];
        }
    }

    /** Equal values (an exact comparison that does not distinguish +0 from -0). */
    private static void assertSameValues(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            if (!(expected[i] == actual[i])) {
                assertEquals(expected[i], actual[i], what + "[" + i + "]");
            }
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        float max = 0;
        for (float v : expected) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0, what + " must not be all zero");
        assertArrayEquals(expected, actual, PARAM_TOL * max, what);
    }

    private static void assertSpikes(float[] spikes, int n, String what) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            count += (int) spikes[i];
        }
        assertTrue(count > 5, what + " must spike for the comparison to mean something (" + count + " spikes)");
    }

    private static boolean anyNonZero(CarriedState s) {
        for (float[] t : s.tensors()) {
            for (float v : t) {
                if (v != 0f) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void encodingLayer() {
        int h = 30, items = 6, t = 25, split = 2;
        SplittableRandom rng = new SplittableRandom(1);
        EncodingLayer layer = new EncodingLayer("enc", h, h, 1, t, false, false, NEURON);
        float[] x = GradientCheck.uniform(rng, items * h, 0, 0.012);
        float[] g = GradientCheck.uniform(rng, items * t * h, -1, 1);

        EncodingLayer.Tape one = layer.newTape();
        layer.forward(x, 0, items, one);
        assertSpikes(one.spikes(), items * t * h, "the encoder");
        System.arraycopy(g, 0, one.output().gradient(), 0, g.length);
        float[] gxOne = new float[x.length];
        layer.backward(one, new Gradients(layer.parameters()), gxOne, 0, null, 0);

        EncodingLayer.Tape first = layer.newTape(), second = layer.newTape();
        layer.forward(x, 0, split, first);
        second.startFrom(first.finalState());
        layer.forward(x, split * h, items - split, second);
        assertArrayEquals(one.spikes(), concat(slice(first.spikes(), 0, split * t * h),
                slice(second.spikes(), 0, (items - split) * t * h)), "spikes");
        assertTrue(one.finalState().bitwiseEquals(second.finalState()), "final state");
        System.arraycopy(g, split * t * h, second.output().gradient(), 0, (items - split) * t * h);
        System.arraycopy(g, 0, first.output().gradient(), 0, split * t * h);
        float[] gxTwo = new float[x.length];
        layer.backward(second, new Gradients(layer.parameters()), gxTwo, split * h, null, 0);
        assertTrue(anyNonZero(second.initialStateGradient()), "gradient flows into the carried state");
        first.finalStateGradient().copyFrom(second.initialStateGradient());
        layer.backward(first, new Gradients(layer.parameters()), gxTwo, 0, null, 0);
        assertSameValues(gxOne, gxTwo, "dL/dx");
    }

    @Test
    void denseLayer() {
        int in = 20, h = 24, steps = 90, split = 37;
        SplittableRandom rng = new SplittableRandom(2);
        DenseLayer layer = new DenseLayer("d", in, h, 20f, NEURON);
        Init.xavierUniform(layer.weight(), 3 * Init.SQRT2, new SplittableRandom(3));
        float[] x = binary(rng, steps * in, 0.3);
        float[] gs = GradientCheck.uniform(rng, steps * h, -1, 1), gt = GradientCheck.uniform(rng, steps * h, -1, 1);

        DenseLayer.Tape one = layer.newTape();
        layer.forward(x, 0, steps, one);
        assertSpikes(one.output().spikes(), steps * h, "the dense layer");
        System.arraycopy(gs, 0, one.output().gradient(), 0, gs.length);
        System.arraycopy(gt, 0, one.tracesGradient(), 0, gt.length);
        Gradients gOne = new Gradients(layer.parameters());
        float[] gxOne = new float[x.length];
        layer.backward(one, gOne, gxOne, 0, null, 0);

        DenseLayer.Tape first = layer.newTape(), second = layer.newTape();
        layer.forward(x, 0, split, first);
        second.startFrom(first.finalState());
        layer.forward(x, split * in, steps - split, second);
        assertArrayEquals(slice(one.output().spikes(), 0, steps * h), concat(slice(first.output().spikes(), 0,
                split * h), slice(second.output().spikes(), 0, (steps - split) * h)), "spikes");
        assertArrayEquals(slice(one.traces(), 0, steps * h), concat(slice(first.traces(), 0, split * h),
                slice(second.traces(), 0, (steps - split) * h)), "traces");
        assertTrue(one.finalState().bitwiseEquals(second.finalState()), "final state");
        System.arraycopy(gs, split * h, second.output().gradient(), 0, (steps - split) * h);
        System.arraycopy(gt, split * h, second.tracesGradient(), 0, (steps - split) * h);
        System.arraycopy(gs, 0, first.output().gradient(), 0, split * h);
        System.arraycopy(gt, 0, first.tracesGradient(), 0, split * h);
        Gradients gTwo = new Gradients(layer.parameters());
        float[] gxTwo = new float[x.length];
        layer.backward(second, gTwo, gxTwo, split * in, null, 0);
        first.finalStateGradient().copyFrom(second.initialStateGradient());
        layer.backward(first, gTwo, gxTwo, 0, null, 0);
        assertSameValues(gxOne, gxTwo, "dL/dx");
        assertClose(weightGradient(gOne, layer.weight()), weightGradient(gTwo, layer.weight()), "dL/dW");
    }

    /** The gradient {@code g} holds for {@code p}, however it keeps it (the dense layer's is transposed). */
    private static float[] weightGradient(Gradients g, Parameter p) {
        p.zeroGrad();
        g.addTo();
        return p.grad().clone();
    }

    private static WritingLayer writingLayer() {
        WritingLayer layer = new WritingLayer("w", 16, 20, new InvertedOjaSoftBound(1f, 0.3f, 0.3f), 20f, NEURON, 0);
        Init.xavierUniform(layer.weight(), 3 * Init.SQRT2, new SplittableRandom(5));
        return layer;
    }

    @Test
    void writingLayer_memoryTracesAndNeuronsCarryOver() {
        int in = 16, n = 20, steps = 120, split = 53;
        SplittableRandom rng = new SplittableRandom(4);
        WritingLayer layer = writingLayer();
        float[] x = binary(rng, steps * in, 0.25);
        float[] gk = GradientCheck.uniform(rng, steps * n, -1, 1), gv = GradientCheck.uniform(rng, steps * n, -1, 1);
        float[] gMem = GradientCheck.uniform(rng, n * n, -1, 1);

        WritingLayer.Tape one = layer.newTape();
        layer.forward(x, 0, steps, one);
        assertSpikes(one.keys().spikes(), steps * n, "the keys");
        assertSpikes(one.values().spikes(), steps * n, "the values");
        System.arraycopy(gk, 0, one.keys().gradient(), 0, gk.length);
        System.arraycopy(gv, 0, one.values().gradient(), 0, gv.length);
        System.arraycopy(gMem, 0, one.finalStateGradient().memory(), 0, gMem.length);
        Gradients gOne = new Gradients(layer.parameters());
        float[] gxOne = new float[x.length];
        layer.backward(one, gOne, gxOne, 0, null, 0);

        WritingLayer.Tape first = layer.newTape(), second = layer.newTape();
        layer.forward(x, 0, split, first);
        second.startFrom(first.finalState());
        layer.forward(x, split * in, steps - split, second);
        assertArrayEquals(slice(one.keys().spikes(), 0, steps * n), concat(slice(first.keys().spikes(), 0,
                split * n), slice(second.keys().spikes(), 0, (steps - split) * n)), "keys");
        assertArrayEquals(slice(one.values().spikes(), 0, steps * n), concat(slice(first.values().spikes(), 0,
                split * n), slice(second.values().spikes(), 0, (steps - split) * n)), "values");
        assertTrue(one.finalState().bitwiseEquals(second.finalState()), "final state incl. memory");
        System.arraycopy(gk, split * n, second.keys().gradient(), 0, (steps - split) * n);
        System.arraycopy(gv, split * n, second.values().gradient(), 0, (steps - split) * n);
        System.arraycopy(gMem, 0, second.finalStateGradient().memory(), 0, gMem.length);
        System.arraycopy(gk, 0, first.keys().gradient(), 0, split * n);
        System.arraycopy(gv, 0, first.values().gradient(), 0, split * n);
        Gradients gTwo = new Gradients(layer.parameters());
        float[] gxTwo = new float[x.length];
        layer.backward(second, gTwo, gxTwo, split * in, null, 0);
        first.finalStateGradient().copyFrom(second.initialStateGradient());
        layer.backward(first, gTwo, gxTwo, 0, null, 0);
        assertSameValues(gxOne, gxTwo, "dL/dx");
        assertClose(gOne.of(layer.weight()), gTwo.of(layer.weight()), "dL/dW");
        assertSameValues(one.initialStateGradient().memory(), first.initialStateGradient().memory(),
                "dL/dM of the initial memory");
    }

    @Test
    void readingLayer_feedbackBufferCarriesOverAtAMultipleOfTheDelay() {
        int in = 18, n = 20, delay = 3, steps = 96, split = 36;
        SplittableRandom rng = new SplittableRandom(6);
        ReadingLayer layer = new ReadingLayer("r", in, n, delay, NEURON);
        Init.xavierUniform(layer.weight(), 3 * Init.SQRT2, new SplittableRandom(7));
        float[] x = binary(rng, steps * in, 0.25);
        float[] m = GradientCheck.uniform(rng, n * n, -0.3, 1.2);
        float[] gk = GradientCheck.uniform(rng, steps * n, -1, 1), gv = GradientCheck.uniform(rng, steps * n, -1, 1);

        ReadingLayer.Tape one = layer.newTape();
        layer.forward(x, 0, steps, m, 0, one);
        assertSpikes(one.keys().spikes(), steps * n, "the keys");
        assertSpikes(one.values().spikes(), steps * n, "the values");
        System.arraycopy(gk, 0, one.keys().gradient(), 0, gk.length);
        System.arraycopy(gv, 0, one.values().gradient(), 0, gv.length);
        Gradients gOne = new Gradients(layer.parameters());
        float[] gxOne = new float[x.length], gmOne = new float[n * n];
        layer.backward(one, gOne, gxOne, 0, null, 0, gmOne, 0);

        ReadingLayer.Tape first = layer.newTape(), second = layer.newTape();
        layer.forward(x, 0, split, m, 0, first);
        second.startFrom(first.finalState());
        layer.forward(x, split * in, steps - split, m, 0, second);
        assertArrayEquals(slice(one.keys().spikes(), 0, steps * n), concat(slice(first.keys().spikes(), 0,
                split * n), slice(second.keys().spikes(), 0, (steps - split) * n)), "keys");
        assertArrayEquals(slice(one.values().spikes(), 0, steps * n), concat(slice(first.values().spikes(), 0,
                split * n), slice(second.values().spikes(), 0, (steps - split) * n)), "values");
        assertTrue(one.finalState().bitwiseEquals(second.finalState()), "final state incl. feedback buffer");
        System.arraycopy(gk, split * n, second.keys().gradient(), 0, (steps - split) * n);
        System.arraycopy(gv, split * n, second.values().gradient(), 0, (steps - split) * n);
        System.arraycopy(gk, 0, first.keys().gradient(), 0, split * n);
        System.arraycopy(gv, 0, first.values().gradient(), 0, split * n);
        Gradients gTwo = new Gradients(layer.parameters());
        float[] gxTwo = new float[x.length], gmTwo = new float[n * n];
        layer.backward(second, gTwo, gxTwo, split * in, null, 0, gmTwo, 0);
        assertTrue(anyNonZero(second.initialStateGradient()), "gradient flows into the carried state");
        first.finalStateGradient().copyFrom(second.initialStateGradient());
        layer.backward(first, gTwo, gxTwo, 0, null, 0, gmTwo, 0);
        assertSameValues(gxOne, gxTwo, "dL/dx");
        assertClose(gOne.of(layer.weight()), gTwo.of(layer.weight()), "dL/dW");
        assertClose(gmOne, gmTwo, "dL/dM");
    }

    @Test
    void aResetMidSequenceEqualsAFreshStart() {
        int in = 16, n = 20, steps = 60;
        SplittableRandom rng = new SplittableRandom(8);
        WritingLayer layer = writingLayer();
        float[] earlier = binary(rng, steps * in, 0.3), x = binary(rng, steps * in, 0.25);
        float[] gk = GradientCheck.uniform(rng, steps * n, -1, 1);
        float[] gMem = GradientCheck.uniform(rng, n * n, -1, 1);

        WritingLayer.Tape previous = layer.newTape(), reset = layer.newTape(), fresh = layer.newTape();
        layer.forward(earlier, 0, steps, previous);
        reset.startFrom(previous.finalState());
        layer.forward(x, 0, steps, reset);
        assertTrue(anyNonZero(previous.finalState()), "there is state to discard");
        reset.startFrom(null); // an episode boundary of this sample
        layer.forward(x, 0, steps, reset);
        layer.forward(x, 0, steps, fresh);
        assertTrue(fresh.finalState().bitwiseEquals(reset.finalState()), "final state");
        assertArrayEquals(slice(fresh.keys().spikes(), 0, steps * n), slice(reset.keys().spikes(), 0, steps * n));
        Gradients gFresh = new Gradients(layer.parameters()), gReset = new Gradients(layer.parameters());
        float[] gxFresh = new float[x.length], gxReset = new float[x.length];
        for (WritingLayer.Tape tape : new WritingLayer.Tape[] {fresh, reset}) {
            System.arraycopy(gk, 0, tape.keys().gradient(), 0, gk.length);
            System.arraycopy(gMem, 0, tape.finalStateGradient().memory(), 0, gMem.length);
        }
        layer.backward(fresh, gFresh, gxFresh, 0, null, 0);
        layer.backward(reset, gReset, gxReset, 0, null, 0);
        assertArrayEquals(gxFresh, gxReset);
        assertArrayEquals(gFresh.of(layer.weight()), gReset.of(layer.weight()));
    }

    @Test
    void backwardOnlyReadsTheFinalStateGradientSoItCanRepeat() {
        SplittableRandom rng = new SplittableRandom(9);
        WritingLayer layer = writingLayer();
        float[] x = binary(rng, 40 * 16, 0.3);
        WritingLayer.Tape tape = layer.newTape();
        layer.forward(x, 0, 40, tape);
        System.arraycopy(GradientCheck.uniform(rng, 400, -1, 1), 0, tape.finalStateGradient().memory(), 0, 400);
        float[] before = tape.finalStateGradient().memory().clone();
        Gradients a = new Gradients(layer.parameters()), b = new Gradients(layer.parameters());
        layer.backward(tape, a, null, 0, null, 0);
        NeuronState keysGradient = tape.initialStateGradient().keys();
        float[] first = keysGradient.tensors().get(1).clone();
        layer.backward(tape, b, null, 0, null, 0);
        assertArrayEquals(before, tape.finalStateGradient().memory());
        assertArrayEquals(first, tape.initialStateGradient().keys().tensors().get(1));
        assertArrayEquals(a.of(layer.weight()), b.of(layer.weight()));
    }
}
