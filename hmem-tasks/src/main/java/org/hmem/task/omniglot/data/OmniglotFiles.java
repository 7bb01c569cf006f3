package org.hmem.task.omniglot.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the Omniglot data under a directory: the two image zips of the official Python release and the four Vinyals
 * split files. The zips are read in place (see {@link OmniglotArchive}), so nothing has to be unpacked and the folder
 * may be read-only.
 *
 * <p>Two layouts are accepted, tried in this order; the first that holds <em>all six</em> files wins, so a
 * half-complete copy does not shadow a complete one:
 * <ol>
 * <li>{@code <dir>/} itself holds {@code images_background.zip}, {@code images_evaluation.zip} and
 * {@code splits/vinyals/{train,val,test,trainval}.txt};</li>
 * <li>{@code <dir>/omniglot/} holds them (so {@code --dir} may name a data root shared with other data sets).</li>
 * </ol>
 * If neither does, an {@link OmniglotDataException} names the missing files, every place searched with what was
 * missing there, and where the files are published.
 */
public final class OmniglotFiles {

    /** The environment variable the task reads the data directory from when {@code --dir} is not given. */
    public static final String DIR_ENV = "HMEM_OMNIGLOT_DIR";

    /** The official image zips, {@code python/images_background.zip} and {@code python/images_evaluation.zip}. */
    public static final String IMAGES_URL = "https://github.com/brendenlake/omniglot";

    /** Where the Vinyals split files are published ({@code data/omniglot/splits/vinyals/}). */
    public static final String SPLITS_URL = "https://github.com/jakesnell/prototypical-networks";

    /** The zip of the 30 background alphabets. */
    public static final String BACKGROUND_ZIP = "images_background.zip";

    /** The zip of the 20 evaluation alphabets. */
    public static final String EVALUATION_ZIP = "images_evaluation.zip";

    /** The folder of the split files, relative to the data folder. */
    public static final String SPLITS_FOLDER = "splits/vinyals";

    /** The sub-folder tried second, for a data root that holds several data sets. */
    static final String SUBFOLDER = "omniglot";

    private final Path folder;

    private OmniglotFiles(Path folder) {
        this.folder = folder;
    }

    /**
     * Finds the data under {@code dir} (from {@code --dir} or {@value #DIR_ENV}).
     *
     * @throws OmniglotDataException if no accepted layout holds all six files
     */
    public static OmniglotFiles locate(Path dir) {
        List<Path> places = List.of(dir, dir.resolve(SUBFOLDER));
        List<String> searched = new ArrayList<>();
        List<String> fewestMissing = null;
        for (Path place : places) {
            List<String> missing = missing(place);
            if (missing.isEmpty()) {
                return new OmniglotFiles(place);
            }
            searched.add(place + "/  (" + (Files.isDirectory(place) ? "missing " + String.join(", ", missing)
                    : "no such directory") + ")");
            if (fewestMissing == null || missing.size() < fewestMissing.size()) {
                fewestMissing = missing;
            }
        }
        throw new OmniglotDataException(message(dir, fewestMissing, searched));
    }

    /** The folder that holds the six files. */
    public Path folder() {
        return folder;
    }

    /** The zip of the background alphabets; a split may name characters of either zip. */
    public Path backgroundZip() {
        return folder.resolve(BACKGROUND_ZIP);
    }

    /** The zip of the evaluation alphabets; a split may name characters of either zip. */
    public Path evaluationZip() {
        return folder.resolve(EVALUATION_ZIP);
    }

    /** Both zips, background first: the order in which a character folder is looked up. */
    public List<Path> zips() {
        return List.of(backgroundZip(), evaluationZip());
    }

    /** The file {@code splits/vinyals/<split>.txt}. */
    public Path splitFile(OmniglotSplitName split) {
        return folder.resolve(SPLITS_FOLDER).resolve(split.fileName());
    }

    @Override
    public String toString() {
        return "Omniglot data in " + folder;
    }

    /** The required files, relative to a place, in the order they are reported. */
    static List<String> required() {
        List<String> names = new ArrayList<>(List.of(BACKGROUND_ZIP, EVALUATION_ZIP));
        for (OmniglotSplitName split : OmniglotSplitName.values()) {
            names.add(SPLITS_FOLDER + "/" + split.fileName());
        }
        return names;
    }

    private static List<String> missing(Path place) {
        List<String> missing = new ArrayList<>();
        for (String name : required()) {
            if (!Files.isRegularFile(place.resolve(name))) {
                missing.add(name);
            }
        }
        return missing;
    }

    private static String message(Path dir, List<String> missing, List<String> searched) {
        StringBuilder msg = new StringBuilder("Omniglot data: missing file").append(missing.size() > 1 ? "s " : " ")
                .append(String.join(", ", missing)).append('\n');
        if (!Files.isDirectory(dir)) {
            msg.append("The data directory ").append(dir).append(" does not exist.\n");
        }
        msg.append("Searched:\n");
        for (String line : searched) {
            msg.append("  ").append(line).append('\n');
        }
        msg.append("The images are published at ").append(IMAGES_URL).append(" (python/").append(BACKGROUND_ZIP)
                .append(" and python/").append(EVALUATION_ZIP).append("), the split files at ").append(SPLITS_URL)
                .append(" (data/omniglot/").append(SPLITS_FOLDER).append("/train.txt, val.txt, test.txt, ")
                .append("trainval.txt). Put the two zips (unpacked is not needed) and ").append(SPLITS_FOLDER)
                .append("/ into ").append(dir).append(" or ").append(dir.resolve(SUBFOLDER))
                .append(", or point --dir / ").append(DIR_ENV).append(" at a folder holding them.");
        return msg.toString();
    }
}
