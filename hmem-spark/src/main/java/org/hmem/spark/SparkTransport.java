package org.hmem.spark;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.hmem.task.flags.UserError;
import org.hmem.task.train.TrainingFailure;
import org.hmem.task.train.shard.ShardResult;
import org.hmem.task.train.shard.ShardStage;
import org.hmem.task.train.shard.ShardTransport;

/**
 * Runs each shard stage as one Spark job with one task (partition) per shard and collects the results in
 * partition order, which is shard order. Spark retries a failed task (up to {@code spark.task.maxFailures}, default
 * 4, in local mode too); since a shard's result depends only on the stage, a retried step equals an unfailed one.
 * A job that fails for good stops training with the reason.
 */
public final class SparkTransport implements ShardTransport {

    /** How the stage reaches the executors: {@code closure} (default) or {@code broadcast}. */
    public static final String DELIVERY = "spark.hmem.stageDelivery";
    /** Seconds to wait for the first executors of a cluster before counting cores (default 60). */
    public static final String WAIT_FOR_EXECUTORS = "spark.hmem.waitForExecutorsSeconds";
    /** Spark's log level once the context runs (default WARN). */
    public static final String LOG_LEVEL = "spark.hmem.logLevel";

    private static final String EXECUTOR_OPTIONS = "spark.executor.extraJavaOptions";
    static final String TYPE_PROFILES = "-XX:TypeProfileLevel=222";

    private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)]");

    private final JavaSparkContext sc;
    private final String master;
    private final boolean broadcast;
    private final FailOnce failOnce;

    private SparkTransport(JavaSparkContext sc, String master) {
        this.sc = sc;
        this.master = master;
        SparkConf conf = sc.getConf();
        String delivery = conf.get(DELIVERY, "closure");
        if (!delivery.equals("closure") && !delivery.equals("broadcast")) {
            throw new IllegalArgumentException(DELIVERY + " is closure or broadcast, got '" + delivery + "'");
        }
        this.broadcast = delivery.equals("broadcast");
        this.failOnce = FailOnce.parse(conf.get(FailOnce.SETTING, ""));
    }

    /**
     * Starts a Spark context on {@code master} (settings from {@code spark.*} system properties, as spark-submit
     * passes them) and waits for a cluster's first executors.
     */
    public static SparkTransport connect(String master, PrintStream out) {
        SparkConf conf = new SparkConf(true).setAppName("hmem");
        int attempts = conf.getInt("spark.task.maxFailures", 4);
        String effective = withRetries(master, attempts);
        conf.setMaster(effective);
        if (effective.startsWith("local")) {
            // one JVM: no web UI unless asked for (it takes a port and start-up time)
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        conf.set(EXECUTOR_OPTIONS, withTypeProfiles(conf.get(EXECUTOR_OPTIONS, "")));
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf);
        } catch (Exception e) {
            // Scala throws SparkException (checked in Java) undeclared: a bad master URL, a port in use, ...
            throw new UserError("--spark " + master + ": Spark could not start: " + firstLine(e));
        }
        sc.setLogLevel(conf.get(LOG_LEVEL, "WARN"));
        SparkTransport t = new SparkTransport(sc, effective);
        if (!effective.startsWith("local")) {
            t.awaitExecutors(conf.getInt(WAIT_FOR_EXECUTORS, 60), out);
        }
        return t;
    }

    /**
     * The executors' JVM options with {@value #TYPE_PROFILES} added unless they set the level themselves: executor
     * JVMs compile the same SIMD kernels as {@code ./hmem}, which passes it, and without it Java 17's C2 sometimes
     * boxes a kernel's vectors (ten times slower, docs/BENCHMARKS.md). Spark itself adds the vector module.
     */
    static String withTypeProfiles(String options) {
        if (options.contains("-XX:TypeProfileLevel=")) {
            return options;
        }
        return options.isBlank() ? TYPE_PROFILES : options.trim() + " " + TYPE_PROFILES;
    }

    /** {@code local[N]} becomes {@code local[N,attempts]}: local mode then retries failed tasks as a cluster does. */
    static String withRetries(String master, int attempts) {
        Matcher m = LOCAL.matcher(master.trim());
        if (m.matches()) {
            return "local[" + m.group(1) + "," + attempts + "]";
        }
        if (master.trim().equals("local")) {
            return "local[1," + attempts + "]";
        }
        return master.trim();
    }

    private void awaitExecutors(int seconds, PrintStream out) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        int seen = 0;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (sc.sc().isStopped()) {
                throw new UserError("--spark " + master + ": the Spark application was stopped before any executor "
                        + "registered (is the master running and reachable from here?)");
            }
            int now = executorCount();
            if (now != seen) {
                seen = now;
                stableSince = System.nanoTime();
            } else if (seen > 0 && System.nanoTime() - stableSince > 2_000_000_000L) {
                break;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (seen == 0) {
            out.println("warning: no Spark executor registered within " + seconds + " s; the first step waits for "
                    + "one (check the workers and that they can reach this driver)");
        } else {
            out.printf(Locale.ROOT, "=> %d executor%s with %d core%s in all%n", seen, seen == 1 ? "" : "s",
                    sc.defaultParallelism(), sc.defaultParallelism() == 1 ? "" : "s");
        }
    }

    private int executorCount() {
        // the driver is listed among the executors
        return Math.max(0, sc.sc().statusTracker().getExecutorInfos().length - 1);
    }

    @Override
    public List<ShardResult> run(ShardStage stage) {
        List<Integer> shards = IntStream.range(0, stage.shards()).boxed().toList();
        Broadcast<ShardStage> shared = broadcast ? sc.broadcast(stage) : null;
        try {
            return sc.parallelize(shards, shards.size())
                    .map(new ShardTask(shared == null ? stage : null, shared, failOnce)).collect();
        } catch (Exception e) {
            // Scala throws SparkException (checked in Java) without declaring it: a job that failed for good
            if (e instanceof RuntimeException re && !(e.getCause() instanceof SparkException)
                    && !e.getClass().getName().startsWith("org.apache.spark")) {
                throw re;
            }
            throw new TrainingFailure("the Spark job of step " + stage.step() + " (" + stage.phase().name()
                    .toLowerCase(Locale.ROOT) + ", " + stage.batch() + ") failed: " + firstLine(e));
        } finally {
            if (shared != null) {
                shared.destroy();
            }
        }
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Registers {@code listener} with the context (benchmark instrumentation). */
    void addListener(SparkListener listener) {
        sc.sc().addSparkListener(listener);
    }

    /** Waits until the listeners have seen every event so far. */
    void drainListeners() {
        try {
            sc.sc().listenerBus().waitUntilEmpty();
        } catch (TimeoutException e) {
            throw new IllegalStateException("Spark's listener bus did not drain", e);
        }
    }

    @Override
    public int defaultShards() {
        return sc.defaultParallelism();
    }

    @Override
    public String describe() {
        return "Spark " + master;
    }

    @Override
    public void close() {
        sc.stop();
    }
}
