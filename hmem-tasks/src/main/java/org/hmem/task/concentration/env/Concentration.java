package org.hmem.task.concentration.env;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.hmem.task.sampling.SamplerSeeds;

/**
 * One game of Concentration (spec §9.1–9.2): pairs of cards lie face down on a row of cells; each action flips the
 * card of one cell, and whenever two cards are face up they are removed if they match and turned face down
 * otherwise. The agent sees only the cell states, the cell it flipped and the image it saw there, so it has to
 * remember images to find pairs.
 *
 * <p>{@link #step} follows the reference exactly: (1) the card at the cell turns over if the cell holds one (face
 * down to face up, face up back to face down), the reward is the flip penalty for every action; (2) if exactly two
 * cards are face up and have the same id, the match reward is added; (3) the image seen is the card's if it is now
 * face up, else zeros; (4) tidy-up: two face-up cards are removed if they match, otherwise both turned face down;
 * (5) the observation shows the states after the tidy-up; (6) the episode's step count and reward grow; the game is
 * done when no card is left. There is no time limit.
 *
 * <p>Randomness: the deck (with {@code resample_cards}) and the shuffle of the cells come from a
 * {@link SplittableRandom} per game, seeded from the environment's seed and the game's index (so a game in progress
 * can be stored and restored exactly, {@link #snapshot}); the reference uses numpy's stream, which Java cannot
 * reproduce, so layouts differ from the reference's for the same seed while their distribution is the same. Tests
 * that need a particular layout use {@link #resetTo}.
 *
 * <p>Not thread-safe; {@link #step} allocates nothing, {@link #reset} one random generator per game.
 */
public final class Concentration {

    /** Cell state: a card lies face down. */
    public static final int FACE_DOWN = 0;
    /** Cell state: a card lies face up. */
    public static final int FACE_UP = 1;
    /** Cell state: no card (removed, or the extra cell of an odd grid). */
    public static final int EMPTY = 2;

    /** Tag of the games' random streams. */
    private static final long GAMES = 0x436f6e63656e7472L;

    private final ConcentrationConfig config;
    private final long seed;
    /** Games started by {@link #reset}: each draws from its own stream, so a game can be restored from its index. */
    private long games;
    /** Card images in float32, image after image: the fixed deck's or this game's draw. */
    private final float[] images;
    /** Card id per cell, -1 when the cell is empty. */
    private final int[] cards;
    private final int[] states;
    /** The card face up between steps (at most one, after the tidy-up), -1 if none. */
    private int faceUp;
    private int cardsLeft;
    private int numSteps;
    private double episodeReward;

    /**
     * @param fixedDeck the deck every game uses; must be null with {@code resample_cards}, which draws a deck per
     *                  reset
     * @param seed      seed of this environment's random stream (environment i of a vector gets env_seed + i)
     */
    public Concentration(ConcentrationConfig config, Deck fixedDeck, long seed) {
        this.config = config;
        this.seed = seed;
        this.images = new float[config.numImages() * config.cardShape()];
        if (config.resampleCards() != (fixedDeck == null)) {
            throw new IllegalArgumentException(config.resampleCards()
                    ? "resample_cards draws a deck per game; a fixed deck must not be given"
                    : "without resample_cards the environments share a fixed deck, but none was given");
        }
        if (fixedDeck != null) {
            checkDeck(fixedDeck);
            fixedDeck.copyTo(images);
        }
        int n = config.numCells();
        this.cards = new int[n];
        this.states = new int[n];
    }

    public ConcentrationConfig config() {
        return config;
    }

    /**
     * Starts a new game: a new deck with {@code resample_cards}, the two cards of each image shuffled over the cells
     * (Fisher–Yates), with an odd grid the empty cell appended last; writes the reset observation (all cards face
     * down, position cell 0, image zeros) to {@code obs[off ..]}.
     */
    public void reset(float[] obs, int off) {
        deal(SamplerSeeds.random(GAMES, seed, games));
        games++;
        start(obs, off);
    }

    /** A new deck with {@code resample_cards}, then the cards shuffled over the cells. */
    private void deal(SplittableRandom rng) {
        if (config.resampleCards()) {
            for (int i = 0; i < images.length; i++) {
                images[i] = (float) rng.nextDouble();
            }
        }
        int pairsCells = 2 * config.numImages();
        for (int i = 0; i < pairsCells; i++) {
            cards[i] = i / 2;
        }
        for (int i = pairsCells - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = cards[i];
            cards[i] = cards[j];
            cards[j] = t;
        }
        if (pairsCells < cards.length) {
            cards[pairsCells] = -1;
        }
    }

    /**
     * Starts a game on a given layout and deck instead of random ones (tests, golden cases): {@code layout[i]} is the
     * card id in cell i, -1 for an empty cell; every id appears twice or not at all. The random stream is not used.
     */
    public void resetTo(int[] layout, Deck deck, float[] obs, int off) {
        checkDeck(deck);
        if (layout.length != cards.length) {
            throw new IllegalArgumentException("layout has " + layout.length + " cells, the game " + cards.length);
        }
        int[] count = new int[config.numImages()];
        for (int id : layout) {
            if (id < -1 || id >= count.length) {
                throw new IllegalArgumentException("card id " + id + " outside [-1, " + count.length + ")");
            }
            if (id >= 0) {
                count[id]++;
            }
        }
        for (int id = 0; id < count.length; id++) {
            if (count[id] != 0 && count[id] != 2) {
                throw new IllegalArgumentException("card " + id + " lies in " + count[id] + " cells, not 0 or 2: "
                        + Arrays.toString(layout));
            }
        }
        deck.copyTo(images);
        System.arraycopy(layout, 0, cards, 0, cards.length);
        start(obs, off);
    }

    private void start(float[] obs, int off) {
        cardsLeft = 0;
        for (int i = 0; i < cards.length; i++) {
            states[i] = cards[i] < 0 ? EMPTY : FACE_DOWN;
            cardsLeft += cards[i] < 0 ? 0 : 1;
        }
        faceUp = -1;
        numSteps = 0;
        episodeReward = 0;
        observe(0, -1, obs, off);
    }

    /**
     * Flips the card at cell {@code action} and tidies up (class comment); writes the observation to
     * {@code obs[off ..]} and returns the reward.
     */
    public double step(int action, float[] obs, int off) {
        if (action < 0 || action >= cards.length) {
            throw new IllegalArgumentException("action " + action + " outside [0, " + cards.length + ")");
        }
        double reward = config.flipPenalty();
        int other = -1;
        if (states[action] == FACE_DOWN) {
            states[action] = FACE_UP;
            if (faceUp < 0) {
                faceUp = action;
            } else {
                other = faceUp;
            }
        } else if (states[action] == FACE_UP) {
            states[action] = FACE_DOWN;
            faceUp = -1;
        }
        boolean match = other >= 0 && cards[other] == cards[action];
        if (match) {
            reward += config.matchReward();
        }
        int seen = states[action] == FACE_UP ? cards[action] : -1;
        if (other >= 0) {
            int after = match ? EMPTY : FACE_DOWN;
            states[action] = after;
            states[other] = after;
            if (match) {
                cards[action] = -1;
                cards[other] = -1;
                cardsLeft -= 2;
            }
            faceUp = -1;
        }
        numSteps++;
        episodeReward += reward;
        observe(action, seen, obs, off);
        return reward;
    }

    /** The cell states one-hot, the position one-hot, the image of card {@code seen} (zeros if -1). */
    private void observe(int position, int seen, float[] obs, int off) {
        int n = cards.length, c = config.cardShape();
        Arrays.fill(obs, off, off + config.observationSize(), 0f);
        for (int i = 0; i < n; i++) {
            obs[off + 3 * i + states[i]] = 1f;
        }
        obs[off + config.positionOffset() + position] = 1f;
        if (seen >= 0) {
            System.arraycopy(images, seen * c, obs, off + config.imageOffset(), c);
        }
    }

    private void checkDeck(Deck deck) {
        if (deck.numImages() != config.numImages() || deck.cardShape() != config.cardShape()) {
            throw new IllegalArgumentException("a deck of " + deck.numImages() + " images of " + deck.cardShape()
                    + " values does not fit " + config.numCells() + " cells with card_shape " + config.cardShape()
                    + " (" + config.numImages() + " images needed)");
        }
    }

    /** Whether no card is left. */
    /**
     * Everything a game in progress is, for resuming a run exactly: the number of games started (the next game's
     * stream), this game's card images, layout and cell states, the card face up, the cards left, its flips and
     * reward so far.
     */
    public record Snapshot(long games, float[] images, int[] cards, int[] states, int faceUp, int cardsLeft,
                           int numSteps, double episodeReward) {
    }

    public Snapshot snapshot() {
        return new Snapshot(games, images.clone(), cards.clone(), states.clone(), faceUp, cardsLeft, numSteps,
                episodeReward);
    }

    /** Continues the game {@code s} was taken of (from a game of the same settings). */
    public void restore(Snapshot s) {
        if (s.images().length != images.length || s.cards().length != cards.length
                || s.states().length != states.length) {
            throw new IllegalArgumentException("a snapshot of a game of other settings: " + s.cards().length
                    + " cells, " + s.images().length + " image values; this game has " + cards.length + " and "
                    + images.length);
        }
        games = s.games();
        System.arraycopy(s.images(), 0, images, 0, images.length);
        System.arraycopy(s.cards(), 0, cards, 0, cards.length);
        System.arraycopy(s.states(), 0, states, 0, states.length);
        faceUp = s.faceUp();
        cardsLeft = s.cardsLeft();
        numSteps = s.numSteps();
        episodeReward = s.episodeReward();
    }

    public boolean done() {
        return cardsLeft == 0;
    }

    /** Steps since the last reset. */
    public int numSteps() {
        return numSteps;
    }

    /** Sum of the rewards since the last reset. */
    public double episodeReward() {
        return episodeReward;
    }

    /** {@link #FACE_DOWN}, {@link #FACE_UP} or {@link #EMPTY}. */
    public int cellState(int cell) {
        return states[cell];
    }

    /** The card id in a cell, -1 if it is empty. */
    public int cardAt(int cell) {
        return cards[cell];
    }

    /** The reference's {@code info["grid"]}: {@code " x "} empty, {@code "+i+"} face up, {@code "-i-"} face down. */
    public String[] grid() {
        String[] g = new String[cards.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = switch (states[i]) {
                case EMPTY -> " x ";
                case FACE_UP -> "+" + cards[i] + "+";
                default -> "-" + cards[i] + "-";
            };
        }
        return g;
    }
}
