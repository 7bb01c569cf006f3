package org.hmem.task.concentration.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The rules of one game (spec §9.1–9.2), step by step on given layouts, and its seeding. */
class ConcentrationTest {

    static final int C = 3;

    /** Observation expected from cell states, a position and the image of card {@code card} (-1: zeros). */
    static float[] expected(ConcentrationConfig cfg, Deck deck, int[] states, int position, int card) {
        float[] e = new float[cfg.observationSize()];
        for (int i = 0; i < states.length; i++) {
            e[3 * i + states[i]] = 1f;
        }
        e[cfg.positionOffset() + position] = 1f;
        for (int j = 0; card >= 0 && j < cfg.cardShape(); j++) {
            e[cfg.imageOffset() + j] = (float) deck.value(card, j);
        }
        return e;
    }

    static final int D = Concentration.FACE_DOWN, U = Concentration.FACE_UP, E = Concentration.EMPTY;

    private final ConcentrationConfig cfg = ConcentrationConfig.of(6, C, false);
    private final Deck deck = Deck.random(3, C, 7);
    private final Concentration game = new Concentration(cfg, deck, 1);
    private final float[] obs = new float[cfg.observationSize()];

    private void start() {
        game.resetTo(new int[] {0, 1, 2, 0, 1, 2}, deck, obs, 0);
    }

    @Test
    void resetObservationShowsAllCardsDownPositionZeroAndNoImage() {
        start();
        assertEquals(4 * 6 + C, obs.length);
        assertArrayEquals(expected(cfg, deck, new int[] {D, D, D, D, D, D}, 0, -1), obs);
        assertFalse(game.done());
        assertEquals(0, game.numSteps());
        game.reset(obs, 0);
        assertArrayEquals(expected(cfg, deck, new int[] {D, D, D, D, D, D}, 0, -1), obs);
    }

    @Test
    void flippingAFaceUpCardTurnsItBackDown() {
        start();
        assertEquals(-0.5, game.step(4, obs, 0));
        assertArrayEquals(expected(cfg, deck, new int[] {D, D, D, D, U, D}, 4, 1), obs);
        assertEquals(-0.5, game.step(4, obs, 0));
        assertArrayEquals(expected(cfg, deck, new int[] {D, D, D, D, D, D}, 4, -1), obs);
        assertArrayEquals(new String[] {"-0-", "-1-", "-2-", "-0-", "-1-", "-2-"}, game.grid());
        assertEquals(2, game.numSteps());
        assertEquals(-1.0, game.episodeReward());
    }

    @Test
    void aNonMatchingPairIsShownThenTurnedDown() {
        start();
        game.step(0, obs, 0);
        assertArrayEquals(new String[] {"+0+", "-1-", "-2-", "-0-", "-1-", "-2-"}, game.grid());
        assertEquals(-0.5, game.step(2, obs, 0));
        // the second card's image is seen, but the states are those after the tidy-up
        assertArrayEquals(expected(cfg, deck, new int[] {D, D, D, D, D, D}, 2, 2), obs);
        assertArrayEquals(new String[] {"-0-", "-1-", "-2-", "-0-", "-1-", "-2-"}, game.grid());
    }

    @Test
    void aMatchingPairIsRemovedWithTheMatchReward() {
        start();
        game.step(1, obs, 0);
        assertEquals(24.5, game.step(4, obs, 0));
        assertArrayEquals(expected(cfg, deck, new int[] {D, E, D, D, E, D}, 4, 1), obs);
        assertArrayEquals(new String[] {"-0-", " x ", "-2-", "-0-", " x ", "-2-"}, game.grid());
        assertEquals(-1, game.cardAt(1));
        assertEquals(24.0, game.episodeReward());
    }

    @Test
    void flippingAnEmptyCellCostsOnlyThePenaltyAndShowsNothing() {
        start();
        game.step(1, obs, 0);
        game.step(4, obs, 0);
        game.step(0, obs, 0);
        assertEquals(-0.5, game.step(1, obs, 0));
        // card 0 in cell 0 stays face up: an empty cell does not complete a pair
        assertArrayEquals(expected(cfg, deck, new int[] {U, E, D, D, E, D}, 1, -1), obs);
        assertEquals(24.5, game.step(3, obs, 0));
        assertArrayEquals(expected(cfg, deck, new int[] {E, E, D, E, E, D}, 3, 0), obs);
    }

    @Test
    void theGameIsDoneWhenNoCardIsLeft() {
        start();
        int[] actions = {0, 3, 1, 4, 2, 5};
        for (int k = 0; k < actions.length; k++) {
            assertFalse(game.done(), "before step " + k);
            game.step(actions[k], obs, 0);
        }
        assertTrue(game.done());
        assertEquals(6, game.numSteps());
        assertEquals(3 * 25 - 6 * 0.5, game.episodeReward());
        assertArrayEquals(expected(cfg, deck, new int[] {E, E, E, E, E, E}, 5, 2), obs);
    }

    @Test
    void anOddGridHasItsEmptyCellLast() {
        ConcentrationConfig odd = ConcentrationConfig.of(5, C, false);
        Deck d = Deck.random(2, C, 3);
        Concentration g = new Concentration(odd, d, 11);
        float[] o = new float[odd.observationSize()];
        for (int r = 0; r < 20; r++) {
            g.reset(o, 0);
            assertEquals(Concentration.EMPTY, g.cellState(4));
            assertEquals(-1, g.cardAt(4));
            int[] ids = {g.cardAt(0), g.cardAt(1), g.cardAt(2), g.cardAt(3)};
            Arrays.sort(ids);
            assertArrayEquals(new int[] {0, 0, 1, 1}, ids);
            assertArrayEquals(expected(odd, d, new int[] {D, D, D, D, E}, 0, -1), o);
        }
        assertEquals(-0.5, g.step(4, o, 0));
        assertArrayEquals(expected(odd, d, new int[] {D, D, D, D, E}, 4, -1), o);
    }

    @Test
    void theSameSeedGivesTheSameLayoutsAndOthersDiffer() {
        ConcentrationConfig big = ConcentrationConfig.of(12, C, false);
        Deck d = Deck.random(6, C, 5);
        Concentration a = new Concentration(big, d, 42), b = new Concentration(big, d, 42);
        Concentration other = new Concentration(big, d, 43);
        float[] o = new float[big.observationSize()];
        boolean differs = false, changes = false;
        String previous = "";
        for (int r = 0; r < 5; r++) {
            a.reset(o, 0);
            b.reset(o, 0);
            other.reset(o, 0);
            String la = layout(a);
            assertEquals(la, layout(b), "reset " + r);
            differs |= !la.equals(layout(other));
            changes |= !la.equals(previous);
            previous = la;
        }
        assertTrue(differs, "seeds 42 and 43 gave the same five layouts");
        assertTrue(changes);
    }

    private static String layout(Concentration g) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < g.config().numCells(); i++) {
            s.append(g.cardAt(i)).append(' ');
        }
        return s.toString();
    }

    @Test
    void resampledDecksChangePerResetWhileTheFixedDeckStays() {
        ConcentrationConfig resample = ConcentrationConfig.of(2, C, true);
        ConcentrationConfig fixed = ConcentrationConfig.of(2, C, false);
        Deck d = Deck.random(1, C, 9);
        Concentration r = new Concentration(resample, null, 3), f = new Concentration(fixed, d, 3);
        float[] o = new float[resample.observationSize()];
        float[] previous = null;
        for (int k = 0; k < 3; k++) {
            r.reset(o, 0);
            r.step(0, o, 0);
            float[] image = Arrays.copyOfRange(o, resample.imageOffset(), o.length);
            if (previous != null) {
                assertFalse(Arrays.equals(previous, image), "reset " + k + " kept the deck");
            }
            previous = image;
            f.reset(o, 0);
            f.step(1, o, 0);
            assertArrayEquals(expected(fixed, d, new int[] {D, U}, 1, 0), o);
        }
    }

    @Test
    void badLayoutsDecksAndActionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> game.resetTo(new int[] {0, 0, 1, 2, 2, 2}, deck, obs, 0));
        assertThrows(IllegalArgumentException.class, () -> game.resetTo(new int[] {0, 0, 1, 1, 3, 3}, deck, obs, 0));
        assertThrows(IllegalArgumentException.class, () -> game.resetTo(new int[] {0, 0}, deck, obs, 0));
        assertThrows(IllegalArgumentException.class,
                () -> game.resetTo(new int[] {0, 0, 1, 1, 2, 2}, Deck.random(3, C + 1, 1), obs, 0));
        assertThrows(IllegalArgumentException.class, () -> new Concentration(cfg, null, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new Concentration(ConcentrationConfig.of(6, C, true), deck, 1));
        start();
        assertThrows(IllegalArgumentException.class, () -> game.step(6, obs, 0));
        assertNotEquals(0, obs.length);
    }
}
