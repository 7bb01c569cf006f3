package org.hmem.task.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures how busy the machine was with <i>other</i> processes during an interval: the whole system's busy CPU
 * time (from {@code /proc/stat}) minus this process's CPU time, divided by the wall time, in cores. A benchmark on a
 * shared machine reports it so that a slow figure caused by a concurrent job is recognisable. NaN off Linux.
 */
final class CpuMeter {

    /** Kernel clock ticks per second of {@code /proc/stat} (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long wallStart;
    private final double systemBusyStart;
    private final long processCpuStart;

    CpuMeter() {
        wallStart = System.nanoTime();
        systemBusyStart = systemBusySeconds();
        processCpuStart = processCpuNanos();
    }

    /** Average number of cores used by other processes since construction. */
    double backgroundCores() {
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double busy = systemBusySeconds() - systemBusyStart;
        double own = (processCpuNanos() - processCpuStart) / 1e9;
        if (!(wall > 0) || Double.isNaN(busy) || processCpuStart < 0) {
            return Double.NaN;
        }
        return Math.max(0, (busy - own) / wall);
    }

    /** Average number of cores used by this process since construction. */
    double ownCores() {
        double wall = (System.nanoTime() - wallStart) / 1e9;
        return processCpuStart < 0 ? Double.NaN : (processCpuNanos() - processCpuStart) / 1e9 / wall;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static double systemBusySeconds() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = first.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            int[] busyFields = {1, 2, 3, 6, 7, 8};
            for (int i : busyFields) {
                if (i < f.length) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
