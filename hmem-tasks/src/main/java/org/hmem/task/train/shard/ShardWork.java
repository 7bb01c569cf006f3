package org.hmem.task.train.shard;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Parameter;
import org.hmem.task.train.BatchRef;
import org.hmem.task.train.EpochData;
import org.hmem.task.train.LocalSteps;
import org.hmem.task.train.SampleTotals;
import org.hmem.task.train.StepRunner;
import org.hmem.task.train.SupervisedStep;

/**
 * An executor's copy of a run: model, objective and data, built once from the {@link RunRecipe}, computing shards
 * of the driver's stages. Used by one task at a time ({@link ShardExecutor} hands copies out). The last batch is
 * kept, so the counting and training passes of a step build it once.
 *
 * <p>Models with a batch-level pass ({@link org.hmem.task.train.SupervisedModel#forwardBatch}) are not sharded:
 * a shard sees its own samples only.
 */
public final class ShardWork<D, W> {

    private final SupervisedStep<D, W> step;
    private final EpochData<D> data;
    private final Consumer<SplittableRandom> initializer;
    private BatchRef lastRef;
    private D lastBatch;

    /** @param initializer the model's initialisation (executors never need it: the driver sends parameters) */
    public ShardWork(SupervisedStep<D, W> step, EpochData<D> data, Consumer<SplittableRandom> initializer) {
        this.step = step;
        this.data = data;
        this.initializer = initializer;
    }

    /** Initialises the model as a new run with {@code seed} would. */
    public void initialize(long seed) {
        initializer.accept(new SplittableRandom(seed));
    }

    /** The step over the executor's model (benchmarks compare it with the sharded step). */
    public SupervisedStep<D, W> step() {
        return step;
    }

    public EpochData<D> data() {
        return data;
    }

    /** This copy's steps run in this process (benchmarks compare them with the sharded steps). */
    public StepRunner localSteps() {
        return new LocalSteps<>(step, data);
    }

    /** This copy as the driver of sharded steps: its model takes the sum of the shards' gradients. */
    public ShardedSteps<D> driverOf(RunRecipe recipe, ShardTransport transport, int shards) {
        return new ShardedSteps<>(step.model(), step.objective(), step.targetRate(), data, recipe, transport, shards);
    }

    /** Samples in {@code batch}. */
    public int batchSize(BatchRef batch) {
        return step.model().batchSize(batch.resolve(data));
    }

    /** Shard {@code k} of {@code stage}, with the stage's parameter values. */
    public ShardResult compute(ShardStage stage, int k, String executor) {
        long t0 = System.nanoTime();
        List<Parameter> params = step.parameters();
        if (params.size() != stage.parameters().length) {
            throw new IllegalStateException("the driver sent " + stage.parameters().length + " parameters, the "
                    + "executor's model has " + params.size());
        }
        for (int i = 0; i < params.size(); i++) {
            float[] dst = params.get(i).data();
            System.arraycopy(stage.parameters()[i], 0, dst, 0, dst.length);
        }
        D batch = batch(stage.batch());
        int size = step.model().batchSize(batch);
        if (size != stage.batchSize()) {
            throw new IllegalStateException("batch " + stage.batch() + " has " + size + " samples here, "
                    + stage.batchSize() + " on the driver: the executor's data differ");
        }
        int from = stage.from(k);
        int to = stage.to(k);
        return switch (stage.phase()) {
            case COUNT -> new ShardResult(k, step.countSpikes(batch, from, to), null, null, null, executor,
                    System.nanoTime() - t0);
            case EVALUATE -> new ShardResult(k, null, step.samples(batch, from, to, size, 0, null, false, null),
                    null, null, executor, System.nanoTime() - t0);
            case TRAIN -> {
                SampleTotals t = step.samples(batch, from, to, size, 1, stage.coef(), true, null);
                List<Gradients> workers = step.workerGradients();
                float[][][] direct = new float[workers.size()][][];
                float[][][] transposed = new float[workers.size()][][];
                // copies: the transport may serialise the result after this work has gone on to another shard
                for (int w = 0; w < workers.size(); w++) {
                    direct[w] = copy(workers.get(w).direct());
                    transposed[w] = copy(workers.get(w).transposed());
                }
                yield new ShardResult(k, null, t, direct, transposed, executor, System.nanoTime() - t0);
            }
        };
    }

    private static float[][] copy(float[][] buffers) {
        float[][] c = new float[buffers.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = buffers[i] == null ? null : buffers[i].clone();
        }
        return c;
    }

    private D batch(BatchRef ref) {
        if (!ref.equals(lastRef)) {
            lastBatch = ref.resolve(data);
            lastRef = ref;
        }
        return lastBatch;
    }
}
