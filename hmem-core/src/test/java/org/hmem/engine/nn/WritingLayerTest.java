package org.hmem.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.hmem.engine.init.Init;
import org.hmem.engine.neuron.IafPscDelta;
import org.hmem.engine.plasticity.InvertedOjaSoftBound;
import org.hmem.engine.testkit.GradientCheck;
import org.junit.jupiter.api.Test;

class WritingLayerTest {

    private static final int IN = 12, N = 8, STEPS = 150;

    private static float[] spikes(SplittableRandom rng, int steps, int n, double p) {
        float[] x = new float[steps * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() < p ? 1f : 0f;
        }
        return x;
    }

    private record Result(float[] keys, float[] values, float[] memory, float[] gW, float[] gx) {
    }

    private static Result run(int interval, float[] x, int firstStep, float[] weights) {
        WritingLayer layer = new WritingLayer("w", IN, N, new InvertedOjaSoftBound(1f, 0.3f, 0.3f), 20f,
                IafPscDelta.defaults(), interval);
        layer.weight().set(weights);
        WritingLayer.Tape tape = layer.newTape();
        tape.silentPrefix(firstStep);
        layer.forward(x, 0, STEPS, tape);
        SplittableRandom rng = new SplittableRandom(3);
        System.arraycopy(GradientCheck.uniform(rng, STEPS * N, -1, 1), 0, tape.keys().gradient(), 0, STEPS * N);
        System.arraycopy(GradientCheck.uniform(rng, STEPS * N, -1, 1), 0, tape.values().gradient(), 0, STEPS * N);
        System.arraycopy(GradientCheck.uniform(rng, N * N, -1, 1), 0, tape.finalStateGradient().memory(), 0, N * N);
        Gradients g = new Gradients(layer.parameters());
        float[] gx = new float[STEPS * IN];
        layer.backward(tape, g, gx, 0, null, 0);
        return new Result(Arrays.copyOf(tape.keys().spikes(), STEPS * N),
                Arrays.copyOf(tape.values().spikes(), STEPS * N), tape.memory().clone(), g.of(layer.weight()).clone(),
                gx);
    }

    private static float[] weights() {
        Parameter p = new Parameter("w", true, 2 * N, IN);
        Init.xavierUniform(p, 3 * Init.SQRT2, new SplittableRandom(5));
        return p.data();
    }

    @Test
    void checkpointIntervalDoesNotChangeAnyBit() {
        float[] x = spikes(new SplittableRandom(1), STEPS, IN, 0.2);
        float[] w = weights();
        Result every = run(1, x, 0, w);
        assertTrue(sum(every.values()) > 10 && sum(every.keys()) > 10, "the test network must spike");
        for (int interval : new int[] {0, 7, 50, STEPS, 1000}) {
            Result r = run(interval, x, 0, w);
            assertArrayEquals(every.memory(), r.memory(), "memory, interval " + interval);
            assertArrayEquals(every.gW(), r.gW(), "dL/dW, interval " + interval);
            assertArrayEquals(every.gx(), r.gx(), "dL/dx, interval " + interval);
        }
    }

    @Test
    void skippingLeadingSilentStepsIsExact() {
        float[] x = spikes(new SplittableRandom(2), STEPS, IN, 0.2);
        Arrays.fill(x, 0, 40 * IN, 0f);
        float[] w = weights();
        Result full = run(0, x, 0, w);
        Result skipped = run(0, x, 40, w);
        assertArrayEquals(full.keys(), skipped.keys());
        assertArrayEquals(full.values(), skipped.values());
        assertArrayEquals(full.memory(), skipped.memory());
        assertArrayEquals(full.gW(), skipped.gW());
        assertArrayEquals(full.gx(), skipped.gx(), 1e-6f);
    }

    private static float sum(float[] a) {
        float s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }
}
