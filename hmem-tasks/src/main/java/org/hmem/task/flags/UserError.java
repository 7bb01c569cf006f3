package org.hmem.task.flags;

/**
 * A mistake of the user (bad flag combination, missing file, mismatching checkpoint). The command line prints the
 * message, without a stack trace, and exits with status 2.
 */
public class UserError extends RuntimeException {

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
