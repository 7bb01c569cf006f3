package org.hmem.task.train;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.hmem.engine.io.HmemVersion;

/** File names of a run, as the reference builds them: {@code <time_stamp>_<hostname>_version-<v>-<suffix>}. */
public final class RunNames {

    /** The file-name ending of a run's checkpoint after its last epoch. */
    public static final String LAST_SUFFIX = ".safetensors";
    /** The file-name ending of a run's checkpoint of its best epoch. */
    public static final String BEST_SUFFIX = "_best.safetensors";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMMdd_HH-mm-ss", Locale.ROOT);

    private RunNames() {
    }

    /** Now, formatted like Python's {@code %b%d_%H-%M-%S} (e.g. {@code Jan20_14-45-13}). */
    public static String timeStampNow() {
        return LocalDateTime.now().format(STAMP);
    }

    /**
     * The time stamp of a new run: now, plus a random run id, so that runs started in the same second never share
     * file names (e.g. {@code Jan20_14-45-13-3fa2}); drawn again while {@code dir} holds files of that name.
     */
    public static String newStamp(Path dir, String suffix) {
        while (true) {
            String stamp = timeStampNow() + "-" + String.format(Locale.ROOT, "%04x",
                    ThreadLocalRandom.current().nextInt(1 << 16));
            String base = base(stamp, suffix);
            if (!Files.exists(dir.resolve(base + LAST_SUFFIX)) && !Files.exists(dir.resolve(base + BEST_SUFFIX))) {
                return stamp;
            }
        }
    }

    public static String base(String timeStamp, String suffix) {
        return timeStamp + "_" + hostname() + "_version-" + HmemVersion.current() + "-" + suffix;
    }

    static String hostname() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                h = "localhost";
            }
        }
        return h.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
