package org.hmem.task.babi.data;

/**
 * A problem with the bAbI data that the user can fix (a missing file, a malformed line, an out-of-range sample
 * index). Unchecked so that it travels through the loading code unchanged; the command line prints its message
 * without a stack trace, so the message alone must say what is wrong and what to do.
 */
public class BabiDataException extends RuntimeException {

    public BabiDataException(String message) {
        super(message);
    }

    public BabiDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
