package org.hmem.task.train;

/**
 * Where a training run stands: the next epoch to run, the best validation accuracy so far, and the names that tie
 * its files together. Resuming restores exactly this (spec §7.5-§7.6).
 */
public final class RunState {

    private int nextEpoch;
    private double bestAccuracy;
    private final String timeStamp;
    private final String logDir;

    public RunState(int nextEpoch, double bestAccuracy, String timeStamp, String logDir) {
        this.nextEpoch = nextEpoch;
        this.bestAccuracy = bestAccuracy;
        this.timeStamp = timeStamp;
        this.logDir = logDir;
    }

    public int nextEpoch() {
        return nextEpoch;
    }

    public double bestAccuracy() {
        return bestAccuracy;
    }

    /** Start time as {@code MonDD_HH-MM-SS} (kept across resumes so files keep their names). */
    public String timeStamp() {
        return timeStamp;
    }

    /** TensorBoard run directory, or "" when not logging. */
    public String logDir() {
        return logDir;
    }

    /** Records a finished epoch; returns true when its accuracy is a new best. */
    boolean finishEpoch(int epoch, double accuracy) {
        nextEpoch = epoch + 1;
        if (accuracy > bestAccuracy) {
            bestAccuracy = accuracy;
            return true;
        }
        return false;
    }
}
