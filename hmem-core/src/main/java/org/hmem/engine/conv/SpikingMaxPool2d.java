package org.hmem.engine.conv;

import java.util.List;

import org.hmem.engine.neuron.SpikeBuffer;
import org.hmem.engine.neuron.SpikeTrain;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.nn.SpikingLayer;

/**
 * 2x2 max-pool of spike frames, stride 2, floor mode (spec §3.3), per time step: a logical OR of each window. Like
 * PyTorch's {@code max_pool2d}, the gradient of an output goes to one input, the first maximal one in row-major window
 * order: with binary spikes the first spike, or the top-left entry of a silent window. Height-width-channel layout as
 * {@link SpikingConv2d}. The output's sensitivity is the chosen input's, so the next layer computes input gradients
 * only where they reach a neuron that can pass them on.
 */
public final class SpikingMaxPool2d implements SpikingLayer<SpikingMaxPool2d.Tape> {

    private final int c;
    private final int h;
    private final int w;
    private final int ho;
    private final int wo;

    /** Pools (h, w, c) frames to (h / 2, w / 2, c) (an odd last row or column is dropped). */
    public SpikingMaxPool2d(int c, int h, int w) {
        this.c = c;
        this.h = h;
        this.w = w;
        this.ho = h / 2;
        this.wo = w / 2;
    }

    public int outHeight() {
        return ho;
    }

    public int outWidth() {
        return wo;
    }

    @Override
    public int inputSize() {
        return h * w * c;
    }

    @Override
    public int outputSize() {
        return ho * wo * c;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Tape newTape() {
        return new Tape(this);
    }

    /** One sample's record: the pooled spikes and the input they were pooled from (for backward). */
    public static final class Tape implements SpikingLayer.Tape {
        private final SpikeBuffer out;
        private float[] x;
        private int xOff;
        private int steps;

        private Tape(SpikingMaxPool2d l) {
            out = new SpikeBuffer(l.outputSize(), true);
        }

        @Override
        public SpikeTrain output() {
            return out;
        }
    }

    /** Pools {@code steps} frames of bare spikes: every input counts as sensitive. */
    @Override
    public void forward(float[] x, int xOff, int steps, Tape tape) {
        pool(x, xOff, null, steps, tape);
    }

    /** Pools another layer's output, whose sensitivity then becomes the pooled spikes' (see the class comment). */
    @Override
    public void forward(SpikeTrain in, Tape tape) {
        pool(in.spikes(), 0, in.sensitivity(), in.steps(), tape);
    }

    private void pool(float[] x, int xOff, float[] sensitivity, int steps, Tape tape) {
        int in = inputSize(), n = outputSize();
        tape.x = x;
        tape.xOff = xOff;
        tape.steps = steps;
        tape.out.begin(steps);
        float[] spikes = tape.out.spikes(), sens = tape.out.sensitivity();
        for (int t = 0; t < steps; t++) {
            int frame = xOff + t * in;
            for (int yo = 0; yo < ho; yo++) {
                for (int xo = 0; xo < wo; xo++) {
                    int k0 = ((2 * yo) * w + 2 * xo) * c;
                    int o = t * n + (yo * wo + xo) * c;
                    for (int ch = 0; ch < c; ch++) {
                        int best = k0 + ch + MaxPoolRule.offset(MaxPoolRule.winner(x, frame + k0 + ch, c, w), c, w);
                        spikes[o + ch] = x[frame + best];
                        sens[o + ch] = sensitivity == null ? 1f : sensitivity[t * in + best];
                    }
                }
            }
        }
    }

    @Override
    public void backward(Tape tape, Gradients grads, float[] gx, int gxOff, float[] gxMask, int maskOff) {
        if (gx == null) {
            return;
        }
        int in = inputSize(), n = outputSize();
        float[] g = tape.out.gradient();
        for (int t = 0; t < tape.steps; t++) {
            int frame = tape.xOff + t * in;
            for (int yo = 0; yo < ho; yo++) {
                for (int xo = 0; xo < wo; xo++) {
                    int k0 = ((2 * yo) * w + 2 * xo) * c;
                    int o = t * n + (yo * wo + xo) * c;
                    for (int ch = 0; ch < c; ch++) {
                        float go = g[o + ch];
                        if (go != 0f) {
                            int k = t * in + k0 + ch
                                    + MaxPoolRule.offset(MaxPoolRule.winner(tape.x, frame + k0 + ch, c, w), c, w);
                            if (gxMask == null || gxMask[maskOff + k] != 0f) {
                                gx[gxOff + k] += go;
                            }
                        }
                    }
                }
            }
        }
    }
}
