package org.hmem.task.associations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.hmem.engine.nn.Parameter;
import org.hmem.engine.optim.Adam;
import org.hmem.engine.optim.GradientClipping;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.train.BatchRef;
import org.hmem.task.train.LocalSteps;
import org.hmem.task.train.StepResult;
import org.hmem.task.train.StepRunner;
import org.hmem.task.train.SupervisedModel;
import org.hmem.task.train.SupervisedStep;
import org.hmem.task.train.TrainingFlags;
import org.hmem.task.train.shard.SerializingTransport;
import org.hmem.task.train.shard.ShardExecutor;
import org.hmem.task.train.shard.ShardedSteps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sharded training steps (the driver's side of distributed training, with every stage and result serialised as on
 * a cluster) against the single-process steps at the same global batch, seed and data: training steps with the
 * activity regulariser's two passes on (epoch 1), global-norm clipping and Adam.
 */
class ShardedAssociationsTest {

    private static final int STEPS = 3;

    private static FlagValues flags(String model) {
        return AssociationsFlags.TRAIN.defaults().with(AssociationsFlags.MODEL_VARIANT, model)
                .with(AssociationsFlags.SEQUENCE_LENGTH, 3).with(AssociationsFlags.FEATURE_SIZE, 12)
                .with(AssociationsFlags.NUM_CLASSES, 6).with(AssociationsFlags.NUM_TIME_STEPS, 20)
                .with(MemoryFlags.EMBEDDING_SIZE, 16).with(MemoryFlags.MEMORY_SIZE, 12)
                .with(TrainingFlags.BATCH_SIZE, 10).with(AssociationsFlags.TRAIN_SIZE, 40)
                .with(AssociationsFlags.VAL_SIZE, 10).with(AssociationsFlags.TEST_SIZE, 10)
                .with(TrainingFlags.L2, 1e-2);
    }

    private static SupervisedModel<AssociationsBatch, ?> model(FlagValues v) {
        if (AssociationsFlags.spiking(v)) {
            AssociationsModel m = AssociationsTask.spikingModel(v);
            m.initialize(new SplittableRandom(5));
            return m;
        }
        AssociationsModelRelu m = new AssociationsModelRelu(AssociationsFlags.modelConfig(v));
        m.initialize(new SplittableRandom(5));
        return m;
    }

    /** Local steps with {@code threads} workers. */
    private static Run local(FlagValues v, int threads) {
        SupervisedModel<AssociationsBatch, ?> model = model(v);
        try (BatchParallel parallel = new BatchParallel(threads)) {
            return train(new LocalSteps<>(step(model, v, parallel), AssociationsTask.data(v)), v);
        }
    }

    private static <W> SupervisedStep<AssociationsBatch, W> step(SupervisedModel<AssociationsBatch, W> model,
                                                                 FlagValues v, BatchParallel parallel) {
        return new SupervisedStep<>(model, AssociationsTask.objective(v), parallel,
                AssociationsTask.regularization(v).targetRate());
    }

    /** Also checks that the executor side (here: this JVM) keeps its copy while the run lasts, and no longer. */
    private static Run sharded(FlagValues v, int shards) {
        AssociationsTask.Recipe recipe = new AssociationsTask.Recipe(v.toParams().toString());
        Run r;
        try (ShardedSteps<AssociationsBatch> steps = new ShardedSteps<>(model(v), AssociationsTask.objective(v),
                AssociationsTask.regularization(v).targetRate(), AssociationsTask.data(v), recipe,
                new SerializingTransport(), shards)) {
            r = train(steps, v);
            assertEquals(shards + " shards on 1 executor (in-process serialising transport)", steps.placement());
            assertEquals(1, ShardExecutor.copies(recipe.key()), "one copy serves shards run one after another");
        }
        assertEquals(0, ShardExecutor.copies(recipe.key()), "released with the run");
        return r;
    }

    private record Run(List<float[]> parameters, List<Double> losses, List<Double> regLosses) {
    }

    private static Run train(StepRunner steps, FlagValues v) {
        List<Parameter> params = steps.parameters();
        Adam adam = new Adam(params, 1e-2);
        List<Double> losses = new ArrayList<>();
        List<Double> regs = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            StepResult r = steps.train(BatchRef.train(1, i), AssociationsTask.regularization(v).weightAt(1));
            GradientClipping.clip(params, v.get(TrainingFlags.MAX_GRAD_NORM));
            adam.step();
            losses.add(r.loss());
            regs.add(r.regLoss());
        }
        StepResult val = steps.evaluate(BatchRef.of(BatchRef.Split.VALIDATION, 0));
        losses.add(val.loss());
        List<float[]> values = new ArrayList<>();
        for (Parameter p : params) {
            values.add(p.data().clone());
        }
        return new Run(values, losses, regs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spiking", "relu"})
    void twoShardsEqualTwoThreadsToTheBit(String model) {
        FlagValues v = flags(model);
        Run local = local(v, 2);
        Run sharded = sharded(v, 2);
        assertEquals(local.losses(), sharded.losses());
        assertEquals(local.regLosses(), sharded.regLosses());
        for (int k = 0; k < local.parameters().size(); k++) {
            assertArrayEquals(local.parameters().get(k), sharded.parameters().get(k), "parameter " + k);
        }
        if (model.equals("spiking")) {
            assertTrue(local.regLosses().get(0) > 0, "the regulariser is on");
        }
    }

    /**
     * Three shards sum the gradient in another order than one thread: the parameters after three Adam steps agree to
     * 1e-4 of each tensor's largest entry (float rounding, amplified by Adam's normalisation of small gradients),
     * and a rerun of the three shards gives the same bits.
     */
    @ParameterizedTest
    @ValueSource(strings = {"spiking", "relu"})
    void threeShardsMatchOneThreadAndRepeatExactly(String model) {
        FlagValues v = flags(model);
        Run local = local(v, 1);
        Run sharded = sharded(v, 3);
        Run again = sharded(v, 3);
        for (int k = 0; k < local.parameters().size(); k++) {
            float[] a = local.parameters().get(k);
            float[] b = sharded.parameters().get(k);
            double max = 0;
            double err = 0;
            for (int i = 0; i < a.length; i++) {
                max = Math.max(max, Math.abs(a[i]));
                err = Math.max(err, Math.abs(a[i] - b[i]));
            }
            assertTrue(err <= 1e-4 * max, "parameter " + k + ": error " + err + " vs max " + max);
            assertArrayEquals(b, again.parameters().get(k), "rerun, parameter " + k);
        }
        for (int i = 0; i < local.losses().size(); i++) {
            assertEquals(local.losses().get(i), sharded.losses().get(i), 1e-5 * local.losses().get(i));
        }
        assertEquals(sharded.losses(), again.losses());
    }
}
