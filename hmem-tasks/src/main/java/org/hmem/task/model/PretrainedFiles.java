package org.hmem.task.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hmem.task.flags.UserError;

/**
 * Finds a pretrained CNN file: the path a flag gives, else the shipped file next to the data ({@code <dir>/pretrained},
 * {@code <dir>/../pretrained}) or in {@code $HMEM_PRETRAINED_DIR}.
 */
public final class PretrainedFiles {

    /** The environment variable naming a folder with the shipped pretrained files. */
    public static final String DIR_ENV = "HMEM_PRETRAINED_DIR";

    private PretrainedFiles() {
    }

    /**
     * @param flag the flag's name, for messages ({@code --protonet_checkpoint_path})
     * @param given the flag's value; empty for the shipped file
     * @param shipped the shipped file's name
     * @param dataDir the task's data folder
     * @param hint what else the user can do, ending the message when nothing is found
     * @throws UserError if the given file does not exist or the shipped one is nowhere to be found
     */
    public static Path find(String flag, String given, String shipped, Path dataDir, String hint) {
        if (!given.isEmpty()) {
            Path p = Path.of(given);
            if (!Files.isRegularFile(p)) {
                throw new UserError(flag + " " + p + " does not exist");
            }
            return p;
        }
        List<Path> tried = new ArrayList<>();
        tried.add(dataDir.resolve("pretrained").resolve(shipped));
        tried.add(dataDir.toAbsolutePath().normalize().resolveSibling("pretrained").resolve(shipped));
        String env = System.getenv(DIR_ENV);
        if (env != null && !env.isBlank()) {
            tried.add(Path.of(env).resolve(shipped));
        }
        for (Path p : tried) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new UserError("the pretrained network " + shipped + " was not found; looked in " + tried + ". Pass "
                + flag + " FILE, " + hint);
    }
}
