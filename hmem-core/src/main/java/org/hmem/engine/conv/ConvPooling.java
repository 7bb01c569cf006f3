package org.hmem.engine.conv;

import java.util.Arrays;

import org.hmem.engine.neuron.SpikeBuffer;
import org.hmem.engine.neuron.SpikeTrain;
import org.hmem.engine.simd.Simd;

/**
 * The pooled mode of {@link SpikingConv2d}: the 2x2 max-pool of each step's spikes, done right after the step, and
 * its backward, which routes each pooled gradient to its window's winner. The convolution's record holds only its
 * live positions (the others are at rest, spike 0, sensitivity 0), so a window's elements are looked up through the
 * layer's position numbering; a window without a live position pools to 0.
 */
final class ConvPooling {

    private final int channels;
    private final int width;
    private final int outHeight;
    private final int outWidth;
    private final SpikeBuffer out;
    private final int[] window = new int[4];
    /**
     * A window with resting positions, copied with zeros in their place, so that the lanes kernels take it too:
     * spikes, surrogates and gradients of its four positions, and their offsets.
     */
    private final float[] windowSpikes;
    private final float[] windowSurrogates;
    private final float[] windowGradients;
    private final int[] copied;

    /** Pools (h, w, channels) frames to (h / 2, w / 2, channels). */
    ConvPooling(int channels, int h, int w) {
        this.channels = channels;
        this.width = w;
        this.outHeight = h / 2;
        this.outWidth = w / 2;
        this.out = new SpikeBuffer(outHeight * outWidth * channels, true);
        windowSpikes = new float[4 * channels];
        windowSurrogates = new float[4 * channels];
        windowGradients = new float[4 * channels];
        copied = new int[] {0, channels, 2 * channels, 3 * channels};
    }

    /** The pooled spikes with their sensitivities (the winners' surrogate derivatives) and gradient accumulator. */
    SpikeTrain output() {
        return out;
    }

    void begin(int steps) {
        out.begin(steps);
    }

    /**
     * Pools step t of the convolution's record ({@code z}, {@code surrogate}: {@code n} values per step, position
     * {@code p}'s channels at {@code liveIndex[p] * channels} or absent when it is -1). The winners are not kept:
     * {@link #unpool} finds them again in the record, which costs less than storing them on every forward (the
     * forward runs more often than the backward).
     */
    void pool(int t, float[] z, float[] surrogate, int n, int[] liveIndex) {
        int np = out.size();
        float[] spikes = out.spikes(), sens = out.sensitivity();
        boolean lanes = Simd.enabled() && ConvLanes.canPoolWindow(channels);
        for (int yo = 0; yo < outHeight; yo++) {
            for (int xo = 0; xo < outWidth; xo++) {
                int o = t * np + (yo * outWidth + xo) * channels;
                if (!windowOffsets(liveIndex, yo, xo, t * n)) {
                    Arrays.fill(spikes, o, o + channels, 0f);
                    Arrays.fill(sens, o, o + channels, 0f);
                } else if (lanes && allLive()) {
                    ConvLanes.poolWindow(z, surrogate, window, channels, spikes, sens, o);
                } else if (lanes) {
                    copyWindow(z, windowSpikes);
                    copyWindow(surrogate, windowSurrogates);
                    ConvLanes.poolWindow(windowSpikes, windowSurrogates, copied, channels, spikes, sens, o);
                } else {
                    for (int c = 0; c < channels; c++) {
                        int k = window[MaxPoolRule.winner(z, window, c)];
                        spikes[o + c] = k < 0 ? 0f : z[k + c];
                        sens[o + c] = k < 0 ? 0f : surrogate[k + c];
                    }
                }
            }
        }
    }

    /**
     * Writes {@code dL/dz} of step t's {@code n} recorded neurons into {@code gz}: each pooled output's gradient on
     * its window's winner in the record {@code z} (a resting winner passes nothing on, its surrogate derivative being
     * zero).
     */
    void unpool(int t, float[] z, float[] gz, int n, int[] liveIndex) {
        Arrays.fill(gz, 0, n, 0f);
        int np = out.size();
        float[] g = out.gradient();
        int base = t * n;
        boolean lanes = Simd.enabled() && ConvLanes.canPoolWindow(channels);
        for (int yo = 0; yo < outHeight; yo++) {
            for (int xo = 0; xo < outWidth; xo++) {
                if (!windowOffsets(liveIndex, yo, xo, base)) {
                    continue;
                }
                int o = t * np + (yo * outWidth + xo) * channels;
                if (lanes && allLive()) {
                    ConvLanes.unpoolWindow(z, window, base, channels, g, o, gz);
                    continue;
                }
                if (lanes) {
                    // the resting positions' shares land in the copy and are dropped; the live ones start from
                    // zero in gz as in the copy, so copying them back is the same as adding them
                    copyWindow(z, windowSpikes);
                    Arrays.fill(windowGradients, 0f);
                    ConvLanes.unpoolWindow(windowSpikes, copied, 0, channels, g, o, windowGradients);
                    for (int d = 0; d < 4; d++) {
                        if (window[d] >= 0) {
                            System.arraycopy(windowGradients, copied[d], gz, window[d] - base, channels);
                        }
                    }
                    continue;
                }
                for (int c = 0; c < channels; c++) {
                    float go = g[o + c];
                    int k = window[MaxPoolRule.winner(z, window, c)];
                    if (go != 0f && k >= 0) {
                        gz[k - base + c] += go;
                    }
                }
            }
        }
    }

    /** Copies the current window's four positions from {@code record} into {@code to}, zeros for resting ones. */
    private void copyWindow(float[] record, float[] to) {
        for (int d = 0; d < 4; d++) {
            if (window[d] >= 0) {
                System.arraycopy(record, window[d], to, copied[d], channels);
            } else {
                Arrays.fill(to, copied[d], copied[d] + channels, 0f);
            }
        }
    }

    private boolean allLive() {
        return (window[0] | window[1] | window[2] | window[3]) >= 0;
    }

    /**
     * Sets {@link #window} to the record offsets of the four positions of window (yo, xo) at step offset
     * {@code base}, -1 for a resting position; false when none of them is live.
     */
    private boolean windowOffsets(int[] liveIndex, int yo, int xo, int base) {
        boolean any = false;
        for (int d = 0; d < 4; d++) {
            int q = liveIndex[(2 * yo + (d >> 1)) * width + 2 * xo + (d & 1)];
            window[d] = q < 0 ? -1 : base + q * channels;
            any |= q >= 0;
        }
        return any;
    }
}
