package org.hmem.task.omniglot.data;

import java.io.IOException;
import java.nio.file.Path;
import org.hmem.engine.io.AtomicFiles;
import org.hmem.task.data.CacheFile;

/**
 * Loads a processed split, from the cache when it provably matches the inputs, otherwise from the zips (writing the
 * cache for next time). A cache that cannot be written costs speed, not the run: the split is returned and the
 * reason is in {@link OmniglotSplitLoad#note()}.
 */
public final class OmniglotSplitLoader {

    private OmniglotSplitLoader() {
    }

    /**
     * Loads {@code split}.
     *
     * @param cacheDir where the cache files live ({@code results/cache/omniglot} or {@code $HMEM_CACHE_DIR}; created
     *     when missing); {@code null} for no caching
     * @throws OmniglotDataException if the split file or the zips cannot be read or do not fit together
     */
    public static OmniglotSplitLoad load(OmniglotFiles files, OmniglotSplitName split, Path cacheDir) {
        long start = System.nanoTime();
        OmniglotSplitFile splitFile = OmniglotSplitFile.read(files.splitFile(split));
        if (cacheDir == null) {
            OmniglotSplit data = OmniglotSplitBuilder.build(files, split, splitFile);
            return new OmniglotSplitLoad(data, OmniglotSplitLoad.Source.ZIPS, null, millisSince(start),
                    "no cache directory");
        }
        Path file = OmniglotSplitCache.file(cacheDir, split);
        byte[] key = OmniglotSplitCache.key(files, split, splitFile);
        String why;
        try {
            OmniglotSplit cached = OmniglotSplitCache.read(file, split, key);
            return new OmniglotSplitLoad(cached, OmniglotSplitLoad.Source.CACHE, file, millisSince(start), "");
        } catch (CacheFile.Unusable e) {
            why = e.getMessage();
        }
        OmniglotSplit data = OmniglotSplitBuilder.build(files, split, splitFile);
        try {
            OmniglotSplitCache.write(file, key, data);
            why += "; written to " + file;
        } catch (IOException e) {
            why += "; could not write " + file + ": " + AtomicFiles.reason(e);
        }
        return new OmniglotSplitLoad(data, OmniglotSplitLoad.Source.ZIPS, file, millisSince(start), why);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
