package org.hmem.task.flags;

import java.util.List;

/** Common value ranges for {@link Flag#allowing}. */
public final class Allowed {

    private Allowed() {
    }

    /** {@code flag} restricted to integers >= min. */
    public static Flag<Integer> atLeast(Flag<Integer> flag, int min) {
        return flag.allowing(v -> v >= min, "an integer >= " + min);
    }

    /** {@code flag} restricted to 0 and 1. */
    public static Flag<Integer> zeroOrOne(Flag<Integer> flag) {
        return flag.allowing(v -> v == 0 || v == 1, "0 or 1");
    }

    /** {@code flag} restricted to finite numbers > 0. */
    public static Flag<Double> positive(Flag<Double> flag) {
        return flag.allowing(v -> Double.isFinite(v) && v > 0, "a finite number > 0");
    }

    /** {@code flag} restricted to finite numbers >= 0. */
    public static Flag<Double> nonNegative(Flag<Double> flag) {
        return flag.allowing(v -> Double.isFinite(v) && v >= 0, "a finite number >= 0");
    }

    /** {@code flag} restricted to numbers in {@code [lo, hi]} (so never NaN or infinite). */
    public static Flag<Double> between(Flag<Double> flag, double lo, double hi) {
        return flag.allowing(v -> v >= lo && v <= hi, "a number in [" + format(lo) + ", " + format(hi) + "]");
    }

    /** {@code flag} restricted to integers in {@code [lo, hi]}. */
    public static Flag<Integer> between(Flag<Integer> flag, int lo, int hi) {
        return flag.allowing(v -> v >= lo && v <= hi, "an integer in [" + lo + ", " + hi + "]");
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** {@code flag} restricted to finite numbers. */
    public static Flag<Double> finite(Flag<Double> flag) {
        return flag.allowing(Double::isFinite, "a finite number");
    }

    /** {@code flag} restricted to the given words. */
    public static Flag<String> oneOf(Flag<String> flag, String... words) {
        List<String> allowed = List.of(words);
        return flag.allowing(allowed::contains, "one of " + String.join(", ", words)).label(String.join("|", words));
    }
}
