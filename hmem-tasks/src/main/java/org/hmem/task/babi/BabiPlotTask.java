package org.hmem.task.babi;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.hmem.task.babi.data.BabiDataException;
import org.hmem.task.babi.data.BabiSample;
import org.hmem.task.babi.data.BabiTaskData;
import org.hmem.task.babi.data.BabiVectors;
import org.hmem.task.flags.FlagRole;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.train.RunCheckpoint;
import org.hmem.task.train.TrainingFlags;

/**
 * {@code hmem babi plot}: builds vocabulary and vectors exactly as training does, runs training sample
 * {@code --example} (before the split) through the model of a checkpoint and writes the figures of spec §10.7.
 * The model and data flags come from the checkpoint; flags given explicitly must agree with them.
 */
public final class BabiPlotTask {

    private BabiPlotTask() {
    }

    /** Plots with the flags the user gave ({@link BabiFlags#PLOT}); a checkpoint supplies model and data flags. */
    public static List<Path> run(FlagValues given, PrintStream out) {
        RunCheckpoint.Loaded ckpt = RunCheckpoint.forPlot(given.get(BabiFlags.CHECKPOINT), BabiTask.TASK, out);
        FlagValues v = ckpt == null ? given : given.continuing(ckpt.params(), ckpt.file(), Set.of(FlagRole.MODEL),
                Set.of(), given.get(BabiFlags.CHECK_PARAMS) != 0);
        v.validate();
        int task = BabiFlags.taskNumber(v);
        BabiTaskData data;
        try {
            data = BabiTaskData.load(BabiFlags.dataDir(v), BabiFlags.dataOptions(v, task));
        } catch (BabiDataException e) {
            throw new UserError(e.getMessage(), e);
        }
        out.println(data.summary().format());
        out.println("vocabulary (" + data.vocabulary().size() + "): " + data.vocabulary().words());
        int example = v.get(BabiFlags.EXAMPLE);
        BabiSample sample;
        try {
            sample = data.trainingSample(example);
        } catch (BabiDataException e) {
            throw new UserError(e.getMessage(), e);
        }
        out.println("story: " + sample.story());
        out.println("question: " + sample.question() + "  answer: " + sample.answer());
        BabiVectors one = data.train().subset(new int[] {example});
        BabiModel model = new BabiModel(BabiFlags.modelConfig(v, data), 0);
        Long seed = v.get(TrainingFlags.SEED);
        model.initialize(new SplittableRandom(seed != null ? seed : 0));
        if (ckpt != null) {
            RunCheckpoint.loadModel(ckpt, model);
        }
        Path outDir = v.path(BabiFlags.OUT);
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
