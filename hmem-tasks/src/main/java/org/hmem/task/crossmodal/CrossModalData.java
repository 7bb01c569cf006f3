package org.hmem.task.crossmodal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.hmem.task.crossmodal.data.CrossModalFiles;
import org.hmem.task.crossmodal.data.CrossModalSplit;
import org.hmem.task.crossmodal.data.FsddSplit;
import org.hmem.task.crossmodal.data.FsddSplits;
import org.hmem.task.crossmodal.data.Mfcc;
import org.hmem.task.crossmodal.data.MnistImages;

/**
 * The recordings and images of a run, each split loaded on first use (so {@code --evaluate} never reads the training
 * split): FSDD MFCC images (from the MFCC cache when it is current) and MNIST. The data folders are located when the
 * object is made, so a missing download is reported before any work.
 */
public final class CrossModalData {

    private final Path fsdd;
    private final Path mnist;
    private final Path cacheDir;
    private final Mfcc mfcc;
    private final PrintStream out;
    private final Map<CrossModalSplit, FsddSplit> audio = new EnumMap<>(CrossModalSplit.class);
    private final Map<CrossModalSplit, MnistImages> images = new EnumMap<>(CrossModalSplit.class);

    public CrossModalData(Path dir, Path cacheDir, int numMfcc, int timeSamples, PrintStream out) {
        this.fsdd = CrossModalFiles.fsddRecordings(dir);
        this.mnist = CrossModalFiles.mnistFolder(dir);
        this.cacheDir = cacheDir;
        this.mfcc = new Mfcc(numMfcc, timeSamples);
        this.out = out;
    }

    public synchronized FsddSplit audio(CrossModalSplit split) {
        return audio.computeIfAbsent(split, s -> FsddSplits.load(fsdd, s, mfcc, cacheDir, out));
    }

    public synchronized MnistImages images(CrossModalSplit split) {
        return images.computeIfAbsent(split, s -> {
            long start = System.nanoTime();
            MnistImages m = MnistImages.load(mnist, s);
            out.printf(java.util.Locale.ROOT, "MNIST %s: %d images in %.2f s%n", s.id(), m.size(),
                    (System.nanoTime() - start) / 1e9);
            return m;
        });
    }
}
