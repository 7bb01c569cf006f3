package org.hmem.task.rl;

import java.util.Arrays;

/**
 * The rollout storage of spec §9.4, environment-major so that each environment's sequence is contiguous for the
 * recurrent minibatches: observations and masks of steps 0..S (step S is the next rollout's step 0), actions,
 * log-probabilities, values and rewards of steps 0..S-1, the value of step S, and the discounted returns (no GAE).
 * The recurrent states at step 0 are kept by the trainer.
 */
public final class Rollout {

    final int envs;
    final int steps;
    final int obsSize;
    final float[] obs;
    final float[] masks;
    final int[] actions;
    final float[] logProbs;
    final float[] values;
    final float[] rewards;
    final float[] returns;
    final float[] advantages;

    public Rollout(int envs, int steps, int obsSize) {
        this.envs = envs;
        this.steps = steps;
        this.obsSize = obsSize;
        obs = new float[envs * (steps + 1) * obsSize];
        masks = new float[envs * (steps + 1)];
        actions = new int[envs * steps];
        logProbs = new float[envs * steps];
        values = new float[envs * (steps + 1)];
        rewards = new float[envs * steps];
        returns = new float[envs * (steps + 1)];
        advantages = new float[envs * steps];
        Arrays.fill(masks, 1f);
    }

    /** Offset of environment n's observation of step s. */
    int obsOffset(int n, int s) {
        return (n * (steps + 1) + s) * obsSize;
    }

    /** Index of (n, s) in the arrays of S + 1 steps (masks, values, returns). */
    int at(int n, int s) {
        return n * (steps + 1) + s;
    }

    /** Index of (n, s) in the arrays of S steps (actions, log-probs, rewards, advantages). */
    int atStep(int n, int s) {
        return n * steps + s;
    }

    /** {@code returns[S] = V(next)}, {@code returns[s] = returns[s+1] * gamma * mask[s+1] + reward[s]}. */
    void computeReturns(double gamma) {
        for (int n = 0; n < envs; n++) {
            returns[at(n, steps)] = values[at(n, steps)];
            for (int s = steps - 1; s >= 0; s--) {
                returns[at(n, s)] = (float) (returns[at(n, s + 1)] * gamma * masks[at(n, s + 1)]
                        + rewards[atStep(n, s)]);
            }
        }
    }

    /** {@code A = returns - values} over steps 0..S-1, normalised: {@code (A - mean) / (std + 1e-5)}, std unbiased. */
    void computeAdvantages() {
        int count = envs * steps;
        double sum = 0;
        for (int n = 0; n < envs; n++) {
            for (int s = 0; s < steps; s++) {
                float a = returns[at(n, s)] - values[at(n, s)];
                advantages[atStep(n, s)] = a;
                sum += a;
            }
        }
        double mean = sum / count, sq = 0;
        for (int i = 0; i < count; i++) {
            double d = advantages[i] - mean;
            sq += d * d;
        }
        double std = count > 1 ? Math.sqrt(sq / (count - 1)) : 0;
        for (int i = 0; i < count; i++) {
            advantages[i] = (float) ((advantages[i] - mean) / (std + 1e-5));
        }
    }

    /** The last step's observations and masks become step 0 of the next rollout ({@code after_update}). */
    void afterUpdate() {
        for (int n = 0; n < envs; n++) {
            System.arraycopy(obs, obsOffset(n, steps), obs, obsOffset(n, 0), obsSize);
            masks[at(n, 0)] = masks[at(n, steps)];
        }
    }

    /** Mean of the returns of all S + 1 steps (the reference's {@code Info/mean_returns}). */
    public double meanReturn() {
        double sum = 0;
        for (float r : returns) {
            sum += r;
        }
        return sum / returns.length;
    }
}
