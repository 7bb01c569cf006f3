package org.hmem.engine.nn;

import java.util.SplittableRandom;

import org.hmem.engine.plasticity.InvertedOjaSoftBound;
import org.hmem.engine.testkit.GradientCheck;
import org.junit.jupiter.api.Test;

/** The ReLU memory layers are smooth almost everywhere: finite differences check their BPTT. */
class ReluLayersTest {

    @Test
    void writeThenReadGradientsMatchFiniteDifferences() {
        int in = 6, n = 5, items = 4;
        SplittableRandom rng = new SplittableRandom(9);
        WritingLayerRelu writing = new WritingLayerRelu("w", in, n, new InvertedOjaSoftBound(1f, 0.3f, 0.3f), 2);
        ReadingLayerRelu reading = new ReadingLayerRelu("r", in, n);
        writing.weight().set(GradientCheck.uniform(rng, 2 * n * in, -1, 1));
        reading.weight().set(GradientCheck.uniform(rng, n * in, -1, 1));
        float[] x = GradientCheck.uniform(rng, items * in, 0, 1);
        float[] q = GradientCheck.uniform(rng, in, 0, 1);
        float[] r = GradientCheck.uniform(rng, n, -1, 1);
        float[] rk = GradientCheck.uniform(rng, items * n, -1, 1);
        WritingLayerRelu.Tape wt = writing.newTape();
        ReadingLayerRelu.Tape rt = reading.newTape();
        java.util.function.DoubleSupplier loss = () -> {
            writing.forward(x, 0, items, wt);
            reading.forward(q, 0, 1, wt.memory(), 0, rt);
            double keys = 0;
            for (int s = 0; s < items; s++) {
                for (int i = 0; i < n; i++) {
                    keys += wt.activations()[s * 2 * n + i] * rk[s * n + i];
                }
            }
            return GradientCheck.dot(rt.values(), r, n) + keys;
        };
        loss.getAsDouble();
        Gradients g = new Gradients(Module.collect(writing, reading));
        float[] gm = new float[n * n];
        float[] gq = new float[in];
        float[] gx = new float[items * in];
        reading.backward(null, r, rt, g, gq, 0, gm, 0);
        writing.backward(rk, null, gm, wt, g, gx, 0);
        GradientCheck.check("writing W", writing.weight().data(), g.of(writing.weight()), loss, 1e-3f, 1e-2);
        GradientCheck.check("reading W", reading.weight().data(), g.of(reading.weight()), loss, 1e-3f, 1e-2);
        GradientCheck.check("x", x, gx, loss, 1e-3f, 1e-2);
        GradientCheck.check("query", q, gq, loss, 1e-3f, 1e-2);
    }
}
