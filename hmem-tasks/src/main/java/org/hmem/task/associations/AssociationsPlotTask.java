package org.hmem.task.associations;

import static org.hmem.task.associations.AssociationsFlags.FEATURE_SIZE;
import static org.hmem.task.associations.AssociationsFlags.NUM_CLASSES;
import static org.hmem.task.associations.AssociationsFlags.SEQUENCE_LENGTH;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.hmem.task.flags.FlagRole;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.train.RunCheckpoint;
import org.hmem.task.train.TrainingFlags;

/**
 * {@code hmem associations plot}: builds the model of a checkpoint (or a fresh one), runs sample 0 of a data set of
 * size 1 from {@code dataset_seed} and writes the reference's figures as PNGs.
 *
 * <p>The model is defined by the checkpoint's stored flags; flags given on the command line must agree with them
 * (the reference's plot check, spec §10), except {@code sequence_length}, which may differ to look at
 * out-of-distribution lengths.
 */
public final class AssociationsPlotTask {

    private AssociationsPlotTask() {
    }

    /** Plots with the flags the user gave ({@link AssociationsFlags#PLOT}); a checkpoint supplies the model. */
    public static List<Path> run(FlagValues given, PrintStream out) {
        RunCheckpoint.Loaded ckpt = RunCheckpoint.forPlot(given.get(AssociationsFlags.CHECKPOINT),
                AssociationsTask.TASK, out);
        FlagValues v = ckpt == null ? given : given.continuing(ckpt.params(), ckpt.file(), Set.of(FlagRole.MODEL),
                Set.of(SEQUENCE_LENGTH.name()), given.get(AssociationsFlags.CHECK_PARAMS) != 0);
        v.validate();
        if (v.get(SEQUENCE_LENGTH) > v.get(NUM_CLASSES)) {
            throw new UserError("--sequence_length (" + v.get(SEQUENCE_LENGTH) + ") must not exceed --num_classes ("
                    + v.get(NUM_CLASSES) + ")");
        }
        AssociationsBatch one = new AssociationsData(v.get(SEQUENCE_LENGTH), v.get(FEATURE_SIZE), v.get(NUM_CLASSES))
                .fixed(1, v.get(AssociationsFlags.DATASET_SEED));
        Long seed = v.get(TrainingFlags.SEED);
        SplittableRandom rng = new SplittableRandom(seed != null ? seed : 0);
        Path outDir = v.path(AssociationsFlags.OUT);
        try {
            List<Path> files;
            if (AssociationsFlags.spiking(v)) {
                AssociationsModel model = new AssociationsModel(AssociationsFlags.modelConfig(v), 0);
                model.initialize(rng);
                if (ckpt != null) {
                    RunCheckpoint.loadModel(ckpt, model);
                }
                files = AssociationsPlots.spiking(model, one, outDir, out);
            } else {
                AssociationsModelRelu model = new AssociationsModelRelu(AssociationsFlags.modelConfig(v));
                model.initialize(rng);
                if (ckpt != null) {
                    RunCheckpoint.loadModel(ckpt, model);
                }
                files = AssociationsPlots.relu(model, one, outDir);
            }
            for (Path f : files) {
                out.println("=> wrote " + f);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figures to " + outDir + ": " + e.getMessage(), e);
        }
    }
}
