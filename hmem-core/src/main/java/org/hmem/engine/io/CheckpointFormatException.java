package org.hmem.engine.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint file exists but is not a well-formed file of its format (truncated, corrupt, or not a checkpoint).
 * The message names the file and the problem, so it can be shown to the user as it is.
 */
public class CheckpointFormatException extends IOException {

    private final transient Path file;
    private final String problem;

    public CheckpointFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    /** The problem alone, without the file name. */
    public String problem() {
        return problem;
    }
}
