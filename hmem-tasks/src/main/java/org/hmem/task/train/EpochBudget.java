package org.hmem.task.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code --time_budget}: the wall time a training loop may take, checked between epochs. An epoch is not started when
 * it would end after the budget, taking its length to be the last epoch's, so a run stops cleanly with its
 * checkpoints written instead of being cut off.
 */
public final class EpochBudget {

    private final double minutes;
    private final String unit;
    private final long start = System.nanoTime();
    private long epochStart;
    private double lastEpochSeconds;

    /** @param minutes the budget; 0 or less for none */
    public EpochBudget(double minutes) {
        this(minutes, "epoch");
    }

    /** @param unit what a loop iteration is called in the message ("epoch", "update") */
    public EpochBudget(double minutes, String unit) {
        this.minutes = minutes;
        this.unit = unit;
    }

    /**
     * Whether epoch {@code epoch} must not start; if so, says why on {@code out}, followed by {@code advice} (may be
     * empty). Otherwise the epoch's clock starts.
     */
    public boolean stopsBefore(int epoch, String advice, PrintStream out) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (minutes > 0 && elapsed + lastEpochSeconds > 60 * minutes) {
            out.printf(Locale.ROOT, "stopping before %s %d: the time budget of %.1f min would be exceeded "
                    + "(%.1f min used, last %s %.1f min)%s%n", unit, epoch, minutes, elapsed / 60, unit,
                    lastEpochSeconds / 60, advice);
            return true;
        }
        epochStart = System.nanoTime();
        return false;
    }

    /** Ends the epoch started by {@link #stopsBefore}; returns its seconds. */
    public double epochEnds() {
        lastEpochSeconds = (System.nanoTime() - epochStart) / 1e9;
        return lastEpochSeconds;
    }
}
