package org.hmem.task.crossmodal.data;

import org.hmem.task.flags.UserError;

/**
 * A problem with the FSDD or MNIST data that the user can fix: a missing folder, a recording that is not 8 kHz mono
 * 16-bit PCM, a truncated or foreign idx file. The command line prints the message without a stack trace, so the
 * message alone names the file and says what was expected.
 */
public class CrossModalDataException extends UserError {

    /** @param message what is wrong, with the file, complete enough to be shown alone */
    public CrossModalDataException(String message) {
        super(message);
    }

    /** @param cause the low-level failure, kept for debugging; the message must not rely on it */
    public CrossModalDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
