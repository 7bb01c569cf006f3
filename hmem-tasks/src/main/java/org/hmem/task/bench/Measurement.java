package org.hmem.task.bench;

import java.util.Locale;

import com.google.gson.JsonObject;

/**
 * What every benchmark reports of one measured configuration: the rate (items per second: samples, episodes,
 * images) over the timed iterations, the warm-up, peak heap and RSS, whether SIMD kernels ran, and the CPU used by
 * the benchmark and by other processes during the timed phase. Benchmarks put their own keys around these in their
 * JSON lines and table rows.
 *
 * @param rssPerConfiguration whether the peak RSS belongs to this configuration alone (measured in its own JVM)
 */
public record Measurement(Stats rates, Stats secondsPerIteration, int warmupReps, double peakHeapMiB,
                          double peakRssMiB, boolean rssPerConfiguration, boolean simd, double ownCores,
                          double backgroundCores) {

    /** Adds the timing and memory keys; {@code rateKey} names the rate, e.g. {@code samples_per_s}. */
    void addTiming(JsonObject o, String rateKey) {
        o.addProperty(rateKey, round(rates.median()));
        o.addProperty(rateKey + "_min", round(rates.min()));
        o.addProperty(rateKey + "_q1", round(rates.q1()));
        o.addProperty(rateKey + "_q3", round(rates.q3()));
        o.addProperty(rateKey + "_max", round(rates.max()));
        o.addProperty("seconds_per_iteration", round(secondsPerIteration.median()));
        o.addProperty("reps", rates.count());
        o.addProperty("warmup_reps", warmupReps);
        o.addProperty("peak_heap_mb", round(peakHeapMiB));
        o.addProperty("peak_rss_mb", round(peakRssMiB));
        o.addProperty("rss_scope", rssPerConfiguration ? "configuration" : "cumulative");
        o.addProperty("simd", simd);
    }

    /** Adds the CPU keys and the machine's Java version and core count. */
    void addCpu(JsonObject o) {
        o.addProperty("cpu_cores_used", round(ownCores));
        o.addProperty("background_cpu_cores", round(backgroundCores));
        o.addProperty("java", System.getProperty("java.version"));
        o.addProperty("cpus", Runtime.getRuntime().availableProcessors());
    }

    /** Reads back what {@link #addTiming} and {@link #addCpu} wrote (quartiles of the iteration time are lost). */
    static Measurement parse(JsonObject o, String rateKey) {
        int reps = o.get("reps").getAsInt();
        Stats rate = new Stats(reps, o.get(rateKey + "_min").getAsDouble(), o.get(rateKey + "_q1").getAsDouble(),
                o.get(rateKey).getAsDouble(), o.get(rateKey + "_q3").getAsDouble(),
                o.get(rateKey + "_max").getAsDouble());
        double spi = o.get("seconds_per_iteration").getAsDouble();
        Stats secs = new Stats(reps, spi, spi, spi, spi, spi);
        return new Measurement(rate, secs, o.get("warmup_reps").getAsInt(), o.get("peak_heap_mb").getAsDouble(),
                o.get("peak_rss_mb").getAsDouble(), "configuration".equals(o.get("rss_scope").getAsString()),
                o.get("simd").getAsBoolean(), o.get("cpu_cores_used").getAsDouble(),
                o.get("background_cpu_cores").getAsDouble());
    }

    /** The table cells of this measurement: rate median, min, max, reps, heap, RSS, own and other CPU. */
    String cells() {
        return String.format(Locale.ROOT, "%12.1f %10.1f %10.1f %7d %10.0f %10.0f %6.2f %6.2f", rates.median(),
                rates.min(), rates.max(), rates.count(), peakHeapMiB, peakRssMiB, ownCores, backgroundCores);
    }

    /** Headings of {@link #cells()}; {@code rateName} heads the rate, e.g. {@code samples/s}. */
    static String headerCells(String rateName) {
        return String.format(Locale.ROOT, "%12s %10s %10s %7s %10s %10s %6s %6s", rateName, "min", "max", "reps",
                "heap MiB", "RSS MiB", "cpu", "other");
    }

    /** Three decimals in JSON; non-finite values as they are. */
    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000.0) / 1000.0 : v;
    }
}
