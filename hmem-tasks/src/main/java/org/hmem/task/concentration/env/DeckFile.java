package org.hmem.task.concentration.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hmem.engine.io.AtomicFiles;

/**
 * The fixed deck of the games without {@code resample_cards}, kept where the reference keeps it:
 * {@code <data dir>/ConcentrationDataset/images-<n>.npy}, a float64 array of shape [floor(n/2), card_shape]. The
 * first run draws it and writes it; later runs, and runs of the reference, read the same file.
 *
 * <p>The main process loads or creates the deck once, before any environment starts (the reference let every
 * subprocess create its own, which could race). The file is written atomically ({@link AtomicFiles}), so a reader
 * never sees a half-written deck; two processes creating it at once each write a complete file drawn from the
 * same seed.
 */
public final class DeckFile {

    private DeckFile() {
    }

    /** Where the deck of games with {@code numCells} cells lives under {@code dataDir}. */
    public static Path path(Path dataDir, int numCells) {
        return dataDir.resolve("ConcentrationDataset").resolve("images-" + numCells + ".npy");
    }

    /**
     * Reads the deck of {@code config}'s games from under {@code dataDir}, or draws it from {@code seed} and writes
     * it there if the file does not exist.
     *
     * @throws IllegalArgumentException if the file exists but is not a float64 array of shape
     *                                  [floor(n/2), card_shape]; the message names the file and what is wrong
     * @throws IOException              if the file or its folder cannot be read or written
     */
    public static Deck loadOrCreate(Path dataDir, ConcentrationConfig config, long seed) throws IOException {
        Path file = path(dataDir, config.numCells());
        int rows = config.numImages(), cols = config.cardShape();
        if (Files.exists(file)) {
            Npy.Matrix m = Npy.read(file);
            if (m.rows() != rows || m.cols() != cols) {
                throw new IllegalArgumentException(file + " holds a deck of shape (" + m.rows() + ", " + m.cols()
                        + "), but " + config.numCells() + " cells with card_shape " + cols + " need (" + rows + ", "
                        + cols + "); delete the file to draw a new deck, or use the card_shape it was made for");
            }
            return Deck.of(rows, cols, m.values());
        }
        Deck deck = Deck.random(rows, cols, seed);
        AtomicFiles.write(file, out -> Npy.write(out, rows, cols, deck.values()));
        return deck;
    }
}
