package org.hmem.task.train;

import java.net.InetAddress;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.hmem.engine.io.HmemVersion;

/** File names of a run, as the reference builds them: {@code <time_stamp>_<hostname>_version-<v>-<suffix>}. */
public final class RunNames {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMMdd_HH-mm-ss", Locale.ROOT);

    private RunNames() {
    }

    /** Now, formatted like Python's {@code %b%d_%H-%M-%S} (e.g. {@code Jan20_14-45-13}). */
    public static String timeStampNow() {
        return LocalDateTime.now().format(STAMP);
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
