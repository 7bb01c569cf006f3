package org.hmem.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.hmem.task.train.RunCheckpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on a real multi-process cluster: a standalone Spark master and two one-core workers as separate JVMs on
 * 127.0.0.1, the test JVM as the driver. The cluster run equals the single-process run with as many threads as
 * shards, to the bit; an executor killed in the middle of a run is replaced and the run ends as if nothing had
 * happened; nothing is left running afterwards.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class StandaloneClusterTest {

    /** What the driver needs to reach this cluster: loopback addresses, small executors, both workers. */
    private static final Map<String, String> DRIVER = Map.of("spark.driver.host", "127.0.0.1",
            "spark.driver.bindAddress", "127.0.0.1", "spark.executor.memory", "512m", "spark.cores.max", "2",
            "spark.scheduler.minRegisteredResourcesRatio", "1.0");

    @TempDir
    static Path dir;

    private static LocalCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new LocalCluster(dir.resolve("cluster"), 2, Duration.ofSeconds(120));
        DRIVER.forEach(System::setProperty);
    }

    @AfterAll
    static void stopCluster() {
        DRIVER.keySet().forEach(System::clearProperty);
        if (cluster != null) {
            cluster.close();
            assertEquals(List.of(), cluster.alive(), "processes left running");
        }
    }

    @Test
    void aClusterRunEqualsTheSingleProcessRun() {
        Runs.Outcome local = Runs.associations(dir.resolve("local"), "--epochs", "2", "--threads", "2");
        Runs.Outcome remote = Runs.associations(dir.resolve("remote"), "--epochs", "2", "--spark",
                cluster.masterUrl(), "--shards", "2");
        Runs.assertTrained(local);
        Runs.assertTrained(remote);
        Runs.assertSameBits(local, remote);
        String placement = "2 shards on 2 executors (Spark " + cluster.masterUrl() + ")";
        assertTrue(remote.output().contains("| " + placement), remote.output());
        assertEquals(placement, remote.load().metadata().get(RunCheckpoint.PLACEMENT));
    }

    /**
     * One executor JVM is killed after the first epoch's checkpoint: Spark recomputes its lost shard on another
     * executor, and since a shard's result depends only on the stage, the run ends with the parameters of an
     * undisturbed run.
     */
    @Test
    void aKilledExecutorChangesNothing() throws Exception {
        String[] args = {"--epochs", "6", "--spark", cluster.masterUrl(), "--shards", "2"};
        CompletableFuture<Runs.Outcome> run = CompletableFuture.supplyAsync(() -> Runs.associations(
                dir.resolve("killed"), args));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (Runs.last(dir.resolve("killed/ck")) == null && System.nanoTime() < deadline && !run.isDone()) {
            Thread.sleep(50);
        }
        assertFalse(run.isDone(), "the run ended before an executor could be killed");
        List<ProcessHandle> executors = cluster.executors();
        assertEquals(2, executors.size(), "executors of the run");
        ProcessHandle victim = executors.get(0);
        assertTrue(victim.destroyForcibly(), "kill an executor");
        victim.onExit().get(30, TimeUnit.SECONDS);
        assertFalse(run.isDone(), "the run was still going when the executor died");
        Runs.Outcome killed = run.get(300, TimeUnit.SECONDS);
        Runs.assertTrained(killed);
        Runs.Outcome undisturbed = Runs.associations(dir.resolve("undisturbed"), "--epochs", "6", "--threads", "2");
        Runs.assertSameBits(undisturbed, killed);
    }
}
