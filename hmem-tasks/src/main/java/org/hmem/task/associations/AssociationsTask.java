package org.hmem.task.associations;

import static org.hmem.task.train.CommonOptions.require;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.hmem.task.train.ActivityRegularization;
import org.hmem.task.train.CommonOptions;
import org.hmem.task.train.CrossEntropyObjective;
import org.hmem.task.train.RunSettings;
import org.hmem.task.train.SupervisedRun;
import org.hmem.task.train.TrainingOptions;
import org.hmem.task.train.UserError;

/** The memorizing-associations task end to end: validate flags, build model and data, train or evaluate. */
public final class AssociationsTask {

    public static final String TASK = "memorizing_associations";

    private AssociationsTask() {
    }

    public static SupervisedRun.Result run(AssociationsOptions o, PrintStream out) {
        validate(o, out);
        CommonOptions c = o.common;
        AssociationsData generator = new AssociationsData(o.sequenceLength, o.featureSize, o.numClasses);
        AssociationsEpochData data = new AssociationsEpochData(generator, c.batchSize, o.trainSize, o.valSize,
                o.testSize, o.infData != 0, c.workers, o.datasetSeed);
        long seed = c.seed != null ? c.seed : new SplittableRandom().nextLong();
        // the reference's ReLU script always checks parameters; the spiking one unless --check_params 0
        boolean checkParams = !o.spiking() || o.checkParams != 0;
        ActivityRegularization reg = o.spiking() ? new ActivityRegularization(c.l2, c.targetRate, 1)
                : ActivityRegularization.NONE;
        TrainingOptions training = new TrainingOptions(c.epochs, o.learningRateValue(), c.learningRateDecay,
                c.decayLearningRateEvery, c.maxGradNorm, reg, c.printFreq, c.timeBudget);
        RunSettings settings = new RunSettings(TASK + (o.spiking() ? "" : "_relu"), o.suffix(),
                Path.of(c.checkpointDir), Path.of(c.runsDir), c.logging, c.evaluate,
                c.resume.isEmpty() ? null : Path.of(c.resume), checkParams, AssociationsOptions.IGNORED_ON_RESUME,
                AssociationsOptions.IGNORED_ON_EVALUATE, o.toParams(), training, c.threads, seed, c.startEpoch);
        out.printf("memorizing associations (%s): %d pairs, %d classes, batch %d, %d threads%n", o.model,
                o.sequenceLength, o.numClasses, c.batchSize, c.threads);
        CrossEntropyObjective<AssociationsBatch> objective = new CrossEntropyObjective<>(o.numClasses,
                (batch, b) -> batch.answer()[b]);
        if (o.spiking()) {
            AssociationsModel model = new AssociationsModel(o.modelConfig(), c.checkpointInterval);
            return new SupervisedRun<>(model, objective, model::initialize, settings, out).run(data);
        }
        AssociationsModelRelu model = new AssociationsModelRelu(o.modelConfig());
        return new SupervisedRun<>(model, objective, model::initialize, settings, out).run(data);
    }

    static void validate(AssociationsOptions o, PrintStream out) {
        if (!o.spiking() && !"relu".equals(o.model)) {
            throw new UserError("--model must be 'spiking' or 'relu', got '" + o.model + "'");
        }
        o.common.validate(out);
        require(o.sequenceLength >= 1, "--sequence_length must be >= 1");
        require(o.sequenceLength <= o.numClasses, "--sequence_length (" + o.sequenceLength
                + ") must not exceed --num_classes (" + o.numClasses + "): labels are drawn without replacement");
        require(o.featureSize >= 1, "--feature_size must be >= 1");
        require(o.numTimeSteps >= 1, "--num_time_steps must be >= 1");
        require(o.common.workers >= 1, "--workers must be >= 1 (it also sets the validation/test seeds, spec §6.1)");
        require(o.trainSize >= 1 && o.valSize >= 1 && o.testSize >= 1, "--train_size, --val_size and --test_size "
                + "must be >= 1");
        require(o.checkParams == 0 || o.checkParams == 1, "--check_params must be 0 or 1");
    }
}
