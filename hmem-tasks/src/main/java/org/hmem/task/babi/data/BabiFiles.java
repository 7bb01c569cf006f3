package org.hmem.task.babi.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the train and test file of a bAbI task under a data directory.
 *
 * <p>People keep the dataset in different shapes, so these places are tried in order, and the first one that holds
 * <em>both</em> files of the task wins (a half-complete copy does not shadow a complete one further down):
 * <ol>
 * <li>{@code <dir>/tasks_1-20_v1-2/<en|en-10k>/}</li>
 * <li>{@code <dir>/<en|en-10k>/}</li>
 * <li>{@code <dir>/BABIDataset/tasks_1-20_v1-2/<en|en-10k>/} (where the reference implementation unpacks it)</li>
 * <li>the official tarball, read without unpacking: {@code <dir>/tasks_1-20_v1-2.tar.gz},
 * {@code <dir>/babi_tasks_1-20_v1-2.tar.gz}, {@code <dir>/BABIDataset/babi_tasks_1-20_v1-2.tar.gz}</li>
 * </ol>
 * Within a place the file is the first, in name order, matching {@code qa{task}_*_{train|test}.txt}.
 *
 * <p>If no place has both files, a {@link BabiDataException} names the exact missing file(s), every place searched
 * and what was found there, where the dataset is published, and, for a missing 10k file whose 1k version exists,
 * that {@code --ten_k 0} would work. A missing file is never reported as a parse error.
 */
public final class BabiFiles {

    /** Where the bAbI tasks are published. */
    public static final String DATASET_PAGE = "https://research.facebook.com/downloads/babi/";

    /** The official tarball of bAbI tasks 1-20 v1.2. */
    public static final String TARBALL_URL = "http://www.thespermwhale.com/jaseweston/babi/tasks_1-20_v1-2.tar.gz";

    private static final String ARCHIVE_FOLDER = "tasks_1-20_v1-2";

    private BabiFiles() {
    }

    /**
     * Finds and reads the train and test file of {@code task}.
     *
     * @param dir the data directory (from {@code --dir} or {@code HMEM_BABI_DIR})
     * @param tenK {@code en-10k} if true, else {@code en}
     * @throws BabiDataException if no place holds both files, or a file cannot be read
     * @throws IllegalArgumentException if {@code task} is not 1..20
     */
    public static BabiTaskFiles load(Path dir, int task, boolean tenK) {
        BabiTaskNames.checkTask(task);
        String language = BabiTaskNames.languageFolder(tenK);
        List<Location> locations = locations(dir);
        List<String> searched = new ArrayList<>();
        Map<BabiSplit, Candidate> best = Map.of();
        for (Location location : locations) {
            Map<BabiSplit, Candidate> found = location.find(language, task);
            if (found.size() == BabiSplit.values().length) {
                return new BabiTaskFiles(task, tenK, location.describe(language),
                        found.get(BabiSplit.TRAIN).read(), found.get(BabiSplit.TEST).read());
            }
            searched.add(location.describe(language) + "  (" + location.report(language, task, found) + ")");
            if (found.size() > best.size()) {
                best = found;
            }
        }
        throw new BabiDataException(missingMessage(dir, task, tenK, locations, searched, best.keySet()));
    }

    /** The places searched, in order. */
    static List<Location> locations(Path dir) {
        return List.of(
                new DirectoryLocation(dir.resolve(ARCHIVE_FOLDER)),
                new DirectoryLocation(dir),
                new DirectoryLocation(dir.resolve("BABIDataset").resolve(ARCHIVE_FOLDER)),
                new TarballLocation(dir.resolve(ARCHIVE_FOLDER + ".tar.gz")),
                new TarballLocation(dir.resolve("babi_" + ARCHIVE_FOLDER + ".tar.gz")),
                new TarballLocation(dir.resolve("BABIDataset").resolve("babi_" + ARCHIVE_FOLDER + ".tar.gz")));
    }

    /**
     * @param present the splits found in the most complete place, so that the message names only the files that
     *     are really absent
     */
    private static String missingMessage(Path dir, int task, boolean tenK, List<Location> locations,
            List<String> searched, Set<BabiSplit> present) {
        String language = BabiTaskNames.languageFolder(tenK);
        List<String> missing = new ArrayList<>();
        for (BabiSplit split : BabiSplit.values()) {
            if (!present.contains(split)) {
                missing.add(language + "/" + BabiTaskNames.fileName(task, split));
            }
        }
        StringBuilder msg = new StringBuilder();
        msg.append("bAbI task ").append(task).append(" (").append(BabiTaskNames.name(task)).append(", ")
                .append(tenK ? "10k" : "1k").append(" training questions): missing file")
                .append(missing.size() > 1 ? "s " : " ").append(String.join(" and ", missing)).append('\n');
        if (!Files.isDirectory(dir)) {
            msg.append("The data directory ").append(dir).append(" does not exist.\n");
        }
        msg.append("Searched:\n");
        for (String line : searched) {
            msg.append("  ").append(line).append('\n');
        }
        if (tenK) {
            oneKLocation(locations, task).ifPresent(where -> msg.append("The 1k version of this task is available in ")
                    .append(where).append("; run with --ten_k 0 to use it.\n"));
        }
        msg.append("The bAbI tasks v1.2 are published at ").append(DATASET_PAGE).append(" (tarball ")
                .append(TARBALL_URL).append("); unpack it into ").append(dir)
                .append(" or put the tarball there, or point --dir / HMEM_BABI_DIR at a copy.");
        return msg.toString();
    }

    private static Optional<String> oneKLocation(List<Location> locations, int task) {
        String language = BabiTaskNames.languageFolder(false);
        for (Location location : locations) {
            if (location.find(language, task).size() == BabiSplit.values().length) {
                return Optional.of(location.describe(language));
            }
        }
        return Optional.empty();
    }

    private static List<String> lines(byte[] content) {
        return new String(content, StandardCharsets.UTF_8).lines().toList();
    }

    /** A file found in some place, read only when the place turns out to hold both files. */
    private interface Candidate {
        BabiFile read();
    }

    /** One place the dataset may be kept. */
    interface Location {

        /** The files of {@code task} in the {@code language} folder of this place, by split; absent ones missing. */
        Map<BabiSplit, Candidate> find(String language, int task);

        /** The searched place, for messages. */
        String describe(String language);

        /** What was there, for the message when the task is incomplete. */
        String report(String language, int task, Map<BabiSplit, Candidate> found);
    }

    private static String reportFound(int task, Map<BabiSplit, Candidate> found) {
        if (found.isEmpty()) {
            return "no qa" + task + "_*_train.txt or qa" + task + "_*_test.txt in it";
        }
        BabiSplit present = found.keySet().iterator().next();
        BabiSplit absent = present == BabiSplit.TRAIN ? BabiSplit.TEST : BabiSplit.TRAIN;
        return "qa" + task + " " + present.fileSuffix() + " file present, " + absent.fileSuffix() + " file missing";
    }

    /** An unpacked copy: {@code <root>/<language>/qaN_*_split.txt}. */
    private record DirectoryLocation(Path root) implements Location {

        @Override
        public Map<BabiSplit, Candidate> find(String language, int task) {
            Path folder = root.resolve(language);
            Map<BabiSplit, Candidate> found = new EnumMap<>(BabiSplit.class);
            if (!Files.isDirectory(folder)) {
                return found;
            }
            TreeMap<String, Path> names = new TreeMap<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
                for (Path file : files) {
                    names.put(file.getFileName().toString(), file);
                }
            } catch (IOException e) {
                throw new BabiDataException("cannot list the bAbI folder " + folder + ": " + e.getMessage(), e);
            }
            for (BabiSplit split : BabiSplit.values()) {
                names.entrySet().stream()
                        .filter(e -> BabiTaskNames.matches(e.getKey(), task, split) && Files.isRegularFile(e.getValue()))
                        .findFirst()
                        .ifPresent(e -> found.put(split, () -> readFile(e.getValue())));
            }
            return found;
        }

        @Override
        public String describe(String language) {
            return root.resolve(language) + "/";
        }

        @Override
        public String report(String language, int task, Map<BabiSplit, Candidate> found) {
            return Files.isDirectory(root.resolve(language)) ? reportFound(task, found) : "no such directory";
        }

        private static BabiFile readFile(Path file) {
            try {
                return new BabiFile(file.toString(), lines(Files.readAllBytes(file)));
            } catch (IOException e) {
                throw new BabiDataException("cannot read the bAbI file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The official tarball, read without unpacking. The first {@link #find} reads it once and keeps the entries of
     * the requested task for both languages, so asking again for the 1k files (for the hint) costs nothing.
     */
    private static final class TarballLocation implements Location {

        private final Path tarball;
        private int cachedTask;
        private List<TarGzReader.Entry> cached;

        TarballLocation(Path tarball) {
            this.tarball = tarball;
        }

        @Override
        public Map<BabiSplit, Candidate> find(String language, int task) {
            Map<BabiSplit, Candidate> found = new EnumMap<>(BabiSplit.class);
            if (!Files.isRegularFile(tarball)) {
                return found;
            }
            TreeMap<String, TarGzReader.Entry> names = new TreeMap<>();
            for (TarGzReader.Entry entry : entries(task)) {
                if (parentFolder(entry.name()).equals(language)) {
                    names.putIfAbsent(fileName(entry.name()), entry);
                }
            }
            for (BabiSplit split : BabiSplit.values()) {
                names.entrySet().stream()
                        .filter(e -> BabiTaskNames.matches(e.getKey(), task, split))
                        .findFirst()
                        .ifPresent(e -> found.put(split,
                                () -> new BabiFile(tarball + "!" + e.getValue().name(), lines(e.getValue().content()))));
            }
            return found;
        }

        private List<TarGzReader.Entry> entries(int task) {
            if (cached == null || cachedTask != task) {
                try {
                    cached = TarGzReader.read(tarball, name -> isTaskFile(name, task));
                    cachedTask = task;
                } catch (IOException e) {
                    throw new BabiDataException("cannot read the bAbI tarball " + tarball + ": " + e.getMessage()
                            + " (expected the official gzip-compressed tar archive " + TARBALL_URL + ")", e);
                }
            }
            return cached;
        }

        private static boolean isTaskFile(String name, int task) {
            String parent = parentFolder(name);
            if (!parent.equals(BabiTaskNames.languageFolder(true))
                    && !parent.equals(BabiTaskNames.languageFolder(false))) {
                return false;
            }
            String file = fileName(name);
            return BabiTaskNames.matches(file, task, BabiSplit.TRAIN) || BabiTaskNames.matches(file, task, BabiSplit.TEST);
        }

        private static String fileName(String entryName) {
            return entryName.substring(entryName.lastIndexOf('/') + 1);
        }

        private static String parentFolder(String entryName) {
            int slash = entryName.lastIndexOf('/');
            if (slash < 0) {
                return "";
            }
            return entryName.substring(entryName.lastIndexOf('/', slash - 1) + 1, slash);
        }

        @Override
        public String describe(String language) {
            return tarball + " (entries " + ARCHIVE_FOLDER + "/" + language + "/)";
        }

        @Override
        public String report(String language, int task, Map<BabiSplit, Candidate> found) {
            return Files.isRegularFile(tarball) ? reportFound(task, found) : "no such file";
        }
    }
}
