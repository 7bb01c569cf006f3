package org.hmem.task.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.hmem.engine.simd.Simd;

/**
 * The measuring loop of the benchmarks: untimed warm-up iterations (the JIT compiles the hot code), then timed
 * iterations until the {@link Repetitions} policy is met. Each iteration is prepared untimed (drawing its data,
 * restoring parameters) and only its work is timed. Peak heap is counted from the start of the warm-up.
 */
final class TimedLoop {

    private TimedLoop() {
    }

    /**
     * Runs the loop.
     *
     * @param itemsPerIteration what one iteration processes (samples, episodes, images), for the rate
     * @param next prepares the next iteration and returns its work to time
     * @param rssPerConfiguration whether this JVM measures only this configuration (see {@link Measurement})
     */
    static Measurement run(Repetitions p, int itemsPerIteration, Supplier<Runnable> next,
                           boolean rssPerConfiguration) {
        ProcessMemory.resetHeapPeaks();
        int warm = 0;
        long start = System.nanoTime();
        while (warm < p.warmupReps() || seconds(start) < p.warmupSeconds()) {
            next.get().run();
            warm++;
        }
        List<Double> times = new ArrayList<>();
        CpuMeter cpu = new CpuMeter();
        long timedStart = System.nanoTime();
        do {
            Runnable work = next.get();
            long t0 = System.nanoTime();
            work.run();
            times.add(seconds(t0));
        } while (!p.done(times.size(), seconds(timedStart)));
        double[] secs = times.stream().mapToDouble(Double::doubleValue).toArray();
        double[] rates = new double[secs.length];
        for (int i = 0; i < secs.length; i++) {
            rates[i] = itemsPerIteration / secs[i];
        }
        return new Measurement(Stats.of(rates), Stats.of(secs), warm, ProcessMemory.peakHeapMiB(),
                ProcessMemory.peakRssMiB(), rssPerConfiguration, Simd.enabled(), cpu.ownCores(),
                cpu.backgroundCores());
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
