package org.hmem.task.babi;

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

import org.hmem.task.babi.data.BabiDataException;
import org.hmem.task.babi.data.BabiSample;
import org.hmem.task.babi.data.BabiTaskData;
import org.hmem.task.babi.data.BabiVectors;
import org.hmem.task.train.CheckpointFlags;
import org.hmem.task.train.RunCheckpoint;
import org.hmem.task.train.UserError;

/**
 * {@code hmem babi plot}: builds vocabulary and vectors exactly as training does, runs training sample
 * {@code --example} (before the split) through the model of a checkpoint and writes the figures of spec §10.7.
 * The model and data flags come from the checkpoint; flags given explicitly must agree with them.
 */
public final class BabiPlotTask {

    private BabiPlotTask() {
    }

    /**
     * @param explicit model/data flags given on the command line (reference names); the others come from the
     *                 checkpoint
     */
    public static List<Path> run(BabiOptions o, Path checkpoint, boolean checkParams,
                                 Map<String, JsonElement> explicit, Path outDir, PrintStream out) {
        RunCheckpoint.Loaded ckpt = null;
        if (checkpoint != null) {
            ckpt = RunCheckpoint.load(checkpoint);
            if (!BabiTask.TASK.equals(ckpt.task())) {
                throw new UserError(checkpoint + " is a checkpoint of task '" + ckpt.task() + "'");
            }
            out.printf(Locale.ROOT, "=> checkpoint %s: best val acc %s%%%n", checkpoint,
                    ckpt.metadata().get("best_acc"));
        }
        CheckpointFlags.apply(ckpt == null ? null : ckpt.params(), BabiOptions.MODEL_FLAGS, explicit,
                checkParams, Set.of(), checkpoint, o::setModelFlag);
        int task = o.taskNumber();
        BabiTaskData data;
        try {
            data = BabiTaskData.load(o.dataDir(), o.dataOptions(task));
        } catch (BabiDataException e) {
            throw new UserError(e.getMessage(), e);
        }
        out.println(data.summary().format());
        out.println("vocabulary (" + data.vocabulary().size() + "): " + data.vocabulary().words());
        BabiSample sample;
        try {
            sample = data.trainingSample(o.example);
        } catch (BabiDataException e) {
            throw new UserError(e.getMessage(), e);
        }
        out.println("story: " + sample.story());
        out.println("question: " + sample.question() + "  answer: " + sample.answer());
        BabiVectors one = data.train().subset(new int[] {o.example});
        BabiModel model = new BabiModel(o.modelConfig(data), 0);
        model.initialize(new SplittableRandom(o.common.seed != null ? o.common.seed : 0));
        if (ckpt != null) {
            RunCheckpoint.loadModel(ckpt, model);
        }
        try {
            List<Path> files = BabiPlots.write(model, one, outDir, out);
            for (Path f : files) {
                out.println("=> wrote " + f);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figures to " + outDir + ": " + e.getMessage(), e);
        }
    }


}
