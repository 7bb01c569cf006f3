package org.hmem.engine.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.optim.Adam;
import org.hmem.engine.testkit.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchNorm2dTest {

    private final SplittableRandom rng = new SplittableRandom(9);

    // channel-last, batch 2, plane 2, channels 2: channel 0 holds 1, 2 (sample 0) and 3, 6 (sample 1); channel 1
    // holds 5, 5, 5, 1
    private static final float[] X = {1f, 5f, 2f, 5f, 3f, 5f, 6f, 1f};

    @Test
    void stateDictNamesAndBuffersAreFrozen() {
        BatchNorm2d bn = new BatchNorm2d("encoder.0.1", 3);
        List<String> names = bn.parameters().stream().map(Parameter::name).toList();
        assertEquals(List.of("encoder.0.1.weight", "encoder.0.1.bias", "encoder.0.1.running_mean",
                "encoder.0.1.running_var", "encoder.0.1.num_batches_tracked"), names);
        assertTrue(bn.weight().trainable());
        assertTrue(bn.bias().trainable());
        assertFalse(bn.runningMean().trainable());
        assertFalse(bn.runningVar().trainable());
        assertFalse(bn.numBatchesTracked().trainable());
        assertArrayEquals(new int[0], bn.numBatchesTracked().shape());
        assertArrayEquals(new float[] {1f, 1f, 1f}, bn.weight().data());
        assertArrayEquals(new float[] {0f, 0f, 0f}, bn.bias().data());
        assertArrayEquals(new float[] {0f, 0f, 0f}, bn.runningMean().data());
        assertArrayEquals(new float[] {1f, 1f, 1f}, bn.runningVar().data());
        Gradients grads = new Gradients(bn.parameters());
        assertNull(grads.of(bn.runningMean()));
        assertNull(grads.of(bn.numBatchesTracked()));
    }

    @Test
    void trainingNormalisesWithTheBiasedBatchVarianceAndUpdatesRunningStats() {
        BatchNorm2d bn = new BatchNorm2d("bn", 2);
        bn.weight().set(new float[] {2f, 1f});
        bn.bias().set(new float[] {0.5f, -1f});
        float[] y = new float[8];
        bn.forward(X, 2, 2, y, true, bn.newTape());
        // channel 0: mean 3, biased var 14/4, unbiased 14/3; channel 1: mean 4, biased var 12/4, unbiased 4
        double s0 = 2 / Math.sqrt(3.5 + 1e-5), s1 = 1 / Math.sqrt(3 + 1e-5);
        double[] expected = {-2 * s0 + 0.5, 1 * s1 - 1, -1 * s0 + 0.5, 1 * s1 - 1, 0.5, 1 * s1 - 1, 3 * s0 + 0.5,
            -3 * s1 - 1};
        for (int i = 0; i < 8; i++) {
            assertEquals(expected[i], y[i], 1e-6, "y" + i);
        }
        assertEquals(0.3f, bn.runningMean().data()[0], 1e-7f);
        assertEquals(0.4f, bn.runningMean().data()[1], 1e-7f);
        assertEquals(0.9 + 0.1 * 14 / 3.0, bn.runningVar().data()[0], 1e-6);
        assertEquals(0.9 + 0.1 * 4, bn.runningVar().data()[1], 1e-6);
        assertEquals(1f, bn.numBatchesTracked().data()[0]);
        bn.forward(X, 2, 2, y, true, bn.newTape());
        assertEquals(0.9 * 0.3 + 0.1 * 3, bn.runningMean().data()[0], 1e-6);
        assertEquals(0.9 * (0.9 + 0.1 * 14 / 3.0) + 0.1 * 14 / 3.0, bn.runningVar().data()[0], 1e-6);
        assertEquals(2f, bn.numBatchesTracked().data()[0]);
    }

    @Test
    void evaluationUsesTheRunningStatsAndChangesNothing() {
        BatchNorm2d bn = new BatchNorm2d("bn", 2);
        bn.weight().set(new float[] {2f, 1f});
        bn.bias().set(new float[] {0.5f, -1f});
        bn.runningMean().set(new float[] {1f, -2f});
        bn.runningVar().set(new float[] {4f, 0.25f});
        bn.numBatchesTracked().set(new float[] {7f});
        float[] y = new float[8];
        bn.forward(X, 2, 2, y, false, bn.newTape());
        for (int i = 0; i < 8; i++) {
            int c = i % 2;
            double expected = c == 0 ? (X[i] - 1) / Math.sqrt(4 + 1e-5) * 2 + 0.5 : (X[i] + 2) / Math.sqrt(0.25 + 1e-5)
                    - 1;
            assertEquals(expected, y[i], 1e-5, "y" + i);
        }
        assertArrayEquals(new float[] {1f, -2f}, bn.runningMean().data());
        assertArrayEquals(new float[] {4f, 0.25f}, bn.runningVar().data());
        assertEquals(7f, bn.numBatchesTracked().data()[0]);
    }

    @Test
    void oneValuePerChannelIsRefusedInTrainingOnly() {
        BatchNorm2d bn = new BatchNorm2d("bn", 1);
        float[] y = new float[1];
        assertThrows(IllegalArgumentException.class, () -> bn.forward(new float[] {1f}, 1, 1, y, true,
                bn.newTape()));
        bn.forward(new float[] {1f}, 1, 1, y, false, bn.newTape());
        assertEquals(1 / Math.sqrt(1 + 1e-5), y[0], 1e-6);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void gradientsMatchFiniteDifferences(boolean training) {
        int batch = 3, channels = 2, plane = 5;
        BatchNorm2d bn = new BatchNorm2d("bn", channels);
        bn.weight().set(new float[] {1.5f, -0.7f});
        bn.bias().set(new float[] {0.2f, 0.3f});
        bn.runningMean().set(new float[] {0.1f, -0.2f});
        bn.runningVar().set(new float[] {0.8f, 1.3f});
        float[] x = GradientCheck.uniform(rng, batch * channels * plane, -2, 2);
        float[] r = GradientCheck.uniform(rng, x.length, -1, 1);
        float[] y = new float[x.length];
        BatchNorm2d.Tape tape = bn.newTape();
        bn.forward(x, batch, plane, y, training, tape);
        Gradients grads = new Gradients(bn.parameters());
        float[] gx = new float[x.length];
        bn.backward(tape, r, grads, gx);
        grads.addTo();
        DoubleSupplier loss = () -> {
            bn.forward(x, batch, plane, y, training, bn.newTape());
            return GradientCheck.dot(y, r, y.length);
        };
        GradientCheck.check("dL/dx", x, gx, loss, 1e-2f, 2e-3);
        GradientCheck.check("dL/dweight", bn.weight().data(), bn.weight().grad(), loss, 1e-2f, 1e-3);
        GradientCheck.check("dL/dbias", bn.bias().data(), bn.bias().grad(), loss, 1e-2f, 1e-3);
        assertArrayEquals(new float[channels], bn.runningMean().grad(), "buffers get no gradient");
    }

    /**
     * 64 channels (whole vectors for the SIMD kernels) against the definition in double: the statistics combined
     * per sample, the normalised values, the parameter gradients and the input gradient through the batch
     * statistics.
     */
    @Test
    void wideLayerMatchesTheDefinition() {
        int batch = 3, channels = 64, plane = 7;
        BatchNorm2d bn = new BatchNorm2d("bn", channels);
        bn.weight().set(GradientCheck.uniform(rng, channels, 0.5f, 1.5f));
        bn.bias().set(GradientCheck.uniform(rng, channels, -0.5f, 0.5f));
        float[] x = GradientCheck.uniform(rng, batch * plane * channels, -2, 3);
        float[] gy = GradientCheck.uniform(rng, x.length, -1, 1);
        float[] y = new float[x.length];
        BatchNorm2d.Tape tape = bn.newTape();
        bn.forward(x, batch, plane, y, true, tape);
        Gradients grads = new Gradients(bn.parameters());
        float[] gx = new float[x.length];
        bn.backward(tape, gy, grads, gx);
        grads.addTo();
        int n = batch * plane;
        for (int c = 0; c < channels; c++) {
            double mean = 0, var = 0;
            for (int i = 0; i < n; i++) {
                mean += x[i * channels + c];
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                var += Math.pow(x[i * channels + c] - mean, 2);
            }
            var /= n;
            double inv = 1 / Math.sqrt(var + 1e-5);
            double w = bn.weight().data()[c];
            double sumG = 0, sumGxHat = 0;
            for (int i = 0; i < n; i++) {
                double xHat = (x[i * channels + c] - mean) * inv;
                assertEquals(xHat * w + bn.bias().data()[c], y[i * channels + c], 1e-5, "y, channel " + c);
                sumG += gy[i * channels + c];
                sumGxHat += gy[i * channels + c] * xHat;
            }
            assertEquals(sumGxHat, bn.weight().grad()[c], 1e-4, "dL/dweight " + c);
            assertEquals(sumG, bn.bias().grad()[c], 1e-4, "dL/dbias " + c);
            for (int i = 0; i < n; i++) {
                double xHat = (x[i * channels + c] - mean) * inv;
                double expected = w * inv * (gy[i * channels + c] - sumG / n - xHat * sumGxHat / n);
                assertEquals(expected, gx[i * channels + c], 1e-5, "dL/dx, channel " + c);
            }
            assertEquals(0.1 * mean, bn.runningMean().data()[c], 1e-6, "running mean " + c);
            assertEquals(0.9 + 0.1 * var * n / (n - 1), bn.runningVar().data()[c], 1e-5, "running var " + c);
        }
    }

    @Test
    void adamLeavesTheBuffersAlone() {
        BatchNorm2d bn = new BatchNorm2d("bn", 2);
        float[] y = new float[8];
        BatchNorm2d.Tape tape = bn.newTape();
        bn.forward(X, 2, 2, y, true, tape);
        float[] mean = bn.runningMean().data().clone();
        float[] var = bn.runningVar().data().clone();
        Gradients grads = new Gradients(bn.parameters());
        bn.backward(tape, GradientCheck.uniform(rng, 8, -1, 1), grads, null);
        grads.addTo();
        new Adam(bn.parameters(), 0.1).step();
        assertArrayEquals(mean, bn.runningMean().data());
        assertArrayEquals(var, bn.runningVar().data());
        assertEquals(1f, bn.numBatchesTracked().data()[0]);
        assertTrue(bn.bias().data()[0] != 0f, "the affine parameters do train");
    }
}
