package org.hmem.task.concentration.env;

import org.hmem.engine.parallel.BatchParallel;

/**
 * N Concentration games stepped together, as Stable-Baselines3's {@code DummyVecEnv} steps the reference's: game i
 * is seeded with {@code envSeed + i}, and a game that ends is reset at once, so the observation returned for it is
 * the first one of its next game; the finished game's step count and total reward are kept for that step
 * ({@link #finishedSteps}, {@link #finishedReward}).
 *
 * <p>Results live in buffers owned by this object and overwritten by every call: {@link #observations()} (game i at
 * {@code i * observationSize}), {@link #rewards()}, {@link #dones()}. Games are independent and each writes only its
 * own slots, so stepping them over a {@link BatchParallel}'s workers gives bit for bit the sequential result. A step
 * allocates nothing here (the policy rollout runs it tens of thousands of times per second).
 */
public final class VecEnv {

    private final ConcentrationConfig config;
    private final Concentration[] games;
    private final BatchParallel parallel;
    private final float[] observations;
    private final float[] rewards;
    private final boolean[] dones;
    private final int[] finishedSteps;
    private final double[] finishedReward;
    private final BatchParallel.SampleTask stepTask = (worker, i) -> stepGame(i);
    /** The actions of the step in progress, read by {@link #stepTask}. */
    private int[] actions;

    /**
     * @param fixedDeck the shared deck, null with {@code resample_cards} (see {@link Concentration})
     * @param parallel  the worker threads to step the games over, or null to step them on the caller's thread
     */
    public VecEnv(ConcentrationConfig config, Deck fixedDeck, int numEnvs, long envSeed, BatchParallel parallel) {
        if (numEnvs < 1) {
            throw new IllegalArgumentException("need at least one environment, got " + numEnvs);
        }
        this.config = config;
        this.parallel = parallel;
        this.games = new Concentration[numEnvs];
        for (int i = 0; i < numEnvs; i++) {
            games[i] = new Concentration(config, fixedDeck, envSeed + i);
        }
        this.observations = new float[numEnvs * config.observationSize()];
        this.rewards = new float[numEnvs];
        this.dones = new boolean[numEnvs];
        this.finishedSteps = new int[numEnvs];
        this.finishedReward = new double[numEnvs];
    }

    public ConcentrationConfig config() {
        return config;
    }

    public int numEnvs() {
        return games.length;
    }

    /** Game i, e.g. for its {@link Concentration#grid()}. */
    public Concentration game(int i) {
        return games[i];
    }

    /** Resets every game and writes their first observations. */
    public void reset() {
        int size = config.observationSize();
        for (int i = 0; i < games.length; i++) {
            games[i].reset(observations, i * size);
            rewards[i] = 0f;
            dones[i] = false;
        }
    }

    /** Flips cell {@code actions[i]} in game i for every i; games that end are reset (class comment). */
    public void step(int[] actions) {
        if (actions.length != games.length) {
            throw new IllegalArgumentException(actions.length + " actions for " + games.length + " environments");
        }
        this.actions = actions;
        if (parallel == null) {
            for (int i = 0; i < games.length; i++) {
                stepGame(i);
            }
        } else {
            parallel.forEach(games.length, stepTask);
        }
        this.actions = null;
    }

    private void stepGame(int i) {
        Concentration game = games[i];
        int off = i * config.observationSize();
        rewards[i] = (float) game.step(actions[i], observations, off);
        dones[i] = game.done();
        if (dones[i]) {
            finishedSteps[i] = game.numSteps();
            finishedReward[i] = game.episodeReward();
            game.reset(observations, off);
        }
    }

    /** Observations of the last call, game after game. */
    public float[] observations() {
        return observations;
    }

    /** Rewards of the last step. */
    public float[] rewards() {
        return rewards;
    }

    /** Whether game i ended in the last step (its observation is then its next game's first). */
    public boolean[] dones() {
        return dones;
    }

    /** Steps of the game that game slot i finished most recently; meaningful when {@code dones()[i]}. */
    public int finishedSteps(int i) {
        return finishedSteps[i];
    }

    /** Total reward of the game that slot i finished most recently; meaningful when {@code dones()[i]}. */
    public double finishedReward(int i) {
        return finishedReward[i];
    }
}
