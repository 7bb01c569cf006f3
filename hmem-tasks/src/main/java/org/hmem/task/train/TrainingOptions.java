package org.hmem.task.train;

/**
 * The optimisation settings shared by the supervised task scripts (spec §7.1-§7.3).
 *
 * @param regularization the activity regulariser term ({@link ActivityRegularization#NONE} for non-spiking models)
 * @param printFreq iterations between progress lines (0 = none)
 * @param timeBudgetMinutes stop before an epoch that would end after this wall time (0 = no limit)
 */
public record TrainingOptions(int epochs, double learningRate, double learningRateDecay, int decayEvery,
                              double maxGradNorm, ActivityRegularization regularization, int printFreq,
                              double timeBudgetMinutes) {
}
