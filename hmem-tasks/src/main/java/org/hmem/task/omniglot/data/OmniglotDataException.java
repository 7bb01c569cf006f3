package org.hmem.task.omniglot.data;

/**
 * A problem with the Omniglot data that the user can fix (a missing zip or split file, a malformed split line, an
 * image that is not a 105×105 black-and-white drawing). Unchecked so that it travels through the loading code
 * unchanged; the command line prints its message without a stack trace, so the message alone must say what is wrong
 * and what to do.
 */
public class OmniglotDataException extends RuntimeException {

    /** @param message what is wrong and what to do, complete enough to be shown alone */
    public OmniglotDataException(String message) {
        super(message);
    }

    /** @param cause the low-level failure, kept for debugging; the message must not rely on it */
    public OmniglotDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
