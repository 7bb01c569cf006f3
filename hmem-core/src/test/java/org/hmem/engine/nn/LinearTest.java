package org.hmem.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;

import org.hmem.engine.testkit.GradientCheck;
import org.junit.jupiter.api.Test;

class LinearTest {

    private final SplittableRandom rng = new SplittableRandom(1);

    @Test
    void forwardIsXTimesWeightTransposedPlusBias() {
        Linear lin = new Linear("l", 2, 3, true);
        lin.weight().set(new float[] {1, 2, 3, 4, 5, 6});
        lin.bias().set(new float[] {0.5f, -1, 0});
        float[] y = new float[3];
        lin.forward(new float[] {1, -1}, 0, 1, y, 0);
        assertEquals(-1 + 0.5f, y[0]);
        assertEquals(-1 - 1f, y[1]);
        assertEquals(-1f, y[2]);
        assertEquals(List.of("l.weight", "l.bias"), lin.namedParameters().keySet().stream().toList());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        int in = 4, out = 3, rows = 5;
        Linear lin = new Linear("l", in, out, true);
        lin.weight().set(GradientCheck.uniform(rng, in * out, -1, 1));
        lin.bias().set(GradientCheck.uniform(rng, out, -1, 1));
        float[] x = GradientCheck.uniform(rng, rows * in, -1, 1);
        float[] r = GradientCheck.uniform(rng, rows * out, -1, 1);
        float[] y = new float[rows * out];
        Gradients g = new Gradients(lin.parameters());
        float[] gx = new float[rows * in];
        lin.forward(x, 0, rows, y, 0);
        lin.backward(r, 0, x, 0, rows, g, gx, 0);
        Runnable fwd = () -> lin.forward(x, 0, rows, y, 0);
        GradientCheck.check("W", lin.weight().data(), g.of(lin.weight()), () -> {
            fwd.run();
            return GradientCheck.dot(y, r, y.length);
        }, 1e-2f, 1e-3);
        GradientCheck.check("b", lin.bias().data(), g.of(lin.bias()), () -> {
            fwd.run();
            return GradientCheck.dot(y, r, y.length);
        }, 1e-2f, 1e-3);
        GradientCheck.check("x", x, gx, () -> {
            fwd.run();
            return GradientCheck.dot(y, r, y.length);
        }, 1e-2f, 1e-3);
    }
}
