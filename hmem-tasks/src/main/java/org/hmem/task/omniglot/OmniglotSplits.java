package org.hmem.task.omniglot;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.hmem.task.flags.UserError;
import org.hmem.task.omniglot.data.OmniglotDataException;
import org.hmem.task.omniglot.data.OmniglotFiles;
import org.hmem.task.omniglot.data.OmniglotSplit;
import org.hmem.task.omniglot.data.OmniglotSplitLoad;
import org.hmem.task.omniglot.data.OmniglotSplitLoader;
import org.hmem.task.omniglot.data.OmniglotSplitName;

/**
 * The Omniglot splits of a data folder for a command: the data are located on first use and each split is loaded
 * on first use (from the processed cache when it matches), so a command that fails earlier, or never needs a split,
 * does not read it. Missing or unreadable data are a {@link UserError} naming what is missing where.
 */
public final class OmniglotSplits {

    private final Path dir;
    private final Path cacheDir;
    private final PrintStream out;
    private final Map<OmniglotSplitName, OmniglotSplit> loaded = new EnumMap<>(OmniglotSplitName.class);
    private OmniglotFiles files;

    /** @param cacheDir where processed splits are cached, or null for none */
    public OmniglotSplits(Path dir, Path cacheDir, PrintStream out) {
        this.dir = dir;
        this.cacheDir = cacheDir;
        this.out = out;
    }

    /** The data files (located now if not yet). */
    public synchronized OmniglotFiles files() {
        if (files == null) {
            try {
                files = OmniglotFiles.locate(dir);
            } catch (OmniglotDataException e) {
                throw new UserError(e.getMessage(), e);
            }
        }
        return files;
    }

    public synchronized OmniglotSplit get(OmniglotSplitName name) {
        OmniglotSplit split = loaded.get(name);
        if (split == null) {
            try {
                OmniglotSplitLoad load = OmniglotSplitLoader.load(files(), name, cacheDir);
                out.println("=> " + load.describe());
                split = load.split();
            } catch (OmniglotDataException e) {
                throw new UserError(e.getMessage(), e);
            }
            loaded.put(name, split);
        }
        return split;
    }
}
