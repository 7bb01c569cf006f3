package org.hmem.task.bench;

import java.util.Arrays;

/** Order statistics of a set of repeated measurements. */
public record Stats(int count, double min, double q1, double median, double q3, double max) {

    /** Statistics of {@code values} (at least one); quartiles by linear interpolation between order statistics. */
    public static Stats of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return new Stats(v.length, v[0], quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75), v[v.length - 1]);
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
