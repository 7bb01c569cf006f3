package org.hmem.task.train;

/**
 * The optimisation settings shared by the supervised task scripts (spec §7.1-§7.3).
 *
 * @param regularizerFromEpoch first epoch whose loss includes {@code l2 * reg} (1 for the associations, QA and
 *                             Omniglot scripts, 0 for cross-modal)
 * @param printFreq iterations between progress lines (0 = none)
 * @param timeBudgetMinutes stop before an epoch that would end after this wall time (0 = no limit)
 */
public record TrainingOptions(int epochs, double learningRate, double learningRateDecay, int decayEvery,
                              double maxGradNorm, double l2, double targetRate, int regularizerFromEpoch,
                              int printFreq, double timeBudgetMinutes) {
}
