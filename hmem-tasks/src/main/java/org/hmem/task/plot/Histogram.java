package org.hmem.task.plot;

import java.util.Arrays;

/**
 * Equal-width bins and their counts, with numpy's {@code bins='auto'} rule (what seaborn's {@code histplot} uses):
 * the smaller of the Freedman–Diaconis width {@code 2 IQR n^(-1/3)} and the Sturges width
 * {@code range / (log2 n + 1)}, Sturges alone when the IQR is 0, over {@code [min, max]} ({@code ±0.5} around a
 * constant sample). Values fall into {@code [e_k, e_k+1)}, the maximum into the last bin.
 *
 * <p>Unlike numpy the number of bins is capped at {@link #MAX_BINS}: a heavy-tailed sample (a small IQR in a wide
 * range) would otherwise get far more bars than a figure has pixels.
 */
public final class Histogram {

    /** The most bins a histogram gets. */
    public static final int MAX_BINS = 1000;

    private final double[] edges;
    private final long[] counts;

    private Histogram(double[] edges, long[] counts) {
        this.edges = edges;
        this.counts = counts;
    }

    /**
     * Bins {@code sorted}, which must be finite and sorted ascending ({@link java.util.Arrays#sort(float[])}).
     *
     * @throws IllegalArgumentException when it is empty
     */
    public static Histogram auto(float[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            throw new IllegalArgumentException("cannot bin an empty sample");
        }
        double lo = sorted[0], hi = sorted[n - 1], range = hi - lo;
        double sturges = range / (Math.log(n) / Math.log(2) + 1);
        double fd = 2 * (percentile(sorted, 0.75) - percentile(sorted, 0.25)) * Math.pow(n, -1.0 / 3);
        double width = fd > 0 ? Math.min(fd, sturges) : sturges;
        int bins = width > 0 ? (int) Math.min(MAX_BINS, Math.max(1, Math.ceil(range / width))) : 1;
        if (range == 0) {
            lo -= 0.5;
            hi += 0.5;
        }
        return binned(sorted, lo, hi, bins);
    }

    /**
     * {@code bins} equal bins over {@code [lo, hi]} (matplotlib's {@code hist(values, bins, range=(lo, hi))}), for
     * histograms that share their bins; values outside the range are left out.
     *
     * @throws IllegalArgumentException when {@code lo >= hi} or {@code bins} is not in 1..{@link #MAX_BINS}
     */
    public static Histogram uniform(float[] values, double lo, double hi, int bins) {
        if (!(lo < hi) || bins < 1 || bins > MAX_BINS) {
            throw new IllegalArgumentException("need lo < hi and 1..." + MAX_BINS + " bins, got [" + lo + ", " + hi
                    + "], " + bins);
        }
        float[] inside = new float[values.length];
        int n = 0;
        for (float v : values) {
            if (v >= lo && v <= hi) {
                inside[n++] = v;
            }
        }
        return binned(Arrays.copyOf(inside, n), lo, hi, bins);
    }

    private static Histogram binned(float[] values, double lo, double hi, int bins) {
        double[] edges = new double[bins + 1];
        for (int k = 0; k <= bins; k++) {
            edges[k] = lo + (hi - lo) * k / bins;
        }
        long[] counts = new long[bins];
        for (float v : values) {
            int k = (int) ((v - lo) / (hi - lo) * bins);
            counts[Math.max(0, Math.min(bins - 1, k))]++;
        }
        return new Histogram(edges, counts);
    }

    /** numpy's default (linear) percentile of sorted values, {@code q} in [0, 1]. */
    public static double percentile(float[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i + 1 >= sorted.length) {
            return sorted[sorted.length - 1];
        }
        return sorted[i] + (pos - i) * ((double) sorted[i + 1] - sorted[i]);
    }

    public int bins() {
        return counts.length;
    }

    /** {@code bins() + 1} edges, ascending. */
    public double[] edges() {
        return edges.clone();
    }

    public long[] counts() {
        return counts.clone();
    }

    public double binWidth() {
        return (edges[edges.length - 1] - edges[0]) / counts.length;
    }

    public long total() {
        long s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }
}
