package org.hmem.task.rl;

/**
 * N environments stepped together (spec §9.2): an environment that finishes a game resets at once, and the
 * observation returned for it is the new game's first one.
 */
public interface VectorEnvironment {

    int count();

    int observationSize();

    int actions();

    /** Resets every environment; writes the observations (count, observationSize). */
    void reset(float[] obs);

    /**
     * Steps environment i with {@code actions[i]}; writes observations, rewards and done flags of all environments
     * and the lengths (flips) of the games that ended, where done, into {@code finishedLengths}.
     */
    void step(int[] actions, float[] obs, float[] rewards, boolean[] dones, int[] finishedLengths);
}
