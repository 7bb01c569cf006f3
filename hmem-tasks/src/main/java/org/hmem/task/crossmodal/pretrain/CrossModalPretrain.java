package org.hmem.task.crossmodal.pretrain;

import java.io.PrintStream;
import java.nio.file.Path;

import org.hmem.engine.conv.SampleRunner;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.crossmodal.CrossModalFlags;
import org.hmem.task.crossmodal.DigitClassifier;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.model.PretrainedFiles;
import org.hmem.task.train.MemoryBudget;
import org.hmem.task.train.TrainingFlags;

/**
 * {@code hmem cross-modal pretrain} end to end: check the flags, then either train a digit classifier
 * ({@link DigitClassifierTraining}) or, with {@code --evaluate}, test one on the official test set.
 */
public final class CrossModalPretrain {

    /**
     * Bytes one input pixel of a training batch takes in the network's record (activations of all four blocks and
     * the gradients of the largest, with batch norm): about 1 MB per 28 × 28 image. Evaluation needs less.
     */
    private static final long TRAINING_BYTES_PER_PIXEL = 1_300;

    private CrossModalPretrain() {
    }

    /** Runs the command with the flags the user gave; the data come from {@code --dir}. */
    public static void run(FlagValues v, PrintStream out) {
        Modality m = validate(v, out);
        if (v.get(DigitClassifierFlags.EVALUATE)) {
            DigitClassifierCheckpoint.Loaded loaded = checkpointToEvaluate(v, m, out);
            evaluate(v, loaded.model(), DigitData.loadTestSet(m, v, out), out);
        } else {
            DigitClassifier model = modelToTrain(v, m, out);
            train(v, model, DigitData.load(m, v, out), out);
        }
    }

    /** Trains with {@code v} on {@code data} (tests hand in data loaded once). */
    public static DigitClassifierTraining.Result train(FlagValues v, DigitData data, PrintStream out) {
        Modality m = checkData(v, data, out);
        return train(v, modelToTrain(v, m, out), data, out);
    }

    /**
     * {@code --evaluate}: the test scores of the classifier of {@code --checkpoint_path} (or {@code --resume}, else
     * the shipped one) on {@code data}'s test set. The file is read first and decides about batch norm.
     */
    public static Scores evaluate(FlagValues v, DigitData data, PrintStream out) {
        Modality m = checkData(v, data, out);
        return evaluate(v, checkpointToEvaluate(v, m, out).model(), data, out);
    }

    private static DigitClassifierTraining.Result train(FlagValues v, DigitClassifier model, DigitData data,
                                                        PrintStream out) {
        try (BatchParallel par = new BatchParallel(v.get(TrainingFlags.THREADS))) {
            return new DigitClassifierTraining(v, data, model, SampleRunner.of(par), out).run();
        }
    }

    private static Scores evaluate(FlagValues v, DigitClassifier model, DigitData data, PrintStream out) {
        try (BatchParallel par = new BatchParallel(v.get(TrainingFlags.THREADS))) {
            DigitBatches batches = new DigitBatches(model, SampleRunner.of(par));
            return DigitClassifierTraining.test(batches, data, v.get(DigitClassifierFlags.BATCH_SIZE), "checkpoint",
                    out);
        }
    }

    /** A fresh network from {@code --seed}, or the weights of {@code --resume} (which must match the flags). */
    private static DigitClassifier modelToTrain(FlagValues v, Modality m, PrintStream out) {
        int[] shape = DigitData.shape(m, v);
        boolean batchNorm = v.get(DigitClassifierFlags.USE_BATCH_NORM);
        String resume = v.get(DigitClassifierFlags.RESUME);
        if (resume.isBlank()) {
            return new DigitClassifier(batchNorm, shape[0], shape[1])
                    .initialise(DigitClassifierTraining.initialSeed(v.get(DigitClassifierFlags.SEED)));
        }
        Path file = Path.of(resume);
        DigitClassifierCheckpoint.Loaded loaded = DigitClassifierCheckpoint.read(file, m, shape[0], shape[1]);
        if (loaded.model().useBatchNorm() != batchNorm) {
            throw new UserError("--resume " + file + (loaded.model().useBatchNorm()
                    ? " has batch norm: add --use_batch_norm" : " has no batch norm: leave out --use_batch_norm"));
        }
        out.println("=> resuming from the weights of " + file + epochText(loaded) + "; training starts at epoch "
                + v.get(DigitClassifierFlags.START_EPOCH) + " with a fresh optimiser");
        return loaded.model();
    }

    /** The classifier to test: --checkpoint_path, else --resume, else the shipped file of the modality. */
    private static DigitClassifierCheckpoint.Loaded checkpointToEvaluate(FlagValues v, Modality m, PrintStream out) {
        String path = v.get(DigitClassifierFlags.CHECKPOINT_PATH);
        String resume = v.get(DigitClassifierFlags.RESUME);
        String flag = "--checkpoint_path";
        if (!path.isBlank() && !resume.isBlank() && !Path.of(path).equals(Path.of(resume))) {
            throw new UserError("--evaluate tests one classifier: give --checkpoint_path or --resume, not two files");
        }
        if (path.isBlank() && !resume.isBlank()) {
            path = resume;
            flag = "--resume";
        }
        Path file = PretrainedFiles.find(flag, path, m.shippedFile(), v.path(CrossModalFlags.DIR),
                "or train one with 'hmem cross-modal pretrain --modality " + m.id() + "'");
        int[] shape = DigitData.shape(m, v);
        DigitClassifierCheckpoint.Loaded loaded = DigitClassifierCheckpoint.read(file, m, shape[0], shape[1]);
        out.println("=> loaded checkpoint " + file + epochText(loaded) + ": " + m.description() + ", batch norm "
                + (loaded.model().useBatchNorm() ? "on" : "off"));
        if (v.isGiven(DigitClassifierFlags.USE_BATCH_NORM) && !loaded.model().useBatchNorm()) {
            out.println("note: --use_batch_norm has no effect with --evaluate; this checkpoint has no batch norm");
        }
        return loaded;
    }

    private static String epochText(DigitClassifierCheckpoint.Loaded loaded) {
        String epoch = loaded.metadata().get("epoch");
        return epoch != null ? " (epoch " + epoch + ")" : "";
    }

    private static Modality checkData(FlagValues v, DigitData data, PrintStream out) {
        Modality m = validate(v, out);
        int[] shape = DigitData.shape(m, v);
        if (data.modality() != m || data.height() != shape[0] || data.width() != shape[1]) {
            throw new IllegalArgumentException("data of " + data.modality() + " " + data.height() + "x"
                    + data.width() + " for a run of " + m + " " + shape[0] + "x" + shape[1]);
        }
        return m;
    }

    /** Checks the flags; returns the modality. */
    static Modality validate(FlagValues v, PrintStream out) {
        v.validate();
        Modality m = DigitClassifierFlags.modality(v);
        int[] shape = DigitData.shape(m, v);
        if (v.get(DigitClassifierFlags.LOGGING)) {
            out.println("note: --logging has no effect; the progress is printed here");
        }
        MemoryBudget.requireHeap("a training batch's activations", (long) v.get(DigitClassifierFlags.BATCH_SIZE)
                * shape[0] * shape[1] * TRAINING_BYTES_PER_PIXEL, "--batch_size");
        return m;
    }
}
