package org.hmem.task.crossmodal.pretrain;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

import org.hmem.task.crossmodal.CrossModalFlags;
import org.hmem.task.crossmodal.data.CrossModalFiles;
import org.hmem.task.crossmodal.data.CrossModalSplit;
import org.hmem.task.crossmodal.data.FsddSplits;
import org.hmem.task.crossmodal.data.LabelledImages;
import org.hmem.task.crossmodal.data.Mfcc;
import org.hmem.task.crossmodal.data.MnistImages;
import org.hmem.task.flags.FlagValues;

/**
 * The data of one modality: the official training set (split into training and validation by the run), the
 * official test set, and the images' shape: MNIST 28 × 28, FSDD MFCC {@code num_mfcc_time_samples × num_mfcc} (time
 * × coefficient, as the cross-modal model feeds its CNN).
 */
public record DigitData(Modality modality, LabelledImages train, LabelledImages test, int height, int width) {

    public DigitData {
        for (LabelledImages set : new LabelledImages[] {train, test}) {
            if (set.imageSize() != height * width) {
                throw new IllegalArgumentException(set.imageSize() + " floats per image, not " + height + "x"
                        + width);
            }
        }
    }

    /** The input shape that {@code v} asks for (the flags' ranges keep MFCC images poolable to 1 × 1). */
    public static int[] shape(Modality m, FlagValues v) {
        if (m == Modality.IMAGE) {
            return new int[] {MnistImages.SIDE, MnistImages.SIDE};
        }
        return new int[] {v.get(CrossModalFlags.NUM_MFCC_TIME_SAMPLES), v.get(CrossModalFlags.NUM_MFCC)};
    }

    /** Loads both sets of modality {@code m} from {@code --dir}; FSDD through the MFCC cache in --cache_dir. */
    public static DigitData load(Modality m, FlagValues v, PrintStream out) {
        return load(m, v, true, out);
    }

    /**
     * Loads the test set alone (the training set is empty), which is all {@code --evaluate} needs: for FSDD it
     * spares preprocessing the 2700 training recordings when they are not cached yet.
     */
    public static DigitData loadTestSet(Modality m, FlagValues v, PrintStream out) {
        return load(m, v, false, out);
    }

    private static DigitData load(Modality m, FlagValues v, boolean withTrain, PrintStream out) {
        int[] shape = shape(m, v);
        Path dir = v.path(CrossModalFlags.DIR);
        long start = System.nanoTime();
        LabelledImages train = null;
        LabelledImages test;
        if (m == Modality.IMAGE) {
            Path folder = CrossModalFiles.mnistFolder(dir);
            if (withTrain) {
                train = MnistImages.load(folder, CrossModalSplit.TRAIN);
            }
            test = MnistImages.load(folder, CrossModalSplit.TEST);
        } else {
            Path folder = CrossModalFiles.fsddRecordings(dir);
            Mfcc mfcc = new Mfcc(shape[1], shape[0]);
            Path cache = v.path(CrossModalFlags.CACHE_DIR);
            if (withTrain) {
                train = FsddSplits.load(folder, CrossModalSplit.TRAIN, mfcc, cache, out);
            }
            test = FsddSplits.load(folder, CrossModalSplit.TEST, mfcc, cache, out);
        }
        if (train == null) {
            train = ImageSubset.first(test, 0);
        }
        out.printf(Locale.ROOT, "=> %s: %d training and %d test images of %d x %d (%.1f s)%n", m.description(),
                train.size(), test.size(), shape[0], shape[1], (System.nanoTime() - start) / 1e9);
        return new DigitData(m, train, test, shape[0], shape[1]);
    }
}
