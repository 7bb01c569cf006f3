package org.hmem.task.plot;

/**
 * A Gaussian kernel density estimate with Scott's bandwidth {@code h = s n^(-1/5)} ({@code s} the sample standard
 * deviation), as scipy's {@code gaussian_kde} and seaborn's {@code kde=True} compute it.
 *
 * <p>Why it is evaluated on distinct values with their multiplicities: samples such as Hebbian memory weights hold
 * many exact repeats (zeros of unused synapses), and a million-point sample then costs only as many kernel
 * evaluations per grid point as it has distinct values near that point (kernels are cut at 8 h, where they are below
 * 1e-13 of their peak).
 */
final class KernelDensity {

    private static final double CUTOFF = 8;

    private final double[] values;
    private final long[] multiplicity;
    private final long n;
    private final double bandwidth;

    private KernelDensity(double[] values, long[] multiplicity, long n, double bandwidth) {
        this.values = values;
        this.multiplicity = multiplicity;
        this.n = n;
        this.bandwidth = bandwidth;
    }

    /**
     * The estimate of {@code sorted} (finite, ascending), or {@code null} when it has no spread (fewer than two
     * values or all equal), where scipy fails and seaborn draws no curve.
     */
    static KernelDensity scott(float[] sorted) {
        int n = sorted.length;
        if (n < 2 || sorted[0] == sorted[n - 1]) {
            return null;
        }
        double mean = 0;
        for (float v : sorted) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            ss += (sorted[i] - mean) * (sorted[i] - mean);
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        double[] values = new double[distinct];
        long[] multiplicity = new long[distinct];
        for (int i = 0, k = -1; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                values[++k] = sorted[i];
            }
            multiplicity[k]++;
        }
        double h = Math.sqrt(ss / (n - 1)) * Math.pow(n, -0.2);
        return h > 0 ? new KernelDensity(values, multiplicity, n, h) : null;
    }

    /** The density at {@code x}. */
    double at(double x) {
        int from = lowerBound(x - CUTOFF * bandwidth);
        double sum = 0;
        for (int i = from; i < values.length && values[i] <= x + CUTOFF * bandwidth; i++) {
            double u = (x - values[i]) / bandwidth;
            sum += multiplicity[i] * Math.exp(-0.5 * u * u);
        }
        return sum / (n * bandwidth * Math.sqrt(2 * Math.PI));
    }

    /** The first index whose value is at least {@code x}. */
    private int lowerBound(double x) {
        int lo = 0, hi = values.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
