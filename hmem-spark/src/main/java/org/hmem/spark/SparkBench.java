package org.hmem.spark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hmem.engine.nn.Parameter;
import org.hmem.engine.optim.Adam;
import org.hmem.engine.optim.GradientClipping;
import org.hmem.task.associations.AssociationsFlags;
import org.hmem.task.associations.AssociationsTask;
import org.hmem.task.babi.BabiFlags;
import org.hmem.task.babi.BabiTask;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.train.BatchRef;
import org.hmem.task.train.StepRunner;
import org.hmem.task.train.TrainingFlags;
import org.hmem.task.train.shard.RunRecipe;
import org.hmem.task.train.shard.ShardWork;
import org.hmem.task.train.shard.ShardedSteps;

/**
 * The per-step cost of the Spark path against the single-process step at the same global batch: the same training
 * steps (forward, backward, clipping, Adam) timed in interleaved rounds, single process with {@code --threads}
 * workers, then {@code --shards} shards on {@code --master}, after {@code --warmup} steps of both and
 * {@code --spark_warmup} more of the Spark side alone. Prints milliseconds per step (medians), the overhead, and
 * Spark's share of its jobs, also per block of jobs from the first on.
 *
 * <pre>
 * java @hmem-spark/spark-jvm.options -cp 'hmem-spark/target/hmem-spark.jar:hmem-spark/target/spark-lib/*' \
 *     org.hmem.spark.SparkBench --task associations --master local[2] --batch 512
 * </pre>
 */
public final class SparkBench {

    private SparkBench() {
    }

    public static void main(String[] argv) {
        Map<String, String> a = parse(argv);
        PrintStream out = System.out;
        String task = a.getOrDefault("task", "associations");
        String master = a.getOrDefault("master", "local[2]");
        int threads = Integer.parseInt(a.getOrDefault("threads", "2"));
        int steps = Integer.parseInt(a.getOrDefault("steps", "6"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "3"));
        double reg = Double.parseDouble(a.getOrDefault("reg", "0"));
        RunRecipe recipe = recipe(task, a, out);
        ShardWork<?, ?> local = recipe.build(threads);
        local.initialize(1);
        ShardWork<?, ?> driver = recipe.build(1);
        driver.initialize(1);
        SparkTransport transport = SparkTransport.connect(master, out);
        TaskTimes taskTimes = new TaskTimes();
        transport.addListener(taskTimes);
        int shards = Integer.parseInt(a.getOrDefault("shards", Integer.toString(transport.defaultShards())));
        try (ShardedSteps<?> sharded = driver.driverOf(recipe, transport, shards)) {
            StepRunner single = local.localSteps();
            int batches = local.data().trainBatches(0);
            out.printf(Locale.ROOT, "task %s, batch %d, %d parameters, %d shards on %s; %d steps x %d rounds, "
                    + "regulariser %s%n", task, local.batchSize(BatchRef.train(0, 0)), parameters(local), shards,
                    transport.describe(), steps, rounds,
                    reg == 0 ? "off (one pass)" : "on (counting + gradient pass)");
            // warm-up, not counted: the executors build their copies and compile the hot code
            int warmup = Integer.parseInt(a.getOrDefault("warmup", "3"));
            time(single, 0, Math.min(warmup, batches), reg);
            time(sharded, 0, Math.min(warmup, batches), reg);
            // Spark's own per-job paths (scheduling, the task binary's broadcast and fetch, results) run once per
            // job, so only a longer run compiles them: extra Spark-only steps measure the steady state
            int sparkWarmup = Integer.parseInt(a.getOrDefault("spark_warmup", "0"));
            for (int i = 0; i < sparkWarmup; i++) {
                time(sharded, i % batches, 1, reg);
            }
            ShardedSteps.Timing warm = sharded.timing();
            transport.drainListeners();
            int warmJobs = taskTimes.jobs();
            List<Double> localMs = new ArrayList<>();
            List<Double> sparkMs = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                // both sides train identical copies on the same batches, so a round compares like with like
                double l = median(time(single, r % batches, steps, reg));
                double s = median(time(sharded, r % batches, steps, reg));
                localMs.add(l);
                sparkMs.add(s);
                ratios.add(s / l);
                out.printf(Locale.ROOT, "round %d: single process %.1f ms/step, Spark %.1f ms/step (%+.1f %%)%n", r,
                        l, s, 100 * (s / l - 1));
            }
            double l = median(localMs);
            double s = median(sparkMs);
            ShardedSteps.Timing t = sharded.timing();
            double stages = (t.stageSeconds() - warm.stageSeconds()) * 1e3 / (rounds * steps);
            double computing = (t.computingSeconds() - warm.computingSeconds()) * 1e3 / (rounds * steps);
            out.printf(Locale.ROOT, "Spark step, mean: %.1f ms waiting for stages, of which the slowest shard "
                    + "computed %.1f ms: %.1f ms scheduling and carrying%n", stages, computing, stages - computing);
            transport.drainListeners();
            taskTimes.print(warmJobs, out);
            taskTimes.printShareByBlock(10, out);
            out.printf(Locale.ROOT, "median: single process (%d threads) %.1f ms/step, Spark (%s) %.1f ms/step, "
                    + "overhead %+.1f %% (%.1f ms/step); median of the rounds' overheads %+.1f %%%n", threads, l,
                    sharded.placement(), s, 100 * (s / l - 1), s - l, 100 * (median(ratios) - 1));
        }
    }

    private static long parameters(ShardWork<?, ?> work) {
        return work.step().parameters().stream().mapToLong(p -> p.size()).sum();
    }

    /** Milliseconds of each of {@code steps} training steps from batch {@code first} of epoch 0 on. */
    private static List<Double> time(StepRunner steps, int first, int count, double reg) {
        List<Parameter> params = steps.parameters();
        Adam adam = new Adam(params, 1e-3);
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            steps.train(BatchRef.train(0, first + i), reg);
            GradientClipping.clip(params, 40);
            adam.step();
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        return ms;
    }

    private static RunRecipe recipe(String task, Map<String, String> a, PrintStream out) {
        int batch = Integer.parseInt(a.getOrDefault("batch", task.equals("babi") ? "256" : "512"));
        return switch (task) {
            case "associations" -> AssociationsTask.recipe(AssociationsFlags.TRAIN.defaults()
                    .with(TrainingFlags.BATCH_SIZE, batch).with(AssociationsFlags.SEQUENCE_LENGTH,
                            Integer.parseInt(a.getOrDefault("pairs", "10")))
                    .with(AssociationsFlags.TRAIN_SIZE, batch * 64).with(TrainingFlags.SEED, 1L), out);
            case "babi" -> {
                FlagValues v = BabiFlags.TRAIN.defaults().with(TrainingFlags.BATCH_SIZE, batch);
                if (a.containsKey("dir")) {
                    v = v.with(BabiFlags.DIR, a.get("dir"));
                }
                yield BabiTask.recipe(v, 1);
            }
            default -> throw new IllegalArgumentException("--task is associations or babi, got " + task);
        };
    }

    private static double median(List<Double> xs) {
        double[] v = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static Map<String, String> parse(String[] argv) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", argv));
            }
            a.put(argv[i].substring(2), argv[++i]);
        }
        return a;
    }
}
