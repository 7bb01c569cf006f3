package org.hmem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distributed flags without a cluster: the reference's flags point to {@code --spark}, tasks that cannot be
 * sharded say so before loading data, and without the hmem-spark module on the class path (as in the plain jar)
 * {@code --spark} says how to get it. Training on Spark itself is tested in hmem-spark.
 */
class DistributedFlagsTest {

    private static final String[] TINY = {"associations", "--sequence_length", "1", "--num_classes", "2",
        "--num_time_steps", "10", "--embedding_size", "8", "--memory_size", "12", "--batch_size", "8", "--train_size",
        "8", "--val_size", "8", "--test_size", "8", "--epochs", "1", "--print_freq", "0", "--seed", "1"};

    private static CliRun run(Path dir, String... more) {
        String[] args = new String[TINY.length + more.length + 2];
        System.arraycopy(TINY, 0, args, 0, TINY.length);
        System.arraycopy(more, 0, args, TINY.length, more.length);
        args[args.length - 2] = "--checkpoint_dir";
        args[args.length - 1] = dir.toString();
        return CliRun.of(args);
    }

    @Test
    void theReferencesDistributedFlagsPointToSpark(@TempDir Path dir) {
        CliRun r = run(dir, "--world_size", "2");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("add --spark local[N]"), r.err());
        r = run(dir, "--multiprocessing_distributed");
        assertEquals(2, r.exit(), r.err());
        r = run(dir, "--shards", "2");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--shards splits batches over a cluster: it needs --spark MASTER"), r.err());
        r = run(dir, "--rank", "0", "--dist_url", "tcp://10.0.0.1:23456");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("--rank, --dist_url and --dist_backend belong to the reference's process groups"),
                r.out());
    }

    @Test
    void withoutTheSparkModuleSparkSaysWhatToRun(@TempDir Path dir) {
        CliRun r = run(dir, "--spark", "local[2]");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("needs the hmem-spark module and Apache Spark on the class path"), r.err());
    }

    @Test
    void tasksWithBatchLevelPassesRefuseSparkBeforeLoadingData(@TempDir Path dir) {
        for (String task : new String[] {"omniglot", "cross-modal"}) {
            CliRun r = CliRun.of(task, "--spark", "local[2]", "--dir", dir.resolve("nothing-here").toString());
            assertEquals(2, r.exit(), task + ": " + r.err());
            assertTrue(r.err().contains("cannot be trained on a cluster yet"), task + ": " + r.err());
        }
    }
}
