package org.hmem.engine.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD kernels of {@link ReluMaxPool}: one 2×2 window, a vector of channels at a time, with the plain loops'
 * operations per lane. Loaded only when SIMD is enabled.
 */
final class ReluPoolLanes {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private ReluPoolLanes() {
    }

    static boolean fits(int channels) {
        return channels % L == 0;
    }

    /** The window whose rows start at {@code p0} and {@code p2}: {@code y[o + c] = max(0, max of the four)}. */
    static void forwardWindow(float[] x, int p0, int p2, int channels, float[] mean, float[] scale, float[] shift,
                              float[] y, int o) {
        FloatVector zero = FloatVector.zero(S);
        for (int c = 0; c < channels; c += L) {
            FloatVector m = pre(x, p0 + c, c, mean, scale, shift);
            FloatVector v = pre(x, p0 + channels + c, c, mean, scale, shift);
            m = m.blend(v, v.compare(VectorOperators.GT, m));
            v = pre(x, p2 + c, c, mean, scale, shift);
            m = m.blend(v, v.compare(VectorOperators.GT, m));
            v = pre(x, p2 + channels + c, c, mean, scale, shift);
            m = m.blend(v, v.compare(VectorOperators.GT, m));
            m.max(zero).intoArray(y, o + c);
        }
    }

    /** The backward of {@link #forwardWindow}: writes all four elements of {@code gx} (the winner's gradient or 0). */
    static void backwardWindow(float[] x, int p0, int p2, int channels, float[] mean, float[] scale, float[] shift,
                               float[] gy, int o, float[] gx) {
        FloatVector zero = FloatVector.zero(S);
        for (int c = 0; c < channels; c += L) {
            FloatVector m = pre(x, p0 + c, c, mean, scale, shift);
            FloatVector v = pre(x, p0 + channels + c, c, mean, scale, shift);
            VectorMask<Float> gt1 = v.compare(VectorOperators.GT, m);
            m = m.blend(v, gt1);
            v = pre(x, p2 + c, c, mean, scale, shift);
            VectorMask<Float> gt2 = v.compare(VectorOperators.GT, m);
            m = m.blend(v, gt2);
            v = pre(x, p2 + channels + c, c, mean, scale, shift);
            VectorMask<Float> gt3 = v.compare(VectorOperators.GT, m);
            m = m.blend(v, gt3);
            // the last element that beat the running maximum wins: peel the gradient off from the fourth down
            FloatVector rest = zero.blend(FloatVector.fromArray(S, gy, o + c), m.compare(VectorOperators.GT, zero));
            zero.blend(rest, gt3).intoArray(gx, p2 + channels + c);
            rest = rest.blend(zero, gt3);
            zero.blend(rest, gt2).intoArray(gx, p2 + c);
            rest = rest.blend(zero, gt2);
            zero.blend(rest, gt1).intoArray(gx, p0 + channels + c);
            rest.blend(zero, gt1).intoArray(gx, p0 + c);
        }
    }

    private static FloatVector pre(float[] x, int i, int c, float[] mean, float[] scale, float[] shift) {
        FloatVector v = FloatVector.fromArray(S, x, i);
        if (mean == null) {
            return v;
        }
        return v.sub(FloatVector.fromArray(S, mean, c)).mul(FloatVector.fromArray(S, scale, c))
                .add(FloatVector.fromArray(S, shift, c));
    }
}
