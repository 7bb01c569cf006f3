package org.hmem.task.crossmodal.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the two data sets of the cross-modal task under one data directory ({@code --dir}, else
 * {@value #DIR_ENV}): the FSDD recordings and the four MNIST idx files. Several layouts are accepted, so that a
 * plain {@code git clone} of FSDD, the reference's own folder structure and torchvision's download folder all work
 * without copying; the first candidate that actually holds the files wins, so an empty or half-copied folder does not
 * shadow a complete one. Nothing is written there, so the folder may be read-only.
 *
 * <p>When nothing is found the {@link CrossModalDataException} lists every place searched and says what to download
 * where.
 */
public final class CrossModalFiles {

    /** The environment variable the task reads the data directory from when {@code --dir} is not given. */
    public static final String DIR_ENV = "HMEM_CROSS_MODAL_DIR";

    /** The FSDD repository; tag {@value #FSDD_TAG} is the version the reference pins. */
    public static final String FSDD_URL = "https://github.com/Jakobovski/free-spoken-digit-dataset";

    /** The FSDD release the reference uses. */
    public static final String FSDD_TAG = "v1.0.10";

    /** Where the four MNIST idx files are published. */
    public static final String MNIST_URL = "http://yann.lecun.com/exdb/mnist/";

    /** The four MNIST idx files, without the optional {@code .gz}. */
    public static final List<String> MNIST_FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private CrossModalFiles() {
    }

    /** The data directory: {@code flagValue} if given, else {@value #DIR_ENV}, else {@code ./data}. */
    public static Path dir(String flagValue) {
        if (flagValue != null && !flagValue.isBlank()) {
            return Path.of(flagValue);
        }
        String env = System.getenv(DIR_ENV);
        return Path.of(env != null && !env.isBlank() ? env : "data");
    }

    /** The candidate FSDD recording folders, in the order they are tried. */
    static List<Path> fsddCandidates(Path dir) {
        return List.of(dir.resolve("fsdd/recordings"), dir.resolve("FSDDataset/" + FSDD_TAG + "/recordings"),
                dir.resolve("recordings"), dir);
    }

    /** The candidate MNIST folders, in the order they are tried. */
    static List<Path> mnistCandidates(Path dir) {
        return List.of(dir.resolve("mnist"), dir.resolve("MNISTDataset/MNIST/raw"), dir.resolve("MNISTDataset"), dir);
    }

    /**
     * The folder of the FSDD recordings ({@code <digit>_<speaker>_<index>.wav}) under {@code dir}.
     *
     * @throws CrossModalDataException if no candidate folder holds any recording
     */
    public static Path fsddRecordings(Path dir) {
        List<String> searched = new ArrayList<>();
        for (Path place : fsddCandidates(dir)) {
            if (!Files.isDirectory(place)) {
                searched.add(place + "/  (no such directory)");
            } else if (holdsRecordings(place)) {
                return place;
            } else {
                searched.add(place + "/  (no <digit>_<speaker>_<index>.wav files)");
            }
        }
        throw new CrossModalDataException(notFound("FSDD recordings", dir, searched)
                + "Get them with\n  git clone -b " + FSDD_TAG + " " + FSDD_URL + "\nand put its recordings/ folder at "
                + dir.resolve("fsdd/recordings") + " (or point --dir / " + DIR_ENV
                + " at a folder holding fsdd/recordings/).");
    }

    /**
     * The folder holding the four MNIST idx files (each plain or {@code .gz}) under {@code dir}.
     *
     * @throws CrossModalDataException if no candidate folder holds all four
     */
    public static Path mnistFolder(Path dir) {
        List<String> searched = new ArrayList<>();
        for (Path place : mnistCandidates(dir)) {
            if (!Files.isDirectory(place)) {
                searched.add(place + "/  (no such directory)");
                continue;
            }
            List<String> missing = new ArrayList<>();
            for (String name : MNIST_FILES) {
                if (find(place, name) == null) {
                    missing.add(name + "[.gz]");
                }
            }
            if (missing.isEmpty()) {
                return place;
            }
            searched.add(place + "/  (missing " + String.join(", ", missing) + ")");
        }
        throw new CrossModalDataException(notFound("MNIST idx files", dir, searched) + "Download "
                + String.join(".gz, ", MNIST_FILES) + ".gz from " + MNIST_URL + " (or a mirror) into "
                + dir.resolve("mnist") + "/ (gzipped or unpacked), or point --dir / " + DIR_ENV
                + " at a folder holding mnist/.");
    }

    /**
     * The idx file {@code name} (one of {@link #MNIST_FILES}) in {@code folder}: the plain file if present, else the
     * {@code .gz}.
     *
     * @throws CrossModalDataException if neither exists
     */
    public static Path mnistFile(Path folder, String name) {
        Path file = find(folder, name);
        if (file == null) {
            throw new CrossModalDataException("MNIST: neither " + folder.resolve(name) + " nor "
                    + folder.resolve(name + ".gz") + " exists; download it from " + MNIST_URL);
        }
        return file;
    }

    private static Path find(Path folder, String name) {
        for (Path file : List.of(folder.resolve(name), folder.resolve(name + ".gz"))) {
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    private static boolean holdsRecordings(Path folder) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, FsddRecordingName.GLOB)) {
            for (Path file : s) {
                if (Files.isRegularFile(file)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static String notFound(String what, Path dir, List<String> searched) {
        StringBuilder msg = new StringBuilder("Cross-modal data: no ").append(what).append(" found under ")
                .append(dir).append('\n');
        if (!Files.isDirectory(dir)) {
            msg.append("The data directory ").append(dir).append(" does not exist.\n");
        }
        msg.append("Searched:\n");
        for (String line : searched) {
            msg.append("  ").append(line).append('\n');
        }
        return msg.toString();
    }
}
