package org.hmem.engine.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Comparison of float32 results with float64 reference values.
 *
 * <p>Continuous tensors pass when {@code max|actual - expected| <= tol * max(max|expected|, floor)}: the error is
 * measured against the tensor's own scale, because gradients accumulated over long loops have a few entries near
 * zero whose relative error is meaningless. Spikes (0/1) must match exactly.
 */
public final class Compare {

    /** Forward values (membranes, memory, logits, losses) in float32. */
    public static final double FORWARD = 1e-5;
    /** Gradients accumulated over time loops in float32. */
    public static final double GRADIENT = 1e-4;
    /** A tensor whose reference is all (near) zero is compared at this absolute scale. */
    public static final double FLOOR = 1e-6;

    /** Worst relative error (error / scale) seen per tolerance class since the last {@link #resetStats()}. */
    private static final ThreadLocal<double[]> WORST = ThreadLocal.withInitial(() -> new double[2]);
    private static final ThreadLocal<int[]> COUNTS = ThreadLocal.withInitial(() -> new int[3]);

    private Compare() {
    }

    public static void resetStats() {
        WORST.set(new double[2]);
        COUNTS.set(new int[3]);
    }

    /** Whether this thread compared anything through this class since the last {@link #resetStats()}. */
    public static boolean anyCompared() {
        int[] n = COUNTS.get();
        return n[0] + n[1] + n[2] > 0;
    }

    /** "N exact, N forward (worst rel. err x), N gradient (worst rel. err y)" for this thread's comparisons. */
    public static String stats() {
        double[] w = WORST.get();
        int[] n = COUNTS.get();
        return String.format("%d exact tensors; %d forward values, worst relative error %.2e (tolerance %.0e); "
                + "%d gradients, worst relative error %.2e (tolerance %.0e)", n[0], n[1], w[0], FORWARD, n[2], w[1],
                GRADIENT);
    }

    public static void exact(String what, double[] expected, float[] actual, int n) {
        if (actual.length < n) {
            fail(what + ": expected at least " + n + " values, got " + actual.length);
        }
        COUNTS.get()[0]++;
        for (int i = 0; i < n; i++) {
            if (expected[i] != actual[i]) {
                fail(what + ": first mismatch at flat index " + i + ": expected " + expected[i] + ", got "
                        + actual[i]);
            }
        }
    }

    public static void close(String what, double[] expected, float[] actual, int n, double tol) {
        if (actual.length < n) {
            fail(what + ": expected at least " + n + " values, got " + actual.length);
        }
        double scale = FLOOR;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        double worst = 0;
        int at = -1;
        for (int i = 0; i < n; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            if (!(err <= worst)) {
                worst = err;
                at = i;
            }
        }
        record(tol, worst / scale);
        if (!(worst <= tol * scale)) {
            fail(String.format("%s: max error %.3e at index %d (expected %.9g, got %.9g) exceeds %.1e x scale %.3e",
                    what, worst, at, expected[at], actual[at], tol, scale));
        }
    }

    private static void record(double tol, double relative) {
        int k = tol > FORWARD ? 1 : 0;
        WORST.get()[k] = Math.max(WORST.get()[k], relative);
        COUNTS.get()[k + 1]++;
    }

    public static void close(String what, double expected, double actual, double tol) {
        double scale = Math.max(Math.abs(expected), FLOOR);
        record(tol, Math.abs(actual - expected) / scale);
        if (!(Math.abs(actual - expected) <= tol * scale)) {
            assertEquals(expected, actual, tol * scale, what);
        }
    }

    /**
     * A gradient against its summary: sums, per-output-channel sums, head and the random projection, each within
     * {@code tol * sum_abs} (the README's absolute tolerance, scaled by the caller for float32 accumulation).
     */
    public static void summary(String what, GoldenCase.Summary s, float[] actual, double tol) {
        int n = actual.length;
        double sum = 0, sumAbs = 0, sumSq = 0, projection = 0;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(s.projectionSeed());
        int rows = s.shape()[0], per = n / rows;
        double[] perRow = new double[rows];
        for (int i = 0; i < n; i++) {
            double g = actual[i];
            sum += g;
            sumAbs += Math.abs(g);
            sumSq += g * g;
            perRow[i / per] += g;
            projection += g * (2 * rnd.nextDouble() - 1);
        }
        // The scale of this comparison is max|expected| = sum_abs, as the README prescribes.
        close(what + " sum, sum_abs, projection", new double[] {s.sum(), s.sumAbs(), s.projection()},
                new float[] {(float) sum, (float) sumAbs, (float) projection}, 3, tol);
        close(what + " sum of squares", s.sumSq(), sumSq, tol);
        close(what + " per-channel sums", s.sumOverDimsExcept0(), toFloats(perRow), rows, tol);
        close(what + " head", s.head(), actual, s.head().length, tol);
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
