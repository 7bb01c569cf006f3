package org.hmem.engine.init;

import java.util.SplittableRandom;

import org.hmem.engine.nn.Parameter;

/**
 * Parameter initialisations of the reference (spec §3.9, PyTorch 1.7 semantics). Only the distributions can be
 * reproduced, not PyTorch's random streams; every draw comes from an explicit seeded {@link SplittableRandom}.
 */
public final class Init {

    private Init() {
    }

    /** The gain used for every xavier initialisation in the reference code base. */
    public static final double SQRT2 = Math.sqrt(2.0);

    /** Uniform U(-a, a) with {@code a = gain * sqrt(6 / (fan_in + fan_out))}, fans from shape (out, in, k...). */
    public static void xavierUniform(Parameter p, double gain, SplittableRandom rng) {
        int[] s = p.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException("xavier init needs at least 2 dimensions: " + p);
        }
        long receptive = 1;
        for (int i = 2; i < s.length; i++) {
            receptive *= s[i];
        }
        double fanIn = (double) s[1] * receptive;
        double fanOut = (double) s[0] * receptive;
        uniform(p, gain * Math.sqrt(6.0 / (fanIn + fanOut)), rng);
    }

    /** PyTorch's default Linear weight (and bias) init: U(-1/sqrt(in), 1/sqrt(in)). */
    public static void linearDefault(Parameter p, int fanIn, SplittableRandom rng) {
        uniform(p, 1.0 / Math.sqrt(fanIn), rng);
    }

    /** U(-a, a) for every element. */
    public static void uniform(Parameter p, double a, SplittableRandom rng) {
        float[] d = p.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) ((rng.nextDouble() * 2 - 1) * a);
        }
    }

    /** A constant. */
    public static void constant(Parameter p, float value) {
        java.util.Arrays.fill(p.data(), value);
    }

    /**
     * (Semi-)orthogonal init times {@code gain}: Q of the QR decomposition of a standard-normal matrix, with the
     * signs of R's diagonal folded in (Gram-Schmidt yields a positive diagonal, which is that same choice).
     */
    public static void orthogonal(Parameter p, double gain, SplittableRandom rng) {
        int rows = p.dim(0);
        int cols = p.size() / rows;
        boolean transpose = rows < cols;
        int r = transpose ? cols : rows;
        int c = transpose ? rows : cols;
        double[][] q = new double[c][r]; // c column vectors of length r
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < r; i++) {
                q[j][i] = gaussian(rng);
            }
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < r; i++) {
                    dot += q[k][i] * q[j][i];
                }
                for (int i = 0; i < r; i++) {
                    q[j][i] -= dot * q[k][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < r; i++) {
                norm += q[j][i] * q[j][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < r; i++) {
                q[j][i] /= norm;
            }
        }
        float[] d = p.data();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = transpose ? q[i][j] : q[j][i];
                d[i * cols + j] = (float) (gain * v);
            }
        }
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
