package org.hmem.task.concentration.env;

import java.util.Arrays;

/**
 * A player with perfect memory that plays by {@link OptimalFlips}: the "optimum" next to the random and the trained
 * agents. It sees only what an agent sees, the observation vectors, and recognises cards by their images (two cards
 * match when their images are equal), never by the environment's card ids.
 *
 * <p>Use: {@link #newGame()} before the first observation of a game, then for every observation (the reset one
 * first) {@link #act} returns the cell to flip. Among equally good cells it takes the lowest; the layout is random,
 * so that costs nothing. {@link #act} allocates nothing.
 */
public final class OptimalPlayer {

    private final ConcentrationConfig config;
    private final OptimalFlips table;
    /** Cell states of the previous observation; -1 before a game's first. */
    private final int[] lastStates;
    /** Per cell: the image class the player has seen there, -1 if never seen. */
    private final int[] seenClass;
    /** Per image class: the image, for recognising the second card of a class. */
    private final float[] classImages;
    private final int[] classCount;
    private int numClasses;

    public OptimalPlayer(ConcentrationConfig config) {
        this.config = config;
        this.table = new OptimalFlips(config.numCells());
        int n = config.numCells();
        this.lastStates = new int[n];
        this.seenClass = new int[n];
        this.classImages = new float[n * config.cardShape()];
        this.classCount = new int[n];
        newGame();
    }

    /** Forgets everything: the next observation is a game's first. */
    public void newGame() {
        Arrays.fill(lastStates, -1);
        Arrays.fill(seenClass, -1);
        numClasses = 0;
    }

    /**
     * Takes in the observation at {@code obs[off ..]} (the result of the previous action, or a game's first) and
     * picks the next cell; the game must not be over.
     */
    public int act(float[] obs, int off) {
        remember(obs, off);
        int n = config.numCells();
        int up = -1;
        for (int i = 0; i < n; i++) {
            if (lastStates[i] == Concentration.FACE_UP) {
                up = i;
            }
        }
        Arrays.fill(classCount, 0, numClasses, 0);
        for (int i = 0; i < n; i++) {
            if (seenClass[i] >= 0 && lastStates[i] != Concentration.EMPTY) {
                classCount[seenClass[i]]++;
            }
        }
        int unseen = 0, singles = 0, firstUnseen = -1, firstSingle = -1, firstPair = -1;
        for (int i = 0; i < n; i++) {
            if (lastStates[i] != Concentration.FACE_DOWN) {
                continue;
            }
            if (seenClass[i] < 0) {
                unseen++;
                firstUnseen = firstUnseen < 0 ? i : firstUnseen;
            } else if (up >= 0 && seenClass[i] == seenClass[up]) {
                return i;
            } else if (classCount[seenClass[i]] == 2) {
                firstPair = firstPair < 0 ? i : firstPair;
            } else {
                singles++;
                firstSingle = firstSingle < 0 ? i : firstSingle;
            }
        }
        if (up >= 0) {
            return table.revealSecond(unseen, singles) ? firstUnseen : up;
        }
        if (firstPair >= 0) {
            return firstPair;
        }
        return table.revealFirst(unseen, singles) ? firstUnseen : firstSingle;
    }

    /** Records the image at the flipped cell if the flip turned a face-down card up, and the new cell states. */
    private void remember(float[] obs, int off) {
        int n = config.numCells();
        int position = 0;
        while (obs[off + config.positionOffset() + position] == 0f) {
            position++;
        }
        if (lastStates[position] == Concentration.FACE_DOWN) {
            seenClass[position] = classOf(obs, off + config.imageOffset());
        }
        for (int i = 0; i < n; i++) {
            int s = 0;
            while (obs[off + 3 * i + s] == 0f) {
                s++;
            }
            lastStates[i] = s;
        }
    }

    /** The class of the image at {@code obs[from ..]}, a new one if no seen card shows it. */
    private int classOf(float[] obs, int from) {
        int c = config.cardShape();
        for (int k = 0; k < numClasses; k++) {
            if (Arrays.equals(classImages, k * c, (k + 1) * c, obs, from, from + c)) {
                return k;
            }
        }
        System.arraycopy(obs, from, classImages, numClasses * c, c);
        return numClasses++;
    }
}
