package org.hmem.task.concentration.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.hmem.engine.parallel.BatchParallel;
import org.junit.jupiter.api.Test;

/** Vectorised games: seeding, SB3's auto-reset with the finished game's info, and parallel = sequential. */
class VecEnvTest {

    @Test
    void gameIIsSeededWithEnvSeedPlusI() {
        ConcentrationConfig cfg = ConcentrationConfig.of(8, 2, true);
        VecEnv vec = new VecEnv(cfg, null, 3, 100, null);
        int size = cfg.observationSize();
        Concentration[] alone = new Concentration[3];
        float[] single = new float[size];
        for (int i = 0; i < 3; i++) {
            alone[i] = new Concentration(cfg, null, 100 + i);
        }
        vec.reset();
        int[] actions = {5, 6, 7};
        vec.step(actions);
        for (int i = 0; i < 3; i++) {
            alone[i].reset(single, 0);
            alone[i].step(actions[i], single, 0);
            assertArrayEquals(single, Arrays.copyOfRange(vec.observations(), i * size, (i + 1) * size), "game " + i);
            assertArrayEquals(alone[i].grid(), vec.game(i).grid(), "game " + i);
        }
        assertFalse(Arrays.equals(alone[0].grid(), alone[1].grid()) && Arrays.equals(alone[1].grid(),
                alone[2].grid()), "three seeds, one layout");
    }

    @Test
    void aFinishedGameIsResetAndItsInfoKept() {
        // two cells: one pair, done after two flips
        ConcentrationConfig cfg = ConcentrationConfig.of(2, 3, false);
        Deck deck = Deck.random(1, 3, 4);
        VecEnv vec = new VecEnv(cfg, deck, 2, 7, null);
        vec.reset();
        float[] resetObs = Arrays.copyOfRange(vec.observations(), 0, cfg.observationSize());
        vec.step(new int[] {0, 1});
        assertArrayEquals(new float[] {-0.5f, -0.5f}, vec.rewards());
        assertFalse(vec.dones()[0] || vec.dones()[1]);
        vec.step(new int[] {0, 0});
        // game 0 flipped its card back down; game 1 completed the pair
        assertArrayEquals(new float[] {-0.5f, 24.5f}, vec.rewards());
        assertFalse(vec.dones()[0]);
        assertTrue(vec.dones()[1]);
        assertEquals(2, vec.finishedSteps(1));
        assertEquals(24.0, vec.finishedReward(1));
        int size = cfg.observationSize();
        assertArrayEquals(resetObs, Arrays.copyOfRange(vec.observations(), size, 2 * size),
                "game 1's observation is the first of its next game");
        assertEquals(0, vec.game(1).numSteps());
        assertEquals(2, vec.game(0).numSteps());
        vec.step(new int[] {0, 0});
        assertFalse(vec.dones()[1], "done lasts one step");
    }

    @Test
    void parallelSteppingEqualsSequentialBitForBit() {
        for (boolean resample : new boolean[] {false, true}) {
            ConcentrationConfig cfg = ConcentrationConfig.of(9, 4, resample);
            Deck deck = resample ? null : Deck.random(4, 4, 2);
            VecEnv seq = new VecEnv(cfg, deck, 13, 55, null);
            try (BatchParallel workers = new BatchParallel(3)) {
                VecEnv par = new VecEnv(cfg, deck, 13, 55, workers);
                seq.reset();
                par.reset();
                SplittableRandom rng = new SplittableRandom(8);
                int[] actions = new int[13];
                int finished = 0;
                for (int t = 0; t < 2000; t++) {
                    for (int i = 0; i < actions.length; i++) {
                        actions[i] = rng.nextInt(cfg.numActions());
                    }
                    seq.step(actions);
                    par.step(actions);
                    assertArrayEquals(seq.observations(), par.observations(), "step " + t);
                    assertArrayEquals(seq.rewards(), par.rewards(), "step " + t);
                    assertArrayEquals(seq.dones(), par.dones(), "step " + t);
                    for (int i = 0; i < actions.length; i++) {
                        if (seq.dones()[i]) {
                            finished++;
                            assertEquals(seq.finishedSteps(i), par.finishedSteps(i));
                            assertEquals(seq.finishedReward(i), par.finishedReward(i));
                        }
                    }
                }
                assertTrue(finished > 50, "only " + finished + " games finished");
            }
        }
    }
}
