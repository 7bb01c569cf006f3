package org.hmem.task.crossmodal;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

import org.hmem.task.crossmodal.data.CrossModalEpisodes;
import org.hmem.task.plot.Histogram;

/**
 * How close the reconstructions of a batch of test episodes come to the target image and to the other stored images
 * (spec §10.6, for both models): the MSE against the target, against the k-th stored image of another digit
 * ("other k") and against all of those ("others"), and, with a digit classifier, the share of reconstructions it
 * recognises as the target's digit. The reference indexes exactly two other images (L = 3); here every stored image
 * of another digit counts, so any L works.
 */
final class ReconstructionErrors {

    /** mean ± std (numpy's, ddof 0), median and quartiles (numpy's linear percentiles) of a list of MSEs. */
    record Summary(double mean, double std, double median, double p25, double p75) {

        static Summary of(float[] values) {
            float[] sorted = values.clone();
            Arrays.sort(sorted);
            double mean = 0, square = 0;
            for (float v : sorted) {
                mean += v;
            }
            mean /= sorted.length;
            for (float v : sorted) {
                square += (v - mean) * (v - mean);
            }
            return new Summary(mean, Math.sqrt(square / sorted.length), Histogram.percentile(sorted, 0.5),
                    Histogram.percentile(sorted, 0.25), Histogram.percentile(sorted, 0.75));
        }

        String format() {
            return String.format(Locale.ROOT, "%.4f ± %.4f, median %.4f [25 %%: %.4f, 75 %%: %.4f]", mean, std,
                    median, p25, p75);
        }
    }

    /** A named list of MSEs, one per episode that has the image. */
    record Series(String name, float[] mse) {
    }

    private static final int PIXELS = CrossModalModelConfig.IMAGE_PIXELS;

    private final int episodes;
    private final float[] target;
    private final float[][] other;
    private final float[] others;
    private final int[] digits;
    private final int[] predicted;

    private ReconstructionErrors(int episodes, float[] target, float[][] other, float[] others, int[] digits,
                                 int[] predicted) {
        this.episodes = episodes;
        this.digits = digits;
        this.target = target;
        this.other = other;
        this.others = others;
        this.predicted = predicted;
    }

    /**
     * The errors of {@code reconstructions} (784 values per episode of {@code batch}, one after the other).
     *
     * @param judge the digit classifier, or null to leave out the recognisability
     */
    static ReconstructionErrors of(CrossModalBatch batch, float[] reconstructions, Recognisability judge) {
        CrossModalEpisodes e = batch.episodes();
        int n = batch.size(), l = batch.pairs();
        float[] target = new float[n];
        float[][] other = new float[Math.max(0, l - 1)][n];
        int[] counts = new int[other.length];
        float[] others = new float[n * Math.max(0, l - 1)];
        int pooled = 0;
        int[] digits = new int[n], predicted = judge == null ? null : new int[n];
        float[] one = new float[PIXELS];
        for (int b = 0; b < n; b++) {
            int t = e.targetPosition()[b], digit = e.imageClasses()[b * l + t];
            digits[b] = digit;
            target[b] = mse(reconstructions, b * PIXELS, batch.target(), b * PIXELS);
            for (int p = 0, k = 0; p < l; p++) {
                // test episodes store L distinct digits, so this is every other position; a repeat would not count
                if (p != t && e.imageClasses()[b * l + p] != digit) {
                    float err = mse(reconstructions, b * PIXELS, batch.imagePixels(), (b * l + p) * PIXELS);
                    other[k][counts[k]++] = err;
                    others[pooled++] = err;
                    k++;
                }
            }
            if (judge != null) {
                System.arraycopy(reconstructions, b * PIXELS, one, 0, PIXELS);
                predicted[b] = judge.classify(one);
            }
        }
        for (int k = 0; k < other.length; k++) {
            other[k] = Arrays.copyOf(other[k], counts[k]);
        }
        return new ReconstructionErrors(n, target, other, Arrays.copyOf(others, pooled), digits,
                predicted);
    }

    private static float mse(float[] a, int aOff, float[] b, int bOff) {
        double s = 0;
        for (int i = 0; i < PIXELS; i++) {
            double d = a[aOff + i] - b[bOff + i];
            s += d * d;
        }
        return (float) (s / PIXELS);
    }

    int episodes() {
        return episodes;
    }

    /** The MSE of each reconstruction against its target image. */
    float[] target() {
        return target.clone();
    }

    /** The MSEs against every stored image of another digit. */
    float[] others() {
        return others.clone();
    }

    /**
     * What the histograms show: the target and, as the reference, the first two other images when there are at
     * least two, else the others together (none for L = 1).
     */
    Series[] histogramSeries() {
        if (other.length >= 2 && other[1].length > 0) {
            return new Series[] {new Series("target", target), new Series("other 1", other[0]),
                new Series("other 2", other[1])};
        }
        return others.length > 0 ? new Series[] {new Series("target", target), new Series("others", others)}
                : new Series[] {new Series("target", target)};
    }

    /** Whether a classifier judged the reconstructions. */
    boolean judged() {
        return predicted != null;
    }

    /** The digit of episode {@code b}'s target image. */
    int digit(int b) {
        return digits[b];
    }

    /** The digit the classifier sees in reconstruction {@code b}. */
    int predicted(int b) {
        return predicted[b];
    }

    /** The share of reconstructions recognised as the target's digit, in percent. */
    double recognisedPercent() {
        int hits = 0;
        for (int b = 0; b < episodes; b++) {
            hits += predicted[b] == digits[b] ? 1 : 0;
        }
        return 100.0 * hits / episodes;
    }

    /** The spec's print: a summary per list, then the recognisability or why there is none. */
    void print(PrintStream out) {
        out.printf(Locale.ROOT, "reconstruction MSE over %d test episodes (mean ± std, median, quartiles):%n",
                episodes);
        out.println("  target:  " + Summary.of(target).format());
        if (other.length >= 2) {
            for (int k = 0; k < other.length; k++) {
                if (other[k].length > 0) {
                    out.printf(Locale.ROOT, "  other %d: %s%n", k + 1, Summary.of(other[k]).format());
                }
            }
        }
        if (others.length > 0) {
            out.println("  others:  " + Summary.of(others).format());
        }
        if (judged()) {
            out.printf(Locale.ROOT, "recognised as the target's digit by the MNIST classifier: %.1f %% of %d%n",
                    recognisedPercent(), episodes);
        } else {
            out.println("recognisability: skipped, no MNIST digit classifier");
        }
    }
}
