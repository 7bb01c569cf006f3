package org.hmem.task.crossmodal.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hmem.engine.io.AtomicFiles;

import org.hmem.task.data.CacheFile;

/**
 * Loads a preprocessed FSDD split: from the cache when it provably matches the recordings and settings
 * ({@link FsddSplitCache}), otherwise by reading and preprocessing every recording of the split once (writing the
 * cache for next time). A cache that cannot be written costs speed, not the run. What happened, and the one-time
 * cost, is printed to the log stream.
 */
public final class FsddSplits {

    private FsddSplits() {
    }

    /**
     * The recordings of {@code split} in {@code folder}, sorted by file name.
     *
     * @throws CrossModalDataException if the folder cannot be listed, a {@code *_*_*.wav} name is malformed, or the
     *     split has no recordings
     */
    public static List<Path> recordings(Path folder, CrossModalSplit split) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, FsddRecordingName.GLOB)) {
            for (Path file : s) {
                FsddRecordingName name = FsddRecordingName.parse(file.getFileName().toString());
                if (CrossModalSplit.ofRecording(name.index()) == split) {
                    files.add(file);
                }
            }
        } catch (IOException e) {
            throw new CrossModalDataException("cannot list the FSDD recordings in " + folder + ": " + e.getMessage(),
                    e);
        }
        if (files.isEmpty()) {
            throw new CrossModalDataException("FSDD: no recordings of the " + split.id() + " split (recording index "
                    + (split == CrossModalSplit.TEST ? "< " : ">= ") + CrossModalSplit.FSDD_TEST_RECORDINGS + ") in "
                    + folder + "; expected the 3000 files of " + CrossModalFiles.FSDD_URL + " tag "
                    + CrossModalFiles.FSDD_TAG);
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return files;
    }

    /**
     * Loads {@code split}.
     *
     * @param folder the recordings ({@link CrossModalFiles#fsddRecordings})
     * @param cacheDir where the cache files live (created when missing); {@code null} for no caching
     * @param log where the progress line and any cache problem are printed
     * @throws CrossModalDataException if a recording is missing, malformed or too short
     */
    public static FsddSplit load(Path folder, CrossModalSplit split, Mfcc mfcc, Path cacheDir, PrintStream log) {
        List<Path> files = recordings(folder, split);
        if (cacheDir == null) {
            return build(files, split, mfcc, log, "no cache directory");
        }
        Path file = FsddSplitCache.file(cacheDir, split, mfcc);
        byte[] key = FsddSplitCache.key(files, split, mfcc);
        long start = System.nanoTime();
        String why;
        try {
            FsddSplit cached = FsddSplitCache.read(file, split, mfcc, key);
            log.printf(Locale.ROOT, "FSDD %s: %d recordings read from the cache %s in %.2f s%n", split.id(),
                    cached.size(), file, seconds(start));
            return cached;
        } catch (CacheFile.Unusable e) {
            why = e.getMessage();
        }
        FsddSplit data = build(files, split, mfcc, log, why);
        try {
            FsddSplitCache.write(file, key, data);
            log.println("FSDD " + split.id() + ": cache written to " + file);
        } catch (IOException e) {
            log.println("FSDD " + split.id() + ": could not write the cache " + file + ": " + AtomicFiles.reason(e)
                    + " (the next run preprocesses again)");
        }
        return data;
    }

    /** Reads and preprocesses every recording: the one-time cost the cache saves. */
    static FsddSplit build(List<Path> files, CrossModalSplit split, Mfcc mfcc, PrintStream log, String why) {
        log.printf(Locale.ROOT, "FSDD %s: preprocessing %d recordings into %d x %d MFCC images (%s) ...%n",
                split.id(), files.size(), mfcc.timeSamples(), mfcc.numMfcc(), why);
        long start = System.nanoTime();
        String[] names = new String[files.size()];
        byte[] labels = new byte[files.size()];
        float[] images = new float[Math.multiplyExact(files.size(), mfcc.imageSize())];
        for (int i = 0; i < names.length; i++) {
            Path file = files.get(i);
            names[i] = file.getFileName().toString();
            labels[i] = (byte) FsddRecordingName.parse(names[i]).digit();
            mfcc.preprocess(WavReader.read(file), file.toString(), images, i * mfcc.imageSize());
        }
        log.printf(Locale.ROOT, "FSDD %s: %d recordings preprocessed in %.1f s%n", split.id(), names.length,
                seconds(start));
        return new FsddSplit(split, mfcc.numMfcc(), mfcc.timeSamples(), names, labels, images);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
