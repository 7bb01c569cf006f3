package org.hmem.task.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.google.gson.JsonParser;

import org.hmem.task.bench.TrainingBenchmark.Config;
import org.hmem.task.bench.TrainingBenchmark.Result;
import org.junit.jupiter.api.Test;

class TrainingBenchmarkTest {

    private static final BenchSettings TINY = new BenchSettings(new Repetitions(1, 0, 2, 0, 100, 1), 3, 1e-5, 40, 3e-3);

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
            assertEquals(2, r.measurement().rates().count());
            assertTrue(r.measurement().rates().median() > 0);
            assertTrue(Double.isFinite(r.finalLoss()));
            String json = r.toJson();
            for (String key : List.of("\"mode\":\"" + m.label() + "\"", "\"batch\":2", "\"pairs\":2", "\"threads\":2",
                    "\"samples_per_s\":", "\"peak_rss_mb\":", "\"samples_per_s_min\":", "\"samples_per_s_max\":")) {
                assertTrue(json.contains(key), json + " lacks " + key);
            }
            Result back = TrainingBenchmark.parse(json);
            assertEquals(r.config(), back.config());
            assertEquals(r.measurement().rates().count(), back.measurement().rates().count());
        }
    }

    /** The JSON lines of {@code hmem bench} keep their keys and order (scripts and docs/bench/*.jsonl read them). */
    @Test
    void jsonKeysAndOrderAreStable() {
        Result r = TrainingBenchmark.run(new Config(Mode.FORWARD, 2, 1, 1), TINY);
        List<String> keys = List.copyOf(JsonParser.parseString(r.toJson()).getAsJsonObject().keySet());
        assertEquals(List.of("mode", "batch", "pairs", "threads", "samples_per_s", "samples_per_s_min",
                "samples_per_s_q1", "samples_per_s_q3", "samples_per_s_max", "seconds_per_iteration", "reps",
                "warmup_reps", "peak_heap_mb", "peak_rss_mb", "rss_scope", "simd", "num_classes", "loss",
                "cpu_cores_used", "background_cpu_cores", "java", "cpus"), keys);
    }

    @Test
    void userRepetitionsReplaceThePolicysValues() {
        Repetitions r = Repetitions.defaults().with(1, null, 0.0, null);
        assertEquals(new Repetitions(1, 3.0, 1, 3.0, 0.0, 1), r);
        assertEquals(Repetitions.quick(), Repetitions.quick().with(null, null, null, null));
    }
}
