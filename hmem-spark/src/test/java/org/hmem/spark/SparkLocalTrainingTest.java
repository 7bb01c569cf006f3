package org.hmem.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.hmem.task.train.RunCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Distributed training in {@code local[2]} (Spark in this JVM, every stage and result serialised as on a cluster)
 * against single-process training at the same global batch (12), seed and data: two epochs of the small
 * associations model (epoch 1 adds the activity regulariser's counting pass).
 */
class SparkLocalTrainingTest {

    @TempDir
    static Path dir;

    private static final Map<String, Runs.Outcome> RUNS = new ConcurrentHashMap<>();

    /** One run per distinct command line (several tests compare against the same baseline). */
    private static Runs.Outcome run(String... args) {
        return RUNS.computeIfAbsent(String.join(" ", args), key -> {
            Runs.Outcome o = Runs.associations(dir.resolve("run" + RUNS.size()), args);
            Runs.assertTrained(o);
            return o;
        });
    }

    private static String[] args(String model, String... more) {
        List<String> a = new ArrayList<>(List.of("--model", model, "--epochs", "2"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spiking", "relu"})
    void twoShardsEqualTwoThreadsToTheBit(String model) {
        Runs.Outcome local = run(args(model, "--threads", "2"));
        Runs.Outcome spark = run(args(model, "--spark", "local[2]", "--shards", "2"));
        Runs.assertSameBits(local, spark);
        assertTrue(spark.output().contains("| 2 shards on 1 executor (Spark local[2,4])"), spark.output());
        assertEquals("2 shards on 1 executor (Spark local[2,4])",
                spark.load().metadata().get(RunCheckpoint.PLACEMENT));
        assertEquals(null, local.load().metadata().get(RunCheckpoint.PLACEMENT));
    }

    /**
     * Three shards add the gradient in another order than one thread: the parameters after two epochs agree to
     * 1e-3 of each tensor's largest entry (float rounding through eight Adam steps); two distributed runs agree to
     * the bit.
     */
    @Test
    void threeShardsRepeatExactlyAndMatchOneThread() {
        Runs.Outcome spark = run(args("spiking", "--spark", "local[2]", "--shards", "3"));
        Runs.Outcome again = Runs.associations(dir.resolve("again"), args("spiking", "--spark", "local[2]",
                "--shards", "3"));
        Runs.assertSameBits(spark, again);
        Runs.assertClose(run(args("spiking", "--threads", "1")), spark, 1e-3);
    }

    /** The reference's --world_size becomes the shard count. */
    @Test
    void worldSizeNamesTheShards() {
        Runs.Outcome spark = run(args("spiking", "--spark", "local[2]", "--world_size", "2", "--rank", "0"));
        assertTrue(spark.output().contains("--world_size 2 becomes 2 shards per batch"), spark.output());
        assertTrue(spark.output().contains("--rank, --dist_url and --dist_backend belong to the reference"),
                spark.output());
        Runs.assertSameBits(run(args("spiking", "--threads", "2")), spark);
    }

    /** A shard task that fails once is retried by Spark, and the run is the unfailed run to the bit. */
    @Test
    void aFailedTaskIsRetriedAndChangesNothing() {
        int before = FailOnce.injected();
        System.setProperty(FailOnce.SETTING, "3:1");
        Runs.Outcome failed;
        try {
            failed = Runs.associations(dir.resolve("failed"), args("spiking", "--spark", "local[2]", "--shards",
                    "2"));
        } finally {
            System.clearProperty(FailOnce.SETTING);
        }
        Runs.assertTrained(failed);
        assertEquals(before + 1, FailOnce.injected(), "one injected failure");
        Runs.assertSameBits(run(args("spiking", "--spark", "local[2]", "--shards", "2")), failed);
    }

    /** A distributed run resumes in one process and the other way round: the checkpoint format is one. */
    @Test
    void checkpointsResumeAcrossModes() {
        Runs.Outcome whole = run(args("spiking", "--threads", "2"));
        Runs.Outcome firstSpark = run("--model", "spiking", "--epochs", "1", "--spark", "local[2]", "--shards", "2");
        Runs.Outcome thenLocal = Runs.associations(dir.resolve("thenLocal"), args("spiking", "--threads", "2",
                "--resume", firstSpark.checkpoint().toString()));
        Runs.assertTrained(thenLocal);
        Runs.assertSameBits(whole, thenLocal);
        Runs.Outcome firstLocal = run("--model", "spiking", "--epochs", "1", "--threads", "2");
        Runs.Outcome thenSpark = Runs.associations(dir.resolve("thenSpark"), args("spiking", "--spark", "local[2]",
                "--shards", "2", "--resume", firstLocal.checkpoint().toString()));
        Runs.assertTrained(thenSpark);
        Runs.assertSameBits(whole, thenSpark);
    }
}
