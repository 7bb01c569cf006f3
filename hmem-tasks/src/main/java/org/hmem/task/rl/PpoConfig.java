package org.hmem.task.rl;

/**
 * PPO's settings (spec §9.4, §9.5).
 *
 * @param steps rollout length S per update
 * @param epochs passes over the rollout per update
 * @param minibatches recurrent minibatches per pass (environments per minibatch = envs / minibatches)
 * @param gamma discount factor
 * @param maxGradNorm global gradient-norm clipping; {@code <= 0} disables it
 */
public record PpoConfig(int steps, int epochs, int minibatches, double gamma, PpoLoss loss, double maxGradNorm) {
}
