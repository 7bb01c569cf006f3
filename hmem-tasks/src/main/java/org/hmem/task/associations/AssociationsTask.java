package org.hmem.task.associations;

import static org.hmem.task.associations.AssociationsFlags.CHECK_PARAMS;
import static org.hmem.task.associations.AssociationsFlags.DATASET_SEED;
import static org.hmem.task.associations.AssociationsFlags.FEATURE_SIZE;
import static org.hmem.task.associations.AssociationsFlags.INF_DATA;
import static org.hmem.task.associations.AssociationsFlags.NUM_CLASSES;
import static org.hmem.task.associations.AssociationsFlags.NUM_TIME_STEPS;
import static org.hmem.task.associations.AssociationsFlags.SEQUENCE_LENGTH;
import static org.hmem.task.associations.AssociationsFlags.TEST_SIZE;
import static org.hmem.task.associations.AssociationsFlags.TRAIN_SIZE;
import static org.hmem.task.associations.AssociationsFlags.VAL_SIZE;

import java.io.PrintStream;
import java.nio.file.Path;

import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.train.ActivityRegularization;
import org.hmem.task.model.MemoryFlags;
import org.hmem.task.train.CrossEntropyObjective;
import org.hmem.task.train.MemoryBudget;
import org.hmem.task.train.RunCheckpoint;
import org.hmem.task.train.RunSettings;
import org.hmem.task.train.SupervisedRun;
import org.hmem.task.train.SupervisedStep;
import org.hmem.task.train.TrainingFlags;
import org.hmem.task.train.TrainingOptions;
import org.hmem.task.train.shard.RunRecipe;
import org.hmem.task.train.shard.ShardWork;
import org.hmem.task.train.shard.ShardedSteps;

/** The memorizing-associations task end to end: resolve and check flags, build model and data, train or evaluate. */
public final class AssociationsTask {

    public static final String TASK = "memorizing_associations";

    private AssociationsTask() {
    }

    /** Runs with the flags the user gave ({@link AssociationsFlags#TRAIN}); a checkpoint supplies the rest. */
    public static SupervisedRun.Result run(FlagValues given, PrintStream out) {
        Path resume = TrainingFlags.resume(given);
        RunCheckpoint.Loaded ckpt = RunCheckpoint.forTask(resume, TASK);
        // the reference's ReLU script always checks; the spiking one unless --check_params 0
        boolean check = given.get(CHECK_PARAMS) != 0 || ckpt != null && ckpt.task().endsWith("_relu");
        FlagValues v = TrainingFlags.continuing(given, ckpt, check);
        validate(v, out);
        boolean spiking = AssociationsFlags.spiking(v);
        AssociationsEpochData data = data(v);
        ActivityRegularization reg = regularization(v);
        TrainingOptions training = TrainingFlags.training(v, reg);
        RunSettings settings = TrainingFlags.run(v, TASK + (spiking ? "" : "_relu"), AssociationsFlags.suffix(v),
                training);
        int pairs = v.get(SEQUENCE_LENGTH);
        out.printf("memorizing associations (%s): %d pair%s, %d classes, batch %d, %d thread%s%n",
                v.get(AssociationsFlags.MODEL_VARIANT), pairs, pairs == 1 ? "" : "s", v.get(NUM_CLASSES),
                v.get(TrainingFlags.BATCH_SIZE), settings.threads(), settings.threads() == 1 ? "" : "s");
        Recipe recipe = new Recipe(v.toParams().toString());
        CrossEntropyObjective<AssociationsBatch> objective = objective(v);
        if (spiking) {
            AssociationsModel model = spikingModel(v);
            return new SupervisedRun<>(model, objective, model::initialize, settings, out)
                    .distributable(ShardedSteps.onCluster(model, objective, recipe)).run(data, ckpt);
        }
        AssociationsModelRelu model = new AssociationsModelRelu(AssociationsFlags.modelConfig(v));
        return new SupervisedRun<>(model, objective, model::initialize, settings, out)
                .distributable(ShardedSteps.onCluster(model, objective, recipe)).run(data, ckpt);
    }

    static AssociationsEpochData data(FlagValues v) {
        AssociationsData generator = new AssociationsData(v.get(SEQUENCE_LENGTH), v.get(FEATURE_SIZE),
                v.get(NUM_CLASSES));
        return new AssociationsEpochData(generator, v.get(TrainingFlags.BATCH_SIZE), v.get(TRAIN_SIZE),
                v.get(VAL_SIZE), v.get(TEST_SIZE), v.get(INF_DATA) != 0, v.get(TrainingFlags.WORKERS),
                v.get(DATASET_SEED));
    }

    static ActivityRegularization regularization(FlagValues v) {
        return AssociationsFlags.spiking(v) ? TrainingFlags.regularization(v, 1) : ActivityRegularization.NONE;
    }

    static CrossEntropyObjective<AssociationsBatch> objective(FlagValues v) {
        return new CrossEntropyObjective<>(v.get(NUM_CLASSES), (batch, b) -> batch.answer()[b]);
    }

    static AssociationsModel spikingModel(FlagValues v) {
        return new AssociationsModel(AssociationsFlags.modelConfig(v), v.get(TrainingFlags.CHECKPOINT_INTERVAL));
    }

    /** The recipe of a run with the flags the user gave (checked as a run checks them): benchmarks build from it. */
    public static RunRecipe recipe(FlagValues given, PrintStream out) {
        validate(given, out);
        return new Recipe(given.toParams().toString());
    }

    /** How a cluster executor builds this run: the driver's resolved flags ({@link FlagValues#toParams()}). */
    record Recipe(String params) implements RunRecipe {

        private static final long serialVersionUID = 1L;

        @Override
        public String key() {
            return TASK + params;
        }

        @Override
        public ShardWork<?, ?> build(int threads) {
            FlagValues v = FlagValues.fromParams(AssociationsFlags.TRAIN, params);
            double target = regularization(v).targetRate();
            BatchParallel workers = new BatchParallel(threads);
            if (AssociationsFlags.spiking(v)) {
                AssociationsModel model = spikingModel(v);
                return new ShardWork<>(new SupervisedStep<>(model, objective(v), workers, target), data(v),
                        model::initialize);
            }
            AssociationsModelRelu model = new AssociationsModelRelu(AssociationsFlags.modelConfig(v));
            return new ShardWork<>(new SupervisedStep<>(model, objective(v), workers, target), data(v),
                    model::initialize);
        }
    }

    static void validate(FlagValues v, PrintStream out) {
        v.validate();
        TrainingFlags.checkRun(v, out);
        int l = v.get(SEQUENCE_LENGTH), f = v.get(FEATURE_SIZE);
        if (l > v.get(NUM_CLASSES)) {
            throw new UserError("--sequence_length (" + l + ") must not exceed --num_classes (" + v.get(NUM_CLASSES)
                    + "): labels are drawn without replacement");
        }
        // the fixed sets are generated whole: validation, test, and training without --inf_data
        long samples = (long) v.get(VAL_SIZE) + v.get(TEST_SIZE) + (v.get(INF_DATA) != 0 ? 0 : v.get(TRAIN_SIZE));
        String sizes = "--test_size, --val_size" + (v.get(INF_DATA) != 0 ? "" : ", --train_size");
        MemoryBudget.requireArray("the data sets", samples * l * f, sizes);
        MemoryBudget.requireHeap("the data sets", 4 * samples * ((long) l * f + l + f + 1), sizes);
        long batch = Math.min(v.get(TrainingFlags.BATCH_SIZE), (long) v.get(TRAIN_SIZE));
        MemoryBudget.requireArray("a batch", batch * l * f, "--batch_size");
        if (AssociationsFlags.spiking(v)) {
            MemoryBudget.requireSpikingWorkspace((long) l * v.get(NUM_TIME_STEPS), v.get(MemoryFlags.EMBEDDING_SIZE),
                    v.get(MemoryFlags.MEMORY_SIZE), v.get(TrainingFlags.THREADS),
                    "--num_time_steps, --sequence_length, --embedding_size, --memory_size");
        }
    }
}
