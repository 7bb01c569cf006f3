package org.hmem.task.concentration.env;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Concentration in the terminal, for a person: to get a feel for the task an agent learns, and to compare one's own
 * number of flips with the perfect-memory optimum ({@link OptimalFlips}). The grid shows each cell's number above
 * its card: {@code ?} face down, the card's number face up, {@code .} empty.
 */
public final class HumanGame {

    private HumanGame() {
    }

    /**
     * Plays one game of {@code game} (reset first) with moves read from {@code in}; bad input is answered with a
     * message and asked again, the end of the input stops the game.
     *
     * @return the number of flips made
     */
    public static int play(Concentration game, BufferedReader in, PrintStream out) throws IOException {
        ConcentrationConfig config = game.config();
        int n = config.numCells();
        float[] obs = new float[config.observationSize()];
        game.reset(obs, 0);
        out.printf(Locale.ROOT, "Concentration: %d cells, %d pairs. Flip one card per move; when two cards are face"
                + " up, a pair is removed (%+.1f), other cards are turned face down. Every flip scores %+.1f.%n",
                n, config.numImages(), config.matchReward(), config.flipPenalty());
        while (!game.done()) {
            show(game, out);
            out.printf("Flip which cell (0-%d)? ", n - 1);
            String line = in.readLine();
            if (line == null) {
                out.printf("%nInput ended; game stopped after %d flip%s.%n", game.numSteps(),
                        game.numSteps() == 1 ? "" : "s");
                return game.numSteps();
            }
            int cell;
            try {
                cell = Integer.parseInt(line.trim());
            } catch (NumberFormatException e) {
                out.printf("'%s' is not a cell number; enter a number from 0 to %d.%n", line.trim(), n - 1);
                continue;
            }
            if (cell < 0 || cell >= n) {
                out.printf("There is no cell %d; enter a number from 0 to %d.%n", cell, n - 1);
                continue;
            }
            int card = game.cardAt(cell);
            boolean wasDown = game.cellState(cell) == Concentration.FACE_DOWN;
            boolean pairPending = anotherFaceUp(game, cell);
            double reward = game.step(cell, obs, 0);
            if (card < 0) {
                out.printf(Locale.ROOT, "Cell %d is empty. Reward %+.1f.%n", cell, reward);
            } else if (!wasDown) {
                out.printf(Locale.ROOT, "Card %d in cell %d turned back face down. Reward %+.1f.%n", card, cell,
                        reward);
            } else if (pairPending && game.cellState(cell) == Concentration.EMPTY) {
                out.printf(Locale.ROOT, "Cell %d: card %d. A pair, removed! Reward %+.1f.%n", cell, card, reward);
            } else if (pairPending) {
                out.printf(Locale.ROOT, "Cell %d: card %d. No pair; both cards are turned face down. Reward %+.1f.%n",
                        cell, card, reward);
            } else {
                out.printf(Locale.ROOT, "Cell %d: card %d. Reward %+.1f.%n", cell, card, reward);
            }
        }
        show(game, out);
        out.printf(Locale.ROOT, "All pairs found in %d flips (total reward %.1f); a player with perfect memory needs"
                + " %.2f on average.%n", game.numSteps(), game.episodeReward(), OptimalFlips.expectedFlips(n));
        return game.numSteps();
    }

    private static boolean anotherFaceUp(Concentration game, int cell) {
        for (int i = 0; i < game.config().numCells(); i++) {
            if (i != cell && game.cellState(i) == Concentration.FACE_UP) {
                return true;
            }
        }
        return false;
    }

    private static void show(Concentration game, PrintStream out) {
        StringBuilder cells = new StringBuilder("cell"), cards = new StringBuilder("card");
        for (int i = 0; i < game.config().numCells(); i++) {
            cells.append(String.format("%4d", i));
            String card = switch (game.cellState(i)) {
                case Concentration.FACE_UP -> Integer.toString(game.cardAt(i));
                case Concentration.FACE_DOWN -> "?";
                default -> ".";
            };
            cards.append(String.format("%4s", card));
        }
        out.println(cells);
        out.println(cards);
    }
}
