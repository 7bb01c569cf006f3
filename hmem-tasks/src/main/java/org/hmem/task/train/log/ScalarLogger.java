package org.hmem.task.train.log;

/**
 * Sink for the per-epoch numbers of a training run ({@code Loss/train}, {@code Acc/val}, {@code Misc/lr}, ...) and
 * for the occasional text entry ({@code Info/params}).
 *
 * <p>The reference implementation logs through PyTorch's {@code SummaryWriter}; this interface is the narrow part of
 * it the training loops need, so that a loop can log to TensorBoard, to CSV, to both ({@link CompositeLogger}) or
 * nowhere ({@link #NONE}) without knowing which.
 *
 * <p>I/O failures surface as {@link java.io.UncheckedIOException} whose message names the file involved: a training
 * loop cannot do anything sensible with a checked exception from its logger other than abort, and the message must
 * say which file could not be written.
 */
public interface ScalarLogger extends AutoCloseable {

    /** A logger that drops everything; for tests and runs that should leave no files behind. */
    ScalarLogger NONE = new ScalarLogger() {
        @Override public void scalar(String tag, long step, double value) { }
        @Override public void text(String tag, long step, String text) { }
        @Override public void flush() { }
        @Override public void close() { }
        @Override public String toString() { return "ScalarLogger.NONE"; }
    };

    /** Records {@code value} for the series {@code tag} (e.g. {@code "Loss/train"}) at {@code step} (the epoch). */
    void scalar(String tag, long step, double value);

    /** Records a text entry (rendered as Markdown by TensorBoard's text plugin) under {@code tag} at {@code step}. */
    void text(String tag, long step, String text);

    /** Forces everything logged so far out of the buffers, so a live TensorBoard or a crash leaves it visible. */
    void flush();

    /** Flushes and releases the underlying files; closing twice is harmless, logging after close is an error. */
    @Override
    void close();
}
