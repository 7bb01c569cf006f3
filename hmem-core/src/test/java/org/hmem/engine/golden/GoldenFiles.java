package org.hmem.engine.golden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the reference's golden files are: {@code -Dhmem.golden=DIR}, else {@code $HMEM_GOLDEN}, else
 * {@code ../shared/golden} relative to the repository root (the parent pom passes the root as {@code hmem.repoRoot}).
 */
public final class GoldenFiles {

    private GoldenFiles() {
    }

    /**
     * The repository root: the first folder holding {@code hmem-core}, searching upwards from {@code hmem.repoRoot}
     * (set by the parent pom; a module folder when Maven runs inside one) or else the working directory.
     */
    public static Path repoRoot() {
        String root = System.getProperty("hmem.repoRoot");
        Path start = (root != null && !root.isBlank() ? Path.of(root) : Path.of("")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("hmem-core"))) {
                return dir;
            }
        }
        return start;
    }

    /** The shared folder next to the repository ({@code <root>/../shared}). */
    public static Path shared() {
        return repoRoot().resolve("../shared").normalize();
    }

    public static Path directory() {
        String prop = System.getProperty("hmem.golden");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("HMEM_GOLDEN");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return shared().resolve("golden");
    }

    /**
     * The task folders whose cases the suite checks, besides the top level: each task's issue adds its folder when
     * its checks exist ({@code rl/} is not discovered yet).
     */
    public static final List<String> TASK_FOLDERS = List.of("omniglot", "cross_modal", "rl");

    /**
     * Every {@code *.json} in the golden folder and in its {@link #TASK_FOLDERS}, sorted by path; fails if the
     * folder is missing or empty, or a task folder is missing.
     */
    public static List<Path> all() throws IOException {
        Path dir = directory();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("golden folder not found: " + dir.toAbsolutePath()
                    + " (set HMEM_GOLDEN or -Dhmem.golden)");
        }
        List<Path> files = new ArrayList<>(jsonFiles(dir));
        if (files.isEmpty()) {
            throw new IllegalStateException("no golden *.json files in " + dir.toAbsolutePath());
        }
        for (String folder : TASK_FOLDERS) {
            Path sub = dir.resolve(folder);
            if (!Files.isDirectory(sub)) {
                throw new IllegalStateException("golden task folder not found: " + sub.toAbsolutePath());
            }
            files.addAll(jsonFiles(sub));
        }
        return files;
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    /** A file's name relative to the golden folder, e.g. {@code omniglot/conv2d_maxpool_bias_6x6.json}. */
    public static String displayName(Path file) {
        Path rel = directory().toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        return rel.toString().replace('\\', '/');
    }
}
