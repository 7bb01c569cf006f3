package org.hmem.task.concentration.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The perfect-memory optimum: the reference's values, and the optimal player on real games reaching the dynamic
 * programme's expectation, exactly over every layout of small grids and statistically over random games.
 */
class OptimalFlipsTest {

    @Test
    void theReferenceValues() {
        assertEquals(2.0, OptimalFlips.expectedFlips(2), 1e-12);
        assertEquals(16.0 / 3, OptimalFlips.expectedFlips(4), 1e-12);
        assertEquals(26.0 / 3, OptimalFlips.expectedFlips(6), 1e-12);
        assertEquals("5.33 8.67", String.format("%.2f %.2f", OptimalFlips.expectedFlips(4),
                OptimalFlips.expectedFlips(6)));
    }

    @Test
    void theTableGrowsWithTheGridAndAnOddCellCostsNothing() {
        double previous = 0;
        for (int n = 2; n <= 12; n += 2) {
            double e = OptimalFlips.expectedFlips(n);
            assertTrue(e >= n && e < 2 * n, n + " cells: " + e + " flips");
            assertTrue(e >= previous + 2, n + " cells: " + e + " after " + previous);
            assertEquals(e, OptimalFlips.expectedFlips(n + 1), 0, "the empty cell of " + (n + 1) + " cells");
            previous = e;
        }
        assertThrows(IllegalArgumentException.class, () -> OptimalFlips.expectedFlips(1));
    }

    @Test
    void theStateValuesOfSmallStates() {
        OptimalFlips t = new OptimalFlips(6);
        assertEquals(0, t.betweenTurns(0, 0));
        // every unseen card is the partner of a seen one: flip it, then its partner
        assertEquals(4, t.betweenTurns(2, 2), 1e-12);
        // one card up, its partner the only unseen card
        assertEquals(1, t.withOneUp(1, 0), 1e-12);
        assertEquals(t.expected(), t.betweenTurns(6, 0));
        assertThrows(IllegalArgumentException.class, () -> t.betweenTurns(3, 0));
        assertThrows(IllegalArgumentException.class, () -> t.revealSecond(2, 0));
    }

    @Test
    void theOptimalPlayerAveragesTheOptimumOverEveryLayout() {
        for (int n : new int[] {2, 4, 6, 7, 8}) {
            ConcentrationConfig cfg = ConcentrationConfig.of(n, 3, false);
            Deck deck = Deck.random(cfg.numImages(), 3, n);
            Concentration game = new Concentration(cfg, deck, 0);
            OptimalPlayer player = new OptimalPlayer(cfg);
            float[] obs = new float[cfg.observationSize()];
            int[] layout = new int[n];
            java.util.Arrays.fill(layout, -1);
            long[] sums = new long[2];
            enumerate(layout, 0, cfg.numImages(), new int[cfg.numImages()], () -> {
                game.resetTo(layout, deck, obs, 0);
                sums[0] += play(game, player, obs);
                sums[1]++;
            });
            assertEquals(OptimalFlips.expectedFlips(n), (double) sums[0] / sums[1], 1e-12,
                    n + " cells over " + sums[1] + " layouts");
        }
    }

    /** Calls {@code visit} for every distinct placement of two cards per image on the first 2·images cells. */
    private static void enumerate(int[] layout, int cell, int images, int[] placed, Runnable visit) {
        if (cell == 2 * images) {
            visit.run();
            return;
        }
        for (int id = 0; id < images; id++) {
            if (placed[id] < 2) {
                placed[id]++;
                layout[cell] = id;
                enumerate(layout, cell + 1, images, placed, visit);
                placed[id]--;
            }
        }
        layout[cell] = -1;
    }

    @Test
    void randomGamesOfTheEnvironmentAgreeWithTheProgramme() {
        ConcentrationConfig cfg = ConcentrationConfig.of(6, 4, true);
        Concentration game = new Concentration(cfg, null, 2024);
        OptimalPlayer player = new OptimalPlayer(cfg);
        float[] obs = new float[cfg.observationSize()];
        int games = 200_000;
        double sum = 0, sumSq = 0;
        for (int g = 0; g < games; g++) {
            game.reset(obs, 0);
            int flips = play(game, player, obs);
            sum += flips;
            sumSq += (double) flips * flips;
        }
        double mean = sum / games;
        double stdErr = Math.sqrt((sumSq / games - mean * mean) / games);
        assertTrue(stdErr > 0 && stdErr < 0.01, "standard error " + stdErr);
        assertEquals(26.0 / 3, mean, 4 * stdErr, "mean flips of " + games + " games");
    }

    /** Plays a started game to its end; returns the flips. */
    private static int play(Concentration game, OptimalPlayer player, float[] obs) {
        player.newGame();
        while (!game.done()) {
            game.step(player.act(obs, 0), obs, 0);
            if (game.numSteps() > 10 * game.config().numCells()) {
                throw new AssertionError("the player does not finish");
            }
        }
        return game.numSteps();
    }
}
