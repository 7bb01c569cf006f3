package org.hmem.engine.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.hmem.engine.golden.GoldenCase;
import org.hmem.engine.golden.GoldenFiles;
import org.hmem.engine.testkit.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaxPool2dTest {

    private final MaxPool2d pool = new MaxPool2d();

    @Test
    void floorModeDropsTheOddLastRowAndColumn() {
        // one plane 3 x 5 -> 1 x 2
        float[] x = {1, 2, 3, 5, 9, 4, 0, 7, 8, 9, 9, 9, 9, 9, 9};
        float[] y = new float[2];
        MaxPool2d.Tape tape = pool.newTape();
        pool.forward(x, 1, 3, 5, y, tape);
        assertArrayEquals(new float[] {4, 8}, y);
        assertArrayEquals(new int[] {5, 8}, Arrays.copyOf(tape.argmax(), 2));
        float[] gx = new float[x.length];
        pool.backward(tape, new float[] {1.5f, -2f}, gx);
        float[] expected = new float[x.length];
        expected[5] = 1.5f;
        expected[8] = -2f;
        assertArrayEquals(expected, gx);
    }

    @Test
    void tiesGoToTheFirstMaximumInRowMajorOrder() {
        // one plane 2 x 8 -> 1 x 4; windows: all zero; 1 at (0,1), (1,0), (1,1); 3 at (0,0), (0,1); NaN wins
        float[] x = {0, 0, 0, 1, 3, 3, 5, 5, 0, 0, 1, 1, 2, 2, Float.NaN, 1};
        float[] y = new float[4];
        MaxPool2d.Tape tape = pool.newTape();
        pool.forward(x, 1, 2, 8, y, tape);
        assertArrayEquals(new int[] {0, 3, 4, 14}, Arrays.copyOf(tape.argmax(), 4));
        assertEquals(0f, y[0]);
        assertEquals(1f, y[1]);
        assertEquals(3f, y[2]);
        assertTrue(Float.isNaN(y[3]));
    }

    @Test
    void gradientMatchesFiniteDifferencesWithoutTies() {
        SplittableRandom rng = new SplittableRandom(4);
        int planes = 3, h = 5, w = 7;
        float[] x = GradientCheck.uniform(rng, planes * h * w, -1, 1);
        // lift each window's maximum clear of the runner-up, so that +-eps never changes the winner
        float[] y = new float[planes * 2 * 3];
        MaxPool2d.Tape tape = pool.newTape();
        pool.forward(x, planes, h, w, y, tape);
        for (int o = 0; o < y.length; o++) {
            x[tape.argmax()[o]] += 0.05f;
        }
        float[] r = GradientCheck.uniform(rng, y.length, -1, 1);
        pool.forward(x, planes, h, w, y, tape);
        float[] gx = new float[x.length];
        pool.backward(tape, r, gx);
        GradientCheck.check("dL/dx", x, gx, () -> {
            pool.forward(x, planes, h, w, y, pool.newTape());
            return GradientCheck.dot(y, r, y.length);
        }, 1e-3f, 1e-3);
        for (int p = 0; p < planes; p++) {
            for (int c = 0; c < w; c++) {
                assertEquals(0f, gx[p * h * w + 4 * w + c], "dropped last row");
            }
            for (int r2 = 0; r2 < h; r2++) {
                assertEquals(0f, gx[p * h * w + r2 * w + 6], "dropped last column");
            }
        }
    }

    /** The reference's pooling indices on spike frames of the spiking golden cases, where ties are the rule. */
    @ParameterizedTest
    @ValueSource(strings = {"conv2d_maxpool_nobias_6x6.json", "conv2d_maxpool_bias_6x6.json"})
    void tieBreakingMatchesTheReferenceOnSpikeFrames(String file) throws IOException {
        GoldenCase c = GoldenCase.load(GoldenFiles.directory().resolve("omniglot").resolve(file));
        int planes = c.configInt("batch_size") * c.configInt("num_time_steps") * c.configInt("out_channels");
        int h = c.configInt("height"), w = c.configInt("width");
        float[] spikes = c.output("conv_spikes").floats();
        float[] y = new float[planes * (h / 2) * (w / 2)];
        MaxPool2d.Tape tape = pool.newTape();
        pool.forward(spikes, planes, h, w, y, tape);
        double[] expected = GoldenDebug.read(c, "pool_indices");
        int ties = 0;
        for (int o = 0; o < y.length; o++) {
            int plane = o / ((h / 2) * (w / 2));
            assertEquals((int) expected[o], tape.argmax()[o] - plane * h * w, "window " + o);
            ties += y[o] == 0f ? 1 : 0;
        }
        assertTrue(ties > y.length / 4, "the case exercises all-zero windows");
        assertArrayEquals(c.output("pooled_spikes").floats(), y);
    }
}
