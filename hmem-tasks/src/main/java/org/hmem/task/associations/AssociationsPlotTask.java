package org.hmem.task.associations;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import com.google.gson.JsonElement;

import org.hmem.task.train.CheckpointFlags;
import org.hmem.task.train.RunCheckpoint;
import org.hmem.task.train.UserError;

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

    /**
     * @param checkpoint checkpoint to plot, or null for an untrained model
     * @param explicit model flags given on the command line (reference names), possibly empty
     */
    public static List<Path> run(Path checkpoint, boolean checkParams, Map<String, JsonElement> explicit,
                                 long datasetSeed, Long seed, Path outDir, PrintStream out) {
        AssociationsOptions o = new AssociationsOptions();
        RunCheckpoint.Loaded ckpt = null;
        if (checkpoint != null) {
            ckpt = RunCheckpoint.load(checkpoint);
            if (!ckpt.task().startsWith(AssociationsTask.TASK)) {
                throw new UserError(checkpoint + " is a checkpoint of task '" + ckpt.task() + "'");
            }
            out.printf(Locale.ROOT, "=> checkpoint %s: best val acc %s%%, next epoch %s%n", checkpoint,
                    ckpt.metadata().get("best_acc"), ckpt.metadata().get("epoch"));
        }
        CheckpointFlags.apply(ckpt == null ? null : ckpt.params(), AssociationsOptions.MODEL_FLAGS, explicit,
                checkParams, Set.of("sequence_length"), checkpoint, o::setModelFlag);
        if (o.sequenceLength > o.numClasses) {
            throw new UserError("--sequence_length (" + o.sequenceLength + ") must not exceed --num_classes ("
                    + o.numClasses + ")");
        }
        AssociationsBatch one = new AssociationsData(o.sequenceLength, o.featureSize, o.numClasses).fixed(1,
                datasetSeed);
        SplittableRandom rng = new SplittableRandom(seed != null ? seed : 0);
        try {
            List<Path> files;
            if (o.spiking()) {
                AssociationsModel model = new AssociationsModel(o.modelConfig(), 0);
                model.initialize(rng);
                if (ckpt != null) {
                    RunCheckpoint.loadModel(ckpt, model);
                }
                files = AssociationsPlots.spiking(model, one, outDir, out);
            } else {
                AssociationsModelRelu model = new AssociationsModelRelu(o.modelConfig());
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
