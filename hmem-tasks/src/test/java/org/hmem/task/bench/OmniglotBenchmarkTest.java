package org.hmem.task.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.hmem.task.bench.EpisodeBenchmark.Config;
import org.hmem.task.bench.EpisodeBenchmark.Variant;
import org.hmem.task.flags.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Omniglot benchmark's parts that need no data (the measurements: {@link OmniglotBenchmarkRealDataTest}). */
class OmniglotBenchmarkTest {

    /**
     * Per training episode the trainable model runs 12 CNN forwards (the counting pass and the recomputations for
     * backward; the second pass reads the model's memo) and 6 backwards; the frozen one 6 forwards; a forward pass 6.
     */
    @Test
    void breakdownCountsWhatTheModelRuns() {
        OmniglotComponents c = new OmniglotComponents(8, 10, 30, 2, 7, 0);
        assertEquals(20, c.cnnBackwardMs());
        assertEquals(3, c.memoryBackwardMs());
        assertEquals(12 * 10 + 6 * 20 + 7, c.trainableTrainMs());
        assertEquals(6 * 10 + 7, c.frozenTrainMs());
        assertEquals(6 * 10 + 2, c.forwardMs());
    }

    @Test
    void gridAndConfigurationChecks() {
        List<Config> g = EpisodeBenchmark.grid(List.of(Variant.values()), List.of(Mode.TRAIN, Mode.FORWARD),
                List.of(8, 256), List.of(1, 2));
        assertEquals(32, g.size());
        assertEquals(new Config(Variant.TRAINABLE, Mode.TRAIN, 8, 1), g.get(0));
        assertEquals(new Config(Variant.RELU, Mode.FORWARD, 256, 2), g.get(31));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Config(Variant.RELU, Mode.TRAIN, 1, 1));
        assertTrue(e.getMessage().contains("batch norm"), e.getMessage());
        new Config(Variant.RELU, Mode.FORWARD, 1, 1);
        e = assertThrows(IllegalArgumentException.class, () -> Variant.parse("spiky"));
        assertEquals("unknown variant 'spiky': expected trainable, frozen, cached or relu", e.getMessage());
    }

    @Test
    void childArgumentsRoundTrip() {
        OmniglotSetup s = new OmniglotSetup(Path.of("data dir"), null, Path.of("cache"));
        String[] args = s.toArgs().toArray(new String[0]);
        assertEquals(s, OmniglotSetup.fromArgs(args, 0));
        BenchSettings b = OmniglotBenchmark.settings(Repetitions.quick()).withSeed(7);
        assertEquals(b, BenchSettings.fromArgs(b.toArgs().toArray(new String[0]), 0));
    }

    @Test
    void missingDataIsAOneLineUserError(@TempDir Path empty) {
        UserError e = assertThrows(UserError.class,
                () -> OmniglotSetup.resolve(empty.resolve("nowhere").toString(), null, true));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("--dir"), e.getMessage());
    }
}
