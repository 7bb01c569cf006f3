package org.hmem.task.concentration.env;

/**
 * The settings of a Concentration game (spec §9.1) and the observation layout they imply.
 *
 * <p>An observation has {@link #observationSize()} floats: three per cell, the one-hot cell state
 * ({@link Concentration#FACE_DOWN}, {@link Concentration#FACE_UP}, {@link Concentration#EMPTY}); then the one-hot
 * position of the cell just flipped, from {@link #positionOffset()}; then the image seen there, from
 * {@link #imageOffset()}.
 *
 * @param numCells      cells of the grid, n (an odd n leaves one cell permanently empty)
 * @param cardShape     floats per card image, c
 * @param matchReward   added when a flip completes a matching pair
 * @param flipPenalty   the reward of every flip, including flips of empty cells
 * @param resampleCards whether every reset draws a new deck (otherwise one fixed deck is shared)
 */
public record ConcentrationConfig(int numCells, int cardShape, double matchReward, double flipPenalty,
                                  boolean resampleCards) {

    /** The reference's reward of a matching pair. */
    public static final double DEFAULT_MATCH_REWARD = 25.0;

    /** The reference's reward of a flip. */
    public static final double DEFAULT_FLIP_PENALTY = -0.5;

    public ConcentrationConfig {
        if (numCells < 2) {
            throw new IllegalArgumentException("Concentration needs at least 2 cells, got " + numCells);
        }
        if (cardShape < 1) {
            throw new IllegalArgumentException("a card image needs at least one value, got card_shape " + cardShape);
        }
        if (!Double.isFinite(matchReward) || !Double.isFinite(flipPenalty)) {
            throw new IllegalArgumentException("rewards must be finite, got match_reward " + matchReward
                    + " and flip_penalty " + flipPenalty);
        }
    }

    /** The reference's rewards. */
    public static ConcentrationConfig of(int numCells, int cardShape, boolean resampleCards) {
        return new ConcentrationConfig(numCells, cardShape, DEFAULT_MATCH_REWARD, DEFAULT_FLIP_PENALTY,
                resampleCards);
    }

    /** Distinct card images, floor(n / 2): two cards of each. */
    public int numImages() {
        return numCells / 2;
    }

    /** One action per cell: the cell to flip. */
    public int numActions() {
        return numCells;
    }

    /** 3n cell states + n position + c image. */
    public int observationSize() {
        return 4 * numCells + cardShape;
    }

    public int positionOffset() {
        return 3 * numCells;
    }

    public int imageOffset() {
        return 4 * numCells;
    }
}
