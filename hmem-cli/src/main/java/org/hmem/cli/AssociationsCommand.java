package org.hmem.cli;

import java.util.concurrent.Callable;

import org.hmem.task.associations.AssociationsOptions;
import org.hmem.task.associations.AssociationsTask;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hmem associations}: the memorizing-associations task (spec §8.1, §8.2). Every flag of the reference
 * script, in both spellings ({@code --sequence_length} and {@code --sequence-length}).
 */
@Command(name = "associations", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        subcommands = {AssociationsPlotCommand.class},
        description = {"Memorizing associations: store L (vector, label) pairs in a Hebbian memory, answer the label"
                + " of a queried vector.",
                "Train (default), evaluate (--evaluate --resume FILE), resume (--resume FILE), or plot one sample"
                        + " (plot --checkpoint FILE)."},
        footer = {"", "Out-of-distribution test: train with --sequence_length < --num_classes, then evaluate the"
                + " checkpoint with --evaluate --resume FILE --sequence_length L for other L <= --num_classes."})
public final class AssociationsCommand implements Callable<Integer> {

    private final AssociationsOptions o = new AssociationsOptions();

    /** The flags shared by all tasks, writing into this task's options. */
    @Mixin
    CommonFlags common = new CommonFlags(o.common);

    @Option(names = "--model", paramLabel = "spiking|relu", defaultValue = "spiking",
            description = "Spiking H-Mem network or its non-spiking ReLU baseline (default: ${DEFAULT-VALUE}).")
    void model(String v) {
        o.model = v;
    }

    @Option(names = {"--sequence_length", "--sequence-length"}, defaultValue = "10",
            description = "Number L of vector-label pairs per sample (default: ${DEFAULT-VALUE}).")
    void sequenceLength(int v) {
        o.sequenceLength = v;
    }

    @Option(names = {"--num_classes", "--num-classes"}, defaultValue = "10",
            description = "Label set size C = output classes; must be >= L (default: ${DEFAULT-VALUE}).")
    void numClasses(int v) {
        o.numClasses = v;
    }

    @Option(names = {"--feature_size", "--feature-size"}, defaultValue = "10",
            description = "Dimension F of the random vectors (default: ${DEFAULT-VALUE}).")
    void featureSize(int v) {
        o.featureSize = v;
    }

    @Option(names = {"--inf_data", "--inf-data"}, defaultValue = "1",
            description = "Non-zero: fresh training samples for every batch; 0: a fixed training set "
                    + "(default: ${DEFAULT-VALUE}).")
    void infData(int v) {
        o.infData = v;
    }

    @Option(names = {"--num_time_steps", "--num-time-steps"}, defaultValue = "100",
            description = "Simulation steps T per item (spiking; default: ${DEFAULT-VALUE}).")
    void numTimeSteps(int v) {
        o.numTimeSteps = v;
    }

    @Option(names = {"--check_params", "--check-params"}, defaultValue = "1",
            description = "1: refuse a checkpoint made with other model-defining flags; 0: skip that check "
                    + "(spiking only; default: ${DEFAULT-VALUE}).")
    void checkParams(int v) {
        o.checkParams = v;
    }

    @Option(names = {"--dataset_seed", "--dataset-seed"}, defaultValue = "42",
            description = "Base seed of the data generators (default: ${DEFAULT-VALUE}).")
    void datasetSeed(long v) {
        o.datasetSeed = v;
    }

    @Option(names = {"--train_size", "--train-size"}, defaultValue = "9000",
            description = "Training samples per epoch (default: ${DEFAULT-VALUE}, as the reference).")
    void trainSize(int v) {
        o.trainSize = v;
    }

    @Option(names = {"--val_size", "--val-size"}, defaultValue = "1000",
            description = "Validation samples (default: ${DEFAULT-VALUE}).")
    void valSize(int v) {
        o.valSize = v;
    }

    @Option(names = {"--test_size", "--test-size"}, defaultValue = "2000",
            description = "Test samples (default: ${DEFAULT-VALUE}).")
    void testSize(int v) {
        o.testSize = v;
    }

    AssociationsOptions options() {
        return o;
    }

    @Override
    public Integer call() {
        AssociationsTask.run(o, System.out);
        return 0;
    }
}
