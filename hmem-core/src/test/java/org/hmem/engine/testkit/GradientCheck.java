package org.hmem.engine.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/** Central finite differences against analytic gradients, for the smooth parts of the engine. */
public final class GradientCheck {

    private GradientCheck() {
    }

    /**
     * Perturbs every entry of {@code x} by +-eps, evaluates {@code loss} and compares the slope with
     * {@code analytic}: {@code |num - ana| <= tol * max(|ana|_max, 1e-3)}.
     */
    public static void check(String what, float[] x, float[] analytic, DoubleSupplier loss, float eps, double tol) {
        double scale = 1e-3;
        for (float a : analytic) {
            scale = Math.max(scale, Math.abs(a));
        }
        for (int i = 0; i < x.length; i++) {
            float orig = x[i];
            x[i] = orig + eps;
            double up = loss.getAsDouble();
            x[i] = orig - eps;
            double down = loss.getAsDouble();
            x[i] = orig;
            double numeric = (up - down) / ((double) (orig + eps) - (orig - eps));
            if (!(Math.abs(numeric - analytic[i]) <= tol * scale)) {
                fail(String.format("%s: d/dx[%d] numeric %.6g vs analytic %.6g (scale %.3g)", what, i, numeric,
                        analytic[i], scale));
            }
        }
    }

    /** Uniform values in [lo, hi). */
    public static float[] uniform(SplittableRandom rng, int n, double lo, double hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        }
        return a;
    }

    /** Sum of a[i] * r[i] in double. */
    public static double dot(float[] a, float[] r, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) a[i] * r[i];
        }
        return s;
    }
}
