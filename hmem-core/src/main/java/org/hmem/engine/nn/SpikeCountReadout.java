package org.hmem.engine.nn;

import java.util.Arrays;

import org.hmem.engine.neuron.SpikeTrain;
import org.hmem.engine.tensor.FloatOps;

/**
 * Spike counts of a spike train over its last {@code window} steps (all steps when {@code window <= 0}), divided by
 * {@code divisor}: the read-outs of spec §4 (the read values of the last 30 steps before the classifier's linear
 * layer; the decoder's spikes over all steps / 15 as the cross-modal model's image).
 */
public final class SpikeCountReadout {

    /** The classifiers' window: the read values of the last 30 steps (spec §4.1, §13.1 item 5). */
    public static final int CLASSIFIER_WINDOW = 30;

    private final int window;
    private final float divisor;

    public SpikeCountReadout(int window, float divisor) {
        if (!(divisor > 0f)) {
            throw new IllegalArgumentException("divisor must be > 0, got " + divisor);
        }
        this.window = window;
        this.divisor = divisor;
    }

    /** The read values of the last {@code window} steps, summed (spec §4.1). */
    public static SpikeCountReadout lastSteps(int window) {
        return new SpikeCountReadout(window, 1f);
    }

    public int window() {
        return window;
    }

    private int first(SpikeTrain in) {
        return window <= 0 ? 0 : Math.max(0, in.steps() - window);
    }

    /** {@code out[off + i] = sum over the window of spikes[t, i] / divisor}, in step order. */
    public void forward(SpikeTrain in, float[] out, int off) {
        int n = in.size();
        Arrays.fill(out, off, off + n, 0f);
        float[] s = in.spikes();
        for (int t = first(in); t < in.steps(); t++) {
            FloatOps.axpy(n, 1f, s, t * n, out, off);
        }
        if (divisor != 1f) {
            for (int i = 0; i < n; i++) {
                out[off + i] = out[off + i] / divisor;
            }
        }
    }

    /**
     * Adds {@code dL/dcounts / divisor} to the gradient of every spike in the window.
     *
     * @param gOut {@code dL/dout} at {@code off}. Not modified.
     * @param scratch n floats of scratch when the divisor is not 1. Modified.
     */
    public void backward(float[] gOut, int off, SpikeTrain in, float[] scratch) {
        int n = in.size();
        float[] g = gOut;
        int gOff = off;
        if (divisor != 1f) {
            for (int i = 0; i < n; i++) {
                scratch[i] = gOut[off + i] / divisor;
            }
            g = scratch;
            gOff = 0;
        }
        float[] grad = in.gradient();
        for (int t = first(in); t < in.steps(); t++) {
            FloatOps.axpy(n, 1f, g, gOff, grad, t * n);
        }
    }
}
