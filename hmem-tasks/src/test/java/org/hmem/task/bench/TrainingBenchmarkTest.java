package org.hmem.task.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hmem.task.bench.TrainingBenchmark.Config;
import org.hmem.task.bench.TrainingBenchmark.Mode;
import org.hmem.task.bench.TrainingBenchmark.Result;
import org.hmem.task.bench.TrainingBenchmark.Settings;
import org.junit.jupiter.api.Test;

class TrainingBenchmarkTest {

    private static final Settings TINY = new Settings(1, 0, 2, 0, 100, 1, 3, 1e-5, 40, 3e-3);

    @Test
    void statsUseInterpolatedQuartiles() {
        Stats s = Stats.of(new double[] {4, 1, 3, 2, 5});
        assertEquals(1, s.min());
        assertEquals(2, s.q1());
        assertEquals(3, s.median());
        assertEquals(4, s.q3());
        assertEquals(5, s.max());
        assertEquals(2.5, Stats.of(new double[] {2, 3}).median());
    }

    @Test
    void gridCoversEveryCombination() {
        List<Config> g = TrainingBenchmark.grid(List.of(Mode.TRAIN, Mode.FORWARD), List.of(8, 32), List.of(1, 10, 30),
                List.of(1, 2));
        assertEquals(24, g.size());
        assertEquals(30, new Config(Mode.TRAIN, 8, 30, 1).numClasses());
        assertEquals(10, new Config(Mode.TRAIN, 8, 1, 1).numClasses());
    }

    @Test
    void trainAndForwardRunAndRoundTripThroughJson() {
        for (Mode m : Mode.values()) {
            Result r = TrainingBenchmark.run(new Config(m, 2, 2, 2), TINY);
            assertEquals(2, r.samplesPerSecond().count());
            assertTrue(r.samplesPerSecond().median() > 0);
            assertTrue(Double.isFinite(r.finalLoss()));
            String json = r.toJson();
            for (String key : List.of("\"mode\":\"" + m.label() + "\"", "\"batch\":2", "\"pairs\":2", "\"threads\":2",
                    "\"samples_per_s\":", "\"peak_rss_mb\":", "\"samples_per_s_min\":", "\"samples_per_s_max\":")) {
                assertTrue(json.contains(key), json + " lacks " + key);
            }
            Result back = TrainingBenchmark.parse(json);
            assertEquals(r.config(), back.config());
            assertEquals(r.samplesPerSecond().count(), back.samplesPerSecond().count());
        }
    }
}
