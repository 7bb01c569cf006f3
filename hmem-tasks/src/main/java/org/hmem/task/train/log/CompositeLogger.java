package org.hmem.task.train.log;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Sends every entry to several loggers (typically a {@link TensorBoardWriter} and a {@link CsvScalarWriter}), so the
 * training loop holds a single {@link ScalarLogger}.
 *
 * <p>{@link #flush()} and {@link #close()} reach every delegate even when one fails, so one broken file does not
 * leave the others unflushed or open; the first failure is rethrown with later ones attached as suppressed.
 * {@link #scalar} and {@link #text} stop at the first failure, as a failed write means the run's logs are already
 * incomplete.
 */
public final class CompositeLogger implements ScalarLogger {

    private final List<ScalarLogger> delegates;

    public CompositeLogger(ScalarLogger... delegates) {
        this(List.of(delegates));
    }

    /** @param delegates the loggers, called in this order; none may be null */
    public CompositeLogger(List<? extends ScalarLogger> delegates) {
        Objects.requireNonNull(delegates, "delegates");
        for (int i = 0; i < delegates.size(); i++) {
            Objects.requireNonNull(delegates.get(i), "delegate logger #" + i + " is null");
        }
        this.delegates = List.copyOf(delegates);
    }

    /** The loggers this one fans out to, in call order. */
    public List<ScalarLogger> delegates() {
        return delegates;
    }

    @Override
    public void scalar(String tag, long step, double value) {
        for (ScalarLogger d : delegates) {
            d.scalar(tag, step, value);
        }
    }

    @Override
    public void text(String tag, long step, String text) {
        for (ScalarLogger d : delegates) {
            d.text(tag, step, text);
        }
    }

    @Override
    public void flush() {
        forAll(ScalarLogger::flush);
    }

    @Override
    public void close() {
        forAll(ScalarLogger::close);
    }

    @Override
    public String toString() {
        return "CompositeLogger" + delegates;
    }

    private void forAll(Consumer<ScalarLogger> action) {
        RuntimeException failure = null;
        for (ScalarLogger d : delegates) {
            try {
                action.accept(d);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
