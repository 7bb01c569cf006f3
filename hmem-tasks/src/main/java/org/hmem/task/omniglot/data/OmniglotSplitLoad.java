package org.hmem.task.omniglot.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A loaded split and how it was obtained, so that the task can say in its log whether the slow path ran and why.
 *
 * @param split the data
 * @param source where it came from
 * @param cacheFile the cache file read or written; {@code null} without a cache directory
 * @param millis wall-clock time of the whole load, reading the split file included
 * @param note why the cache was not used or could not be written; empty when it was read
 */
public record OmniglotSplitLoad(OmniglotSplit split, Source source, Path cacheFile, long millis, String note) {

    /** Where a loaded split came from. */
    public enum Source {
        /** Read from the cache file. */
        CACHE,
        /** Decoded and preprocessed from the zips. */
        ZIPS
    }

    public OmniglotSplitLoad {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(note, "note");
    }

    /** One line for the log, e.g. {@code val: 688 classes, 13760 items, read from the cache ... in 0.1 s}. */
    public String describe() {
        String how = source == Source.CACHE ? "read from the cache " + cacheFile : "built from the zips";
        return String.format(Locale.ROOT, "%s: %d classes, %d items, %s in %.1f s%s", split.name().id(),
                split.numClasses(), split.numItems(), how, millis / 1000.0, note.isEmpty() ? "" : " (" + note + ")");
    }
}
