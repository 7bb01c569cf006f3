package org.hmem.engine.conv;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD kernels of {@link BatchNorm2d} on channel-last samples ({@code plane} rows of {@code channels} values):
 * one vector of channels at a time, the rows in order, each channel's sums widened to double exactly as the plain
 * loops do, so both give the same bits. Loaded only when SIMD is enabled.
 */
final class NormLanes {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** Doubles per vector: half as many as floats, so a float vector widens into two. */
    private static final int H = D.length();

    private NormLanes() {
    }

    /** Whether the kernels handle {@code channels}: whole float vectors, each widening into two double vectors. */
    static boolean fits(int channels) {
        return channels % L == 0 && L == 2 * H;
    }

    /**
     * Per channel of the sample at {@code x[off]}: the sum into {@code out[p + c]} and the sum of squared
     * deviations from the sample's own mean into {@code out[p + channels + c]}, in double.
     */
    static void sampleStatistics(float[] x, int off, int plane, int channels, double[] out, int p) {
        for (int c0 = 0; c0 < channels; c0 += L) {
            DoubleVector s0 = DoubleVector.zero(D);
            DoubleVector s1 = DoubleVector.zero(D);
            for (int r = 0; r < plane; r++) {
                FloatVector v = FloatVector.fromArray(F, x, off + r * channels + c0);
                s0 = s0.add(widen(v, 0));
                s1 = s1.add(widen(v, 1));
            }
            s0.intoArray(out, p + c0);
            s1.intoArray(out, p + c0 + H);
            DoubleVector m0 = s0.div(plane);
            DoubleVector m1 = s1.div(plane);
            DoubleVector q0 = DoubleVector.zero(D);
            DoubleVector q1 = DoubleVector.zero(D);
            for (int r = 0; r < plane; r++) {
                FloatVector v = FloatVector.fromArray(F, x, off + r * channels + c0);
                DoubleVector d0 = widen(v, 0).sub(m0);
                DoubleVector d1 = widen(v, 1).sub(m1);
                q0 = q0.add(d0.mul(d0));
                q1 = q1.add(d1.mul(d1));
            }
            q0.intoArray(out, p + channels + c0);
            q1.intoArray(out, p + channels + c0 + H);
        }
    }

    /** Per channel: the sum of {@code g} into {@code out[p + c]} and of {@code g · x} into {@code out[p + channels + c]}. */
    static void gradientSums(float[] g, float[] x, int off, int plane, int channels, double[] out, int p) {
        for (int c0 = 0; c0 < channels; c0 += L) {
            DoubleVector sg0 = DoubleVector.zero(D);
            DoubleVector sg1 = DoubleVector.zero(D);
            DoubleVector sx0 = DoubleVector.zero(D);
            DoubleVector sx1 = DoubleVector.zero(D);
            for (int r = 0; r < plane; r++) {
                int i = off + r * channels + c0;
                FloatVector gv = FloatVector.fromArray(F, g, i);
                FloatVector xv = FloatVector.fromArray(F, x, i);
                DoubleVector g0 = widen(gv, 0);
                DoubleVector g1 = widen(gv, 1);
                sg0 = sg0.add(g0);
                sg1 = sg1.add(g1);
                sx0 = sx0.add(g0.mul(widen(xv, 0)));
                sx1 = sx1.add(g1.mul(widen(xv, 1)));
            }
            sg0.intoArray(out, p + c0);
            sg1.intoArray(out, p + c0 + H);
            sx0.intoArray(out, p + channels + c0);
            sx1.intoArray(out, p + channels + c0 + H);
        }
    }

    /** {@code y = (x - mean) * scale + shift} per channel over the sample's rows. */
    static void normalize(float[] x, int off, int plane, int channels, float[] mean, float[] scale, float[] shift,
                          float[] y) {
        for (int c0 = 0; c0 < channels; c0 += L) {
            FloatVector m = FloatVector.fromArray(F, mean, c0);
            FloatVector a = FloatVector.fromArray(F, scale, c0);
            FloatVector b = FloatVector.fromArray(F, shift, c0);
            for (int r = 0; r < plane; r++) {
                int i = off + r * channels + c0;
                FloatVector.fromArray(F, x, i).sub(m).mul(a).add(b).intoArray(y, i);
            }
        }
    }

    /** {@code gx = scale * (g - meanG - (x - mean) * invStd * meanGxHat)} per channel over the sample's rows. */
    static void inputGradient(float[] g, float[] x, int off, int plane, int channels, float[] mean, float[] invStd,
                              float[] scale, float[] meanG, float[] meanGxHat, float[] gx) {
        for (int c0 = 0; c0 < channels; c0 += L) {
            FloatVector m = FloatVector.fromArray(F, mean, c0);
            FloatVector inv = FloatVector.fromArray(F, invStd, c0);
            FloatVector a = FloatVector.fromArray(F, scale, c0);
            FloatVector mg = FloatVector.fromArray(F, meanG, c0);
            FloatVector mgx = FloatVector.fromArray(F, meanGxHat, c0);
            for (int r = 0; r < plane; r++) {
                int i = off + r * channels + c0;
                FloatVector xHat = FloatVector.fromArray(F, x, i).sub(m).mul(inv);
                a.mul(FloatVector.fromArray(F, g, i).sub(mg).sub(xHat.mul(mgx))).intoArray(gx, i);
            }
        }
    }

    /** Half {@code part} (0 or 1) of {@code v}, widened to double. */
    private static DoubleVector widen(FloatVector v, int part) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, D, part);
    }
}
