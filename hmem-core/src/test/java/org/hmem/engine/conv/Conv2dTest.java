package org.hmem.engine.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import org.hmem.engine.golden.Compare;
import org.hmem.engine.golden.GoldenCase;
import org.hmem.engine.golden.GoldenFiles;
import org.hmem.engine.init.Init;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.engine.testkit.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Conv2dTest {

    private final SplittableRandom rng = new SplittableRandom(3);

    @Test
    void namesAndShapesAreTheStateDictKeys() {
        Conv2d conv = new Conv2d("encoder.1.0", 4, 5, true);
        assertEquals("encoder.1.0.weight", conv.weight().name());
        assertArrayEquals(new int[] {5, 4, 3, 3}, conv.weight().shape());
        assertEquals("encoder.1.0.bias", conv.bias().name());
        assertNull(new Conv2d("c", 1, 2, false).bias());
        assertEquals(1, new Conv2d("c", 1, 2, false).parameters().size());
    }

    @Test
    void forwardIsTheZeroPaddedCrossCorrelation() {
        int batch = 3, in = 2, out = 4, h = 5, w = 7;
        Conv2d conv = randomConv(in, out, true);
        float[] x = GradientCheck.uniform(rng, batch * in * h * w, -1, 1);
        x[3] = 0f; // zeros are skipped: they must not change anything
        float[] y = new float[batch * out * h * w];
        conv.forward(x, batch, h, w, y, conv.newTape(), null);
        double[] expected = naive(conv, x, batch, h, w);
        for (int i = 0; i < y.length; i++) {
            assertEquals(expected[i], y[i], 1e-5, "output " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void gradientsMatchFiniteDifferences(boolean bias) {
        int batch = 2, in = 3, out = 2, h = 4, w = 5;
        Conv2d conv = randomConv(in, out, bias);
        float[] x = GradientCheck.uniform(rng, batch * in * h * w, -1, 1);
        float[] r = GradientCheck.uniform(rng, batch * out * h * w, -1, 1);
        Gradients grads = new Gradients(conv.parameters());
        float[] gx = new float[x.length];
        Conv2d.Tape tape = conv.newTape();
        float[] y = new float[r.length];
        conv.forward(x, batch, h, w, y, tape, null);
        conv.backward(tape, r, grads, gx, null);
        grads.addTo();
        DoubleSupplier loss = () -> {
            conv.forward(x, batch, h, w, y, tape, null);
            return GradientCheck.dot(y, r, y.length);
        };
        GradientCheck.check("dL/dx", x, gx, loss, 1e-2f, 1e-3);
        GradientCheck.check("dL/dW", conv.weight().data(), conv.weight().grad(), loss, 1e-2f, 1e-3);
        if (bias) {
            GradientCheck.check("dL/db", conv.bias().data(), conv.bias().grad(), loss, 1e-2f, 1e-3);
        }
    }

    /** Enough channels for the SIMD tiles and their ragged ends: forward and both gradients against the definition. */
    @Test
    void wideLayerMatchesTheDefinitionForwardAndBackward() {
        int batch = 2, in = 5, out = 40, h = 7, w = 6;
        Conv2d conv = randomConv(in, out, true);
        float[] x = GradientCheck.uniform(rng, batch * in * h * w, -1, 1);
        float[] gy = GradientCheck.uniform(rng, batch * out * h * w, -1, 1);
        float[] y = new float[gy.length];
        Conv2d.Tape tape = conv.newTape();
        conv.forward(x, batch, h, w, y, tape, null);
        double[] expected = naive(conv, x, batch, h, w);
        for (int i = 0; i < y.length; i++) {
            assertEquals(expected[i], y[i], 1e-5, "output " + i);
        }
        Gradients grads = new Gradients(conv.parameters());
        float[] gx = new float[x.length];
        conv.backward(tape, gy, grads, gx, null);
        grads.addTo();
        float[] wt = conv.weight().data();
        double[] gw = new double[wt.length];
        double[] gxx = new double[x.length];
        double[] gb = new double[out];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < out; o++) {
                for (int r = 0; r < h; r++) {
                    for (int c = 0; c < w; c++) {
                        double g = gy[((b * h + r) * w + c) * out + o];
                        gb[o] += g;
                        for (int i = 0; i < in; i++) {
                            for (int u = 0; u < 3; u++) {
                                for (int v = 0; v < 3; v++) {
                                    int rr = r + u - 1, cc = c + v - 1;
                                    if (rr >= 0 && rr < h && cc >= 0 && cc < w) {
                                        int xi = ((b * h + rr) * w + cc) * in + i;
                                        int wi = ((o * in + i) * 3 + u) * 3 + v;
                                        gw[wi] += g * x[xi];
                                        gxx[xi] += g * wt[wi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for (int i = 0; i < gw.length; i++) {
            assertEquals(gw[i], conv.weight().grad()[i], 1e-4, "dW " + i);
        }
        for (int i = 0; i < gxx.length; i++) {
            assertEquals(gxx[i], gx[i], 1e-4, "dx " + i);
        }
        for (int o = 0; o < out; o++) {
            assertEquals(gb[o], conv.bias().grad()[o], 1e-4, "db " + o);
        }
    }

    @Test
    void workersGiveTheSameOutputAndGradientsUpToRounding() {
        int batch = 5, in = 2, out = 3, h = 6, w = 6;
        Conv2d conv = randomConv(in, out, true);
        float[] x = GradientCheck.uniform(rng, batch * in * h * w, -1, 1);
        float[] gy = GradientCheck.uniform(rng, batch * out * h * w, -1, 1);
        float[][] results = new float[2][];
        for (int threads = 1; threads <= 2; threads++) {
            try (BatchParallel par = new BatchParallel(threads)) {
                conv.zeroGrad();
                Gradients grads = new Gradients(conv.parameters());
                Conv2d.Tape tape = conv.newTape();
                float[] y = new float[gy.length];
                float[] gx = new float[x.length];
                conv.forward(x, batch, h, w, y, tape, SampleRunner.of(par));
                conv.backward(tape, gy, grads, gx, SampleRunner.of(par));
                grads.addTo();
                float[] all = new float[y.length + gx.length + conv.weight().size() + out];
                System.arraycopy(y, 0, all, 0, y.length);
                System.arraycopy(gx, 0, all, y.length, gx.length);
                System.arraycopy(conv.weight().grad(), 0, all, y.length + gx.length, conv.weight().size());
                System.arraycopy(conv.bias().grad(), 0, all, all.length - out, out);
                results[threads - 1] = all;
            }
        }
        int fwd = batch * out * h * w;
        for (int i = 0; i < results[0].length; i++) {
            if (i < fwd + batch * in * h * w) {
                assertEquals(results[0][i], results[1][i], 0f, "per-sample values are bit-identical at " + i);
            } else {
                assertEquals(results[0][i], results[1][i], 1e-5f, "weight gradients at " + i);
            }
        }
    }

    /** The reference's conv2d currents of the spiking golden cases, frame by frame, as a plain batch. */
    @ParameterizedTest
    @ValueSource(strings = {"conv2d_maxpool_nobias_6x6.json", "conv2d_maxpool_bias_6x6.json"})
    void matchesTheReferenceConvolutionOfTheSpikingGoldenCases(String file) throws IOException {
        GoldenCase c = GoldenCase.load(GoldenFiles.directory().resolve("omniglot").resolve(file));
        int frames = c.configInt("batch_size") * c.configInt("num_time_steps");
        int in = c.configInt("in_channels"), out = c.configInt("out_channels");
        int h = c.configInt("height"), w = c.configInt("width");
        boolean bias = c.configBool("use_bias");
        Conv2d conv = new Conv2d("conv2d", in, out, bias);
        conv.weight().set(c.parameter("conv2d.weight").floats());
        if (bias) {
            conv.bias().set(c.parameter("conv2d.bias").floats());
        }
        float[] y = new float[frames * out * h * w];
        conv.forward(channelLast(c.input("x").floats(), frames, in, h * w), frames, h, w, y, conv.newTape(), null);
        float[] current = channelLast(y, frames, h * w, out); // back to the reference's (N, C, H, W)
        Compare.resetStats();
        Compare.close("conv2d current", GoldenDebug.read(c, "current"), current, current.length, Compare.FORWARD);
        System.out.println(file + " (conv2d currents): " + Compare.stats());
    }

    /** Per sample, the (rows, cols) block transposed: (N, C, P) to (N, P, C) with rows = C, and back with rows = P. */
    static float[] channelLast(float[] a, int n, int rows, int cols) {
        float[] t = new float[n * rows * cols];
        for (int b = 0; b < n; b++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    t[(b * cols + c) * rows + r] = a[(b * rows + r) * cols + c];
                }
            }
        }
        return t;
    }

    static Conv2d randomConv(int in, int out, boolean bias) {
        Conv2d conv = new Conv2d("conv", in, out, bias);
        SplittableRandom r = new SplittableRandom(in * 31L + out);
        Init.xavierUniform(conv.weight(), Init.SQRT2, r);
        if (bias) {
            Init.uniform(conv.bias(), 0.5, r);
        }
        return conv;
    }

    /** Direct definition in double on channel-last tensors: sum over input channels and taps, zero outside. */
    static double[] naive(Conv2d conv, float[] x, int batch, int h, int w) {
        int in = conv.inChannels(), out = conv.outChannels();
        float[] wt = conv.weight().data();
        double[] y = new double[batch * out * h * w];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < out; o++) {
                for (int r = 0; r < h; r++) {
                    for (int c = 0; c < w; c++) {
                        double s = conv.bias() == null ? 0 : conv.bias().data()[o];
                        for (int i = 0; i < in; i++) {
                            for (int u = 0; u < 3; u++) {
                                for (int v = 0; v < 3; v++) {
                                    int rr = r + u - 1, cc = c + v - 1;
                                    if (rr >= 0 && rr < h && cc >= 0 && cc < w) {
                                        s += (double) wt[((o * in + i) * 3 + u) * 3 + v]
                                                * x[((b * h + rr) * w + cc) * in + i];
                                    }
                                }
                            }
                        }
                        y[((b * h + r) * w + c) * out + o] = s;
                    }
                }
            }
        }
        return y;
    }
}
