package org.hmem.task.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Reader;
import java.nio.file.Files;
import java.util.Arrays;

import org.hmem.engine.golden.Compare;
import org.hmem.engine.golden.GoldenCase;
import org.hmem.task.concentration.env.Concentration;
import org.hmem.task.concentration.env.ConcentrationConfig;
import org.hmem.task.concentration.env.Deck;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;

/**
 * The Concentration environment (spec §9.1) against a trajectory of the reference: the game is put on the recorded
 * deck and layout (the reference's shuffle cannot be reproduced), the recorded actions are stepped, and every
 * observation, reward, done flag, step count, episode reward and grid display must match. Observations hold 0/1 and
 * the deck's float64 values rounded to float32, so they are compared within float32 rounding ({@link #OBSERVATION}).
 */
final class ConcentrationEnvGolden {

    static final String KIND = "concentration_env";

    /** Relative tolerance of the observations: float32 rounding of values in [0, 1) is below 2^-25. */
    static final double OBSERVATION = 1e-7;

    private ConcentrationEnvGolden() {
    }

    static void check(GoldenCase c) throws Exception {
        ConcentrationConfig cfg = new ConcentrationConfig(c.configInt("num_cells"), c.configInt("card_shape"),
                c.config("match_reward"), c.config("flip_penalty"), c.configBool("resample_cards"));
        assertEquals(c.configInt("observation_size"), cfg.observationSize(), "observation size");
        assertEquals(c.configInt("num_actions"), cfg.numActions(), "number of actions");
        GoldenCase.Ref deckRef = c.input("deck");
        Deck deck = Deck.of(deckRef.shape()[0], deckRef.shape()[1], deckRef.values());
        int[] actions = c.input("actions").ints();
        double[] observations = c.output("observations").values();
        double[] rewards = c.output("rewards").values();
        int[] dones = c.output("dones").ints();
        int[] numSteps = c.output("info_num_steps").ints();
        double[] episodeRewards = c.output("info_episode_reward").values();
        JsonArray grids = infoGrids(c);
        assertEquals(actions.length, grids.size(), "grid displays per step");

        int size = cfg.observationSize();
        Concentration game = new Concentration(cfg, cfg.resampleCards() ? null : deck, 0);
        float[] obs = new float[size];
        game.resetTo(c.input("layout").ints(), deck, obs, 0);
        Compare.close("reset observation", Arrays.copyOfRange(observations, 0, size), obs, size, OBSERVATION);
        for (int k = 0; k < actions.length; k++) {
            String step = "step " + k + " (action " + actions[k] + ")";
            double reward = game.step(actions[k], obs, 0);
            Compare.close(step + " observation", Arrays.copyOfRange(observations, (k + 1) * size, (k + 2) * size),
                    obs, size, OBSERVATION);
            assertEquals(rewards[k], reward, 1e-12, step + " reward");
            assertEquals(dones[k] != 0, game.done(), step + " done");
            assertEquals(numSteps[k], game.numSteps(), step + " info num_steps");
            assertEquals(episodeRewards[k], game.episodeReward(), 1e-12, step + " info episode_reward");
            String[] grid = new String[grids.get(k).getAsJsonArray().size()];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = grids.get(k).getAsJsonArray().get(i).getAsString();
            }
            assertArrayEquals(grid, game.grid(), step + " info grid");
        }
        assertEquals(c.checks().get("num_steps").getAsInt(), game.numSteps(), "steps of the game");
        assertEquals(c.checks().get("total_reward").getAsDouble(), game.episodeReward(), 1e-12, "total reward");
    }

    /** {@code outputs_strings.info_grid}, which {@link GoldenCase} does not read (it holds only tensors). */
    private static JsonArray infoGrids(GoldenCase c) throws Exception {
        try (Reader r = Files.newBufferedReader(c.file())) {
            return JsonParser.parseReader(r).getAsJsonObject().getAsJsonObject("outputs_strings")
                    .getAsJsonArray("info_grid");
        }
    }
}
