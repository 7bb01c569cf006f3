package org.hmem.task.concentration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

import org.hmem.task.concentration.env.Concentration;
import org.hmem.task.concentration.env.ConcentrationConfig;
import org.hmem.task.concentration.env.HumanGame;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.train.TrainingFlags;

/**
 * {@code hmem concentration play}: one game for a person in the terminal, on the deck an agent of the same settings
 * plays (the fixed deck of {@code --dir}, or a new one with {@code --resample_cards}), laid out by {@code --seed}
 * (random when not given).
 */
public final class ConcentrationPlay {

    private ConcentrationPlay() {
    }

    /** Plays one game; returns the number of flips. */
    public static int run(FlagValues v, BufferedReader in, PrintStream out) {
        v.validate();
        ConcentrationConfig config = ConcentrationTask.config(v);
        Long seed = v.get(TrainingFlags.SEED);
        Concentration game = new Concentration(config, ConcentrationTask.deck(v, config, out),
                seed != null ? seed : new SplittableRandom().nextLong());
        try {
            return HumanGame.play(game, in, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the moves: " + e.getMessage(), e);
        }
    }
}
