package org.hmem.engine.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.hmem.engine.nn.Parameter;
import org.hmem.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

class OptimTest {

    @Test
    void adamTwoStepsMatchHandComputedValues() {
        Parameter p = new Parameter("p", true, 2);
        p.set(new float[] {1f, -2f});
        Parameter frozen = new Parameter("f", false, 1);
        frozen.set(new float[] {3f});
        Adam adam = new Adam(List.of(p, frozen), 0.1);
        double[] m = new double[2], v = new double[2], x = {1, -2};
        float[][] grads = {{0.5f, -1f}, {0.25f, 2f}};
        for (int step = 1; step <= 2; step++) {
            p.set(p.data().clone());
            System.arraycopy(grads[step - 1], 0, p.grad(), 0, 2);
            adam.step();
            for (int i = 0; i < 2; i++) {
                double g = grads[step - 1][i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(0.999, step)) + 1e-8;
                x[i] -= 0.1 / (1 - Math.pow(0.9, step)) * m[i] / denom;
                assertEquals(x[i], p.data()[i], 1e-6, "step " + step + " element " + i);
            }
        }
        assertEquals(3f, frozen.data()[0], "frozen parameter unchanged");
        assertEquals(2, adam.stepCount());
    }

    @Test
    void adamStateRoundTripsAndRejectsMismatches() {
        Parameter p = new Parameter("p", true, 3);
        Adam a = new Adam(List.of(p), 0.01);
        p.grad()[1] = 1f;
        a.step();
        Map<String, Tensor> state = a.stateDict();
        Adam b = new Adam(List.of(p), 0.01);
        b.loadStateDict(state);
        assertEquals(1, b.stepCount());
        assertArrayEquals(state.get("p.exp_avg").data(), b.stateDict().get("p.exp_avg").data());
        Parameter q = new Parameter("q", true, 3);
        Adam c = new Adam(List.of(q), 0.01);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.loadStateDict(state));
        assertEquals(true, e.getMessage().contains("missing [q.exp_avg"));
    }

    @Test
    void clippingScalesOnlyAboveTheLimitAndNonPositiveMeansOff() {
        Parameter p = new Parameter("p", true, 2);
        p.grad()[0] = 3f;
        p.grad()[1] = 4f;
        assertEquals(5.0, GradientClipping.clip(List.of(p), 10), 1e-9);
        assertArrayEquals(new float[] {3f, 4f}, p.grad());
        assertEquals(5.0, GradientClipping.clip(List.of(p), 0), 1e-9);
        assertArrayEquals(new float[] {3f, 4f}, p.grad());
        GradientClipping.clip(List.of(p), 1);
        double c = 1 / (5 + 1e-6);
        assertArrayEquals(new float[] {(float) (3 * c), (float) (4 * c)}, p.grad(), 1e-7f);
    }

    @Test
    void stepDecayFollowsTheReferenceSchedule() {
        StepDecaySchedule s = new StepDecaySchedule(0.003, 0.85, 20);
        assertEquals(0.003, s.at(0), 1e-15);
        assertEquals(0.003, s.at(19), 1e-15);
        assertEquals(0.003 * 0.85, s.at(20), 1e-15);
        assertEquals(0.003 * 0.85 * 0.85, s.at(45), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new StepDecaySchedule(1, 1, 0));
    }
}
