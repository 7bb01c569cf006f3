package org.hmem.task.concentration.env;

/**
 * The expected number of flips a player with perfect memory needs to clear a random Concentration grid when it plays
 * optimally, and the choices that reach it: the yardstick for trained agents (spec §9).
 *
 * <p>Dynamic programming over the player's information. Known pairs are collected as soon as they are known (two
 * flips, whenever they are spent), and an odd grid's empty cell is never flipped, so between turns (no card face up)
 * the state is {@code (u, k)}: u cards never seen, k seen cards whose partner is among them. With one card face up
 * whose partner is unseen the state is the same pair of counts with that card counted in neither. Choices:
 * <ul>
 * <li>no card up: flip an unseen card (with probability k/u it is the partner of a seen card, which the next flip
 * matches; else a new card is up) or flip a seen single card;</li>
 * <li>one card up, partner unseen: flip an unseen card (its partner with probability 1/u: a match; the partner of a
 * seen card with probability k/u: a known pair, collected later for two flips; else a second new card), or spend one
 * flip to see nothing new: turn the card back down or flip a seen card, which give the same state;</li>
 * <li>one card up, partner seen: flip the partner.</li>
 * </ul>
 * Flipping a seen card first and then turning it back down returns to the same state two flips later, so that loop
 * is never taken, and the recursion is over states with fewer unseen cards (or equal u and more seen cards).
 */
public final class OptimalFlips {

    private final int numCells;
    /** Expected remaining flips between turns, [u][k]. */
    private final double[][] idle;
    /** Expected remaining flips with one card up whose partner is unseen, [u][k]. */
    private final double[][] holding;
    private final boolean[][] revealFirst;
    private final boolean[][] revealSecond;

    /** The tables of every state of a game with {@code numCells} cells (n ≥ 2). */
    public OptimalFlips(int numCells) {
        if (numCells < 2) {
            throw new IllegalArgumentException("Concentration needs at least 2 cells, got " + numCells);
        }
        this.numCells = numCells;
        int cards = numCells / 2 * 2;
        idle = new double[cards + 1][cards + 2];
        holding = new double[cards + 1][cards + 1];
        revealFirst = new boolean[cards + 1][cards + 1];
        revealSecond = new boolean[cards + 1][cards + 1];
        for (int u = 1; u <= cards; u++) {
            double[] revealNext = new double[u];
            for (int k = (u - 1) % 2; k <= u - 1; k += 2) {
                revealNext[k] = 1 + (idle[u - 1][k] + k * (2 + idle[u - 1][k])
                        + (u - 1 - k) * (k + 2 <= u - 1 ? idle[u - 1][k + 2] : 0)) / u;
            }
            for (int k = u % 2; k <= u; k += 2) {
                double unseen = 1 + (k * (1 + (k > 0 ? idle[u - 1][k - 1] : 0))
                        + (u - k) * (u - k >= 2 ? holding[u - 1][k] : 0)) / u;
                double seen = k > 0 ? 1 + revealNext[k - 1] : Double.POSITIVE_INFINITY;
                revealFirst[u][k] = unseen <= seen;
                idle[u][k] = Math.min(unseen, seen);
            }
            for (int k = (u - 1) % 2; k <= u - 1; k += 2) {
                double back = 1 + idle[u][k + 1];
                revealSecond[u][k] = revealNext[k] <= back;
                holding[u][k] = Math.min(revealNext[k], back);
            }
        }
    }

    /** The expected flips of an optimal player with perfect memory on a random grid of {@code numCells} cells. */
    public static double expectedFlips(int numCells) {
        return new OptimalFlips(numCells).expected();
    }

    public int numCells() {
        return numCells;
    }

    /** The expected flips of a whole game. */
    public double expected() {
        return idle[numCells / 2 * 2][0];
    }

    /** Expected flips still needed with no card up, u unseen cards and k seen single cards. */
    public double betweenTurns(int unseen, int singles) {
        checkIdle(unseen, singles, 0);
        return idle[unseen][singles];
    }

    /** Expected flips still needed with one card up whose partner is among the u unseen cards, k other singles. */
    public double withOneUp(int unseen, int singles) {
        checkHolding(unseen, singles);
        return holding[unseen][singles];
    }

    /** With no card up and no known pair: whether to flip an unseen card (else a seen single card). */
    public boolean revealFirst(int unseen, int singles) {
        checkIdle(unseen, singles, 1);
        return revealFirst[unseen][singles];
    }

    /** With one card up whose partner is unseen: whether to flip an unseen card (else turn the card back down). */
    public boolean revealSecond(int unseen, int singles) {
        checkHolding(unseen, singles);
        return revealSecond[unseen][singles];
    }

    private void checkIdle(int u, int k, int minUnseen) {
        if (u < minUnseen || k < 0 || k > u || (u - k) % 2 != 0 || u >= idle.length) {
            throw new IllegalArgumentException("no game state with " + u + " unseen cards and " + k
                    + " seen single cards and no card up in a grid of " + numCells + " cells");
        }
    }

    private void checkHolding(int u, int k) {
        if (u < 1 || k < 0 || k > u - 1 || (u - 1 - k) % 2 != 0 || u >= holding.length) {
            throw new IllegalArgumentException("no game state with one card up, " + u + " unseen cards and " + k
                    + " other seen single cards in a grid of " + numCells + " cells");
        }
    }
}
