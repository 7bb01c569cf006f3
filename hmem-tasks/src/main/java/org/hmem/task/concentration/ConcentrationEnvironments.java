package org.hmem.task.concentration;

import com.google.gson.Gson;
import com.google.gson.JsonArray;

import org.hmem.task.concentration.env.Concentration;
import org.hmem.task.concentration.env.ConcentrationConfig;
import org.hmem.task.concentration.env.Deck;
import org.hmem.task.concentration.env.VecEnv;
import org.hmem.task.rl.VectorEnvironment;

/**
 * The vectorised Concentration games as the PPO trainer sees them. Games are stepped on the caller's thread: a step
 * of all games costs microseconds next to the policy's milliseconds.
 */
final class ConcentrationEnvironments implements VectorEnvironment {

    private static final Gson GSON = new Gson();

    private final VecEnv games;
    private final int obsSize;

    ConcentrationEnvironments(ConcentrationConfig config, Deck deck, int count, long envSeed) {
        this.games = new VecEnv(config, deck, count, envSeed, null);
        this.obsSize = config.observationSize();
    }

    VecEnv games() {
        return games;
    }

    /** Every game in progress ({@link Concentration#snapshot}) as JSON, for a checkpoint. */
    JsonArray snapshot() {
        JsonArray all = new JsonArray();
        for (int i = 0; i < count(); i++) {
            all.add(GSON.toJsonTree(games.game(i).snapshot()));
        }
        return all;
    }

    /** Continues the games of {@link #snapshot()}. */
    void restore(JsonArray all) {
        if (all.size() != count()) {
            throw new IllegalArgumentException("the stored run has " + all.size() + " environments, this one "
                    + count());
        }
        for (int i = 0; i < count(); i++) {
            games.game(i).restore(GSON.fromJson(all.get(i), Concentration.Snapshot.class));
        }
    }

    @Override
    public int count() {
        return games.numEnvs();
    }

    @Override
    public int observationSize() {
        return obsSize;
    }

    @Override
    public int actions() {
        return games.config().numActions();
    }

    @Override
    public void reset(float[] obs) {
        games.reset();
        System.arraycopy(games.observations(), 0, obs, 0, count() * obsSize);
    }

    @Override
    public void step(int[] actions, float[] obs, float[] rewards, boolean[] dones, int[] finishedLengths) {
        games.step(actions);
        System.arraycopy(games.observations(), 0, obs, 0, count() * obsSize);
        System.arraycopy(games.rewards(), 0, rewards, 0, count());
        System.arraycopy(games.dones(), 0, dones, 0, count());
        for (int i = 0; i < count(); i++) {
            if (dones[i]) {
                finishedLengths[i] = games.finishedSteps(i);
            }
        }
    }
}
