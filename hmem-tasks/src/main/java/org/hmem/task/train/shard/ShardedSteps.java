package org.hmem.task.train.shard;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Parameter;
import org.hmem.task.flags.UserError;
import org.hmem.task.train.ActivityTerm;
import org.hmem.task.train.BatchPass;
import org.hmem.task.train.BatchRef;
import org.hmem.task.train.Distribution;
import org.hmem.task.train.EpochData;
import org.hmem.task.train.Objective;
import org.hmem.task.train.RateCounts;
import org.hmem.task.train.SampleTotals;
import org.hmem.task.train.StepResult;
import org.hmem.task.train.StepRunner;
import org.hmem.task.train.SupervisedModel;
import org.hmem.task.train.SupervisedRun;

/**
 * The driver of synchronous data-parallel training: each batch is split into consecutive shards, the transport runs
 * them on executors with the driver's current parameters, and the shards' gradients are added into the driver's
 * parameters in shard order, each shard's worker buffers exactly as {@link Gradients#addTo()} adds them. With one
 * worker thread per shard the result is therefore the single-process step's with as many threads as shards, to the
 * bit; with any shard count it is the same on every rerun. The optimiser step stays with the caller (the driver).
 */
public final class ShardedSteps<D> implements StepRunner {

    private final SupervisedModel<D, ?> model;
    private final Objective<D> objective;
    private final int[] neurons;
    private final double targetRate;
    private final EpochData<D> data;
    private final RunRecipe recipe;
    private final ShardTransport transport;
    private final int shards;
    private final Set<String> executors = new TreeSet<>();
    private int lastShards;
    private long step;
    private long stageNanos;
    private long slowestShardNanos;

    public ShardedSteps(SupervisedModel<D, ?> model, Objective<D> objective, double targetRate, EpochData<D> data,
                        RunRecipe recipe, ShardTransport transport, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("need at least one shard, got " + shards);
        }
        this.model = model;
        this.objective = objective;
        this.neurons = model.activityTerms().stream().mapToInt(ActivityTerm::neurons).toArray();
        this.targetRate = targetRate;
        this.data = data;
        this.recipe = recipe;
        this.transport = transport;
        this.shards = shards;
    }

    /**
     * How a run trains on the cluster its settings name: executors build their copies of model, objective and data
     * from {@code recipe}; the transport is the one on the class path ({@link ShardTransport.Provider}).
     */
    public static <D> SupervisedRun.ClusterSteps<D> onCluster(SupervisedModel<D, ?> model, Objective<D> objective,
                                                              RunRecipe recipe) {
        return (data, settings, out) -> {
            Distribution d = settings.distribution();
            ShardTransport transport = open(d.master(), out);
            int shards = d.shards() > 0 ? d.shards() : transport.defaultShards();
            out.printf("=> training data-parallel on %s: %d shard%s per batch; the driver adds their gradients in "
                    + "shard order%n", transport.describe(), shards, shards == 1 ? "" : "s");
            return new ShardedSteps<>(model, objective, settings.training().regularization().targetRate(), data,
                    recipe, transport, shards);
        };
    }

    /** Connects to {@code master} with the transport on the class path; without one, says how to get it. */
    static ShardTransport open(String master, PrintStream out) {
        for (ShardTransport.Provider p : ServiceLoader.load(ShardTransport.Provider.class)) {
            return p.open(master, out);
        }
        throw new UserError("--spark " + master + " needs the hmem-spark module and Apache Spark on the class path: "
                + "run it with ./hmem (which adds them when --spark is given) or with spark-submit and "
                + "hmem-spark/target/hmem-spark.jar (see the README, 'Training on a cluster')");
    }

    @Override
    public StepResult train(BatchRef batch, double regScale) {
        model.zeroGrad();
        return pass(batch, regScale, true);
    }

    @Override
    public StepResult evaluate(BatchRef batch) {
        return pass(batch, 0, false);
    }

    private StepResult pass(BatchRef ref, double regScale, boolean backward) {
        int size = model.batchSize(ref.resolve(data));
        int k = Math.min(shards, size);
        long id = ++step;
        float[][] values = model.parameters().stream().map(Parameter::data).toArray(float[][]::new);
        BatchPass.Shards sharded = new BatchPass.Shards() {
            @Override
            public List<RateCounts> count() {
                List<RateCounts> counts = new ArrayList<>();
                for (ShardResult r : dispatch(new ShardStage(recipe, id, values, ShardStage.Phase.COUNT, ref, size, k,
                        null))) {
                    counts.add(r.counts());
                }
                return counts;
            }

            @Override
            public List<SampleTotals> run(double[][] coef, boolean backward) {
                List<ShardResult> results = dispatch(new ShardStage(recipe, id, values,
                        backward ? ShardStage.Phase.TRAIN : ShardStage.Phase.EVALUATE, ref, size, k, coef));
                List<SampleTotals> totals = new ArrayList<>();
                for (ShardResult r : results) {
                    if (backward) {
                        for (int w = 0; w < r.direct().length; w++) {
                            Gradients.addTo(model.parameters(), r.direct()[w], r.transposed()[w]);
                        }
                    }
                    totals.add(r.totals());
                }
                return totals;
            }
        };
        return BatchPass.run(sharded, size, neurons, objective.metrics().size(), targetRate, regScale, backward);
    }

    private List<ShardResult> dispatch(ShardStage stage) {
        long t0 = System.nanoTime();
        List<ShardResult> results = transport.run(stage);
        stageNanos += System.nanoTime() - t0;
        slowestShardNanos += results.stream().mapToLong(ShardResult::nanos).max().orElse(0);
        if (results.size() != stage.shards()) {
            throw new IllegalStateException("expected " + stage.shards() + " shard results, got " + results.size());
        }
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).shard() != i) {
                throw new IllegalStateException("shard results out of order: " + results.get(i).shard() + " at "
                        + i);
            }
            executors.add(results.get(i).executor());
        }
        lastShards = stage.shards();
        return results;
    }

    @Override
    public List<Parameter> parameters() {
        return model.parameters();
    }

    @Override
    public Objective<?> objective() {
        return objective;
    }

    @Override
    public boolean spiking() {
        return neurons.length > 0;
    }

    /** "4 shards on 2 executors (Spark local[2])": the last step's shards and every executor seen so far. */
    @Override
    public String placement() {
        return String.format(Locale.ROOT, "%d shard%s on %d executor%s (%s)", lastShards, lastShards == 1 ? "" : "s",
                executors.size(), executors.size() == 1 ? "" : "s", transport.describe());
    }

    /**
     * Where the stages' time went so far: {@code stage} is the driver's wait for each stage's results, {@code
     * computing} the slowest shard's computing time in each, summed; the difference is carrying and scheduling.
     */
    public record Timing(double stageSeconds, double computingSeconds) {
    }

    public Timing timing() {
        return new Timing(stageNanos / 1e9, slowestShardNanos / 1e9);
    }

    /** Closes the transport (the cluster connection) and drops this JVM's executor copies of the run. */
    @Override
    public void close() {
        transport.close();
        ShardExecutor.release(recipe.key());
    }

    /** The executors that computed shards so far ("pid/host"). */
    public Set<String> executors() {
        return Set.copyOf(executors);
    }
}
