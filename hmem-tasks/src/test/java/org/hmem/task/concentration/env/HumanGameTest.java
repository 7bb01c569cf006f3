package org.hmem.task.concentration.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The terminal game with scripted input: bad input is answered, the game is played to the end or to end of input. */
class HumanGameTest {

    private final ConcentrationConfig cfg = ConcentrationConfig.of(5, 2, false);
    private final Deck deck = Deck.random(2, 2, 1);

    /** Cells of cards 0 and 1 ({@code [id][which]}) in the first game of seed 9: a twin game shows the layout. */
    private int[][] layout() {
        Concentration twin = new Concentration(cfg, deck, 9);
        twin.reset(new float[cfg.observationSize()], 0);
        int[][] cells = new int[2][2];
        int[] seen = new int[2];
        for (int i = 0; i < 4; i++) {
            int id = twin.cardAt(i);
            cells[id][seen[id]++] = i;
        }
        return cells;
    }

    private static String run(Concentration game, String input, int[] flips) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            flips[0] = HumanGame.play(game, new BufferedReader(new StringReader(input)), out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aWholeGameWithBadInputOnTheWay() throws Exception {
        int[][] at = layout();
        String input = String.join("\n", "abc", "9", "", "-1",
                "" + at[0][0], "" + at[1][0],   // no pair
                "" + at[0][0], "" + at[0][1],   // pair 0
                "" + at[0][0],                  // empty cell
                "4",                            // the odd grid's empty cell
                "" + at[1][0], "" + at[1][0],   // turned back down
                "" + at[1][1], "" + at[1][0]) + "\n";
        int[] flips = new int[1];
        String out = run(new Concentration(cfg, deck, 9), input, flips);
        assertEquals(10, flips[0]);
        assertTrue(out.contains("'abc' is not a cell number; enter a number from 0 to 4."), out);
        assertTrue(out.contains("There is no cell 9"), out);
        assertTrue(out.contains("There is no cell -1"), out);
        assertTrue(out.contains("'' is not a cell number"), out);
        assertTrue(out.contains("Cell " + at[1][0] + ": card 1. No pair; both cards are turned face down. Reward -0.5."),
                out);
        assertTrue(out.contains("Cell " + at[0][1] + ": card 0. A pair, removed! Reward +24.5."), out);
        assertTrue(out.contains("Cell 4 is empty. Reward -0.5."), out);
        assertTrue(out.contains("Card 1 in cell " + at[1][0] + " turned back face down."), out);
        assertTrue(out.contains("All pairs found in 10 flips (total reward 45.0); a player with perfect memory needs"
                + " 5.33 on average."), out);
        assertTrue(out.contains("cell   0   1   2   3   4"), out);
        assertTrue(out.contains("card   ?   ?   ?   ?   ."), out);
    }

    @Test
    void theEndOfInputStopsTheGame() throws Exception {
        int[][] at = layout();
        int[] flips = new int[1];
        String out = run(new Concentration(cfg, deck, 9), at[0][0] + "\nx\n", flips);
        assertEquals(1, flips[0]);
        assertTrue(out.contains("Input ended; game stopped after 1 flip."), out);
        // the face-up card is shown with its number
        String shown = "   ?".repeat(at[0][0]) + "   0";
        assertTrue(out.contains("card" + shown), out);
    }
}
