package org.hmem.task.associations;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.SplittableRandom;

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
        AssociationsData generator = new AssociationsData(o.sequenceLength, o.featureSize, o.numClasses);
        AssociationsEpochData data = new AssociationsEpochData(generator, o.batchSize, o.trainSize, o.valSize,
                o.testSize, o.infData != 0, o.workers, o.datasetSeed);
        long seed = o.seed != null ? o.seed : new SplittableRandom().nextLong();
        // the reference's ReLU script always checks parameters; the spiking one unless --check_params 0
        boolean checkParams = !o.spiking() || o.checkParams != 0;
        TrainingOptions training = new TrainingOptions(o.epochs, o.learningRateValue(), o.learningRateDecay,
                o.decayLearningRateEvery, o.maxGradNorm, o.spiking() ? o.l2 : 0, o.targetRate, 1, o.printFreq);
        RunSettings settings = new RunSettings(TASK + (o.spiking() ? "" : "_relu"), o.suffix(),
                Path.of(o.checkpointDir), Path.of(o.runsDir), o.logging, o.evaluate,
                o.resume.isEmpty() ? null : Path.of(o.resume), checkParams, AssociationsOptions.IGNORED_ON_RESUME,
                AssociationsOptions.IGNORED_ON_EVALUATE, o.toParams(), training, o.threads, seed, o.startEpoch);
        out.printf("memorizing associations (%s): %d pairs, %d classes, batch %d, %d threads%n", o.model,
                o.sequenceLength, o.numClasses, o.batchSize, o.threads);
        if (o.spiking()) {
            SpikingAssociationsModel model = new SpikingAssociationsModel(o.modelConfig(), o.checkpointInterval);
            return new SupervisedRun<>(model, model::initialize, settings, out).run(data);
        }
        ReluAssociationsModel model = new ReluAssociationsModel(o.modelConfig());
        return new SupervisedRun<>(model, model::initialize, settings, out).run(data);
    }

    static void validate(AssociationsOptions o, PrintStream out) {
        if (!o.spiking() && !"relu".equals(o.model)) {
            throw new UserError("--model must be 'spiking' or 'relu', got '" + o.model + "'");
        }
        require(o.sequenceLength >= 1, "--sequence_length must be >= 1");
        require(o.sequenceLength <= o.numClasses, "--sequence_length (" + o.sequenceLength
                + ") must not exceed --num_classes (" + o.numClasses + "): labels are drawn without replacement");
        require(o.featureSize >= 1 && o.embeddingSize >= 1 && o.memorySize >= 1,
                "--feature_size, --embedding_size and --memory_size must be >= 1");
        require(o.numTimeSteps >= 1, "--num_time_steps must be >= 1");
        require(o.readoutDelay >= 1, "--readout_delay must be >= 1");
        require(o.thr > 0, "--thr must be > 0");
        require(o.tauMem > 0 && o.tauTrace > 0, "--tau_mem and --tau_trace must be > 0");
        require(o.refractoryTimeSteps >= 0, "--refractory_time_steps must be >= 0");
        require(o.batchSize >= 1, "--batch_size must be >= 1");
        require(o.epochs >= 0, "--epochs must be >= 0");
        require(o.decayLearningRateEvery >= 1, "--decay_learning_rate_every must be >= 1");
        require(o.workers >= 1, "--workers must be >= 1 (it also sets the validation/test seeds, spec §6.1)");
        require(o.threads >= 1, "--threads must be >= 1");
        require(o.trainSize >= 1 && o.valSize >= 1 && o.testSize >= 1, "--train_size, --val_size and --test_size "
                + "must be >= 1");
        require(o.checkParams == 0 || o.checkParams == 1, "--check_params must be 0 or 1");
        require(o.printFreq >= 0, "--print_freq must be >= 0");
        if (o.worldSize > 1 || o.multiprocessingDistributed) {
            throw new UserError("distributed training (--world_size > 1, --multiprocessing_distributed) is not "
                    + "available in this version of hmem; use --threads to use all cores of one machine");
        }
        if (o.gpu != null) {
            out.println("note: --gpu is accepted for compatibility; hmem computes on the CPU (--threads " + o.threads
                    + ")");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new UserError(message);
        }
    }
}
