package org.hmem.task.train;

/**
 * Training cannot go on: a loss, gradient or parameter stopped being finite. Not the user's mistake in the sense of
 * a bad flag, but reported the same way, one line without a stack trace, and the run exits with an error; the last
 * checkpoint written holds the last good state.
 */
public class TrainingFailure extends RuntimeException {

    public TrainingFailure(String message) {
        super(message);
    }
}
