package org.hmem.task.train;

/**
 * Where a training run stands: the next epoch to run, the best validation value so far of the objective's deciding
 * metric, and the names that tie its files together. Resuming restores exactly this (spec §7.5-§7.6).
 */
public final class RunState {

    private int nextEpoch;
    private final String bestMetric;
    private double bestValue;
    private final String timeStamp;
    private final String logDir;

    /**
     * @param bestMetric tag of the metric that ranks checkpoints ({@code Acc}, {@code Loss})
     * @param bestValue its best validation value so far ({@link Metric#worst()} before the first epoch)
     */
    public RunState(int nextEpoch, String bestMetric, double bestValue, String timeStamp, String logDir) {
        this.nextEpoch = nextEpoch;
        this.bestMetric = bestMetric;
        this.bestValue = bestValue;
        this.timeStamp = timeStamp;
        this.logDir = logDir;
    }

    public int nextEpoch() {
        return nextEpoch;
    }

    public String bestMetric() {
        return bestMetric;
    }

    public double bestValue() {
        return bestValue;
    }

    /** Start time as {@code MonDD_HH-MM-SS} (kept across resumes so files keep their names). */
    public String timeStamp() {
        return timeStamp;
    }

    /** TensorBoard run directory, or "" when not logging. */
    public String logDir() {
        return logDir;
    }

    /** The same state writing its logs to {@code dir}. */
    public RunState withLogDir(String dir) {
        return new RunState(nextEpoch, bestMetric, bestValue, timeStamp, dir);
    }

    /** Records a finished epoch with its validation value of {@code metric}; true when it is a new best. */
    boolean finishEpoch(int epoch, Metric metric, double value) {
        nextEpoch = epoch + 1;
        if (metric.improves(value, bestValue)) {
            bestValue = value;
            return true;
        }
        return false;
    }
}
