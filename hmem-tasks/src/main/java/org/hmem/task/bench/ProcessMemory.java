package org.hmem.task.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Memory figures of the running JVM: peak resident set size of the process ({@code VmHWM} in
 * {@code /proc/self/status}, a high-water mark since process start that cannot be reset) and peak Java heap use
 * (sum of the heap pools' peak usage since the last {@link #resetHeapPeaks()}).
 */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Peak resident set size in MiB, or NaN where {@code /proc/self/status} is unavailable (non-Linux). */
    public static double peakRssMiB() {
        return statusKiB("VmHWM:") / 1024.0;
    }

    /** Current resident set size in MiB, or NaN where unavailable. */
    public static double rssMiB() {
        return statusKiB("VmRSS:") / 1024.0;
    }

    private static double statusKiB(String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
            for (String line : lines) {
                if (line.startsWith(key)) {
                    String[] parts = line.substring(key.length()).trim().split("\\s+");
                    return Double.parseDouble(parts[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux or unreadable: reported as NaN
        }
        return Double.NaN;
    }

    /** Resets the peak usage of every heap pool. */
    public static void resetHeapPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /**
     * Sum over heap pools of their peak usage since the last reset, in MiB. Pools peak at different moments, so this
     * is an upper bound of the true peak heap occupancy.
     */
    public static double peakHeapMiB() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / (1024.0 * 1024.0);
    }
}
