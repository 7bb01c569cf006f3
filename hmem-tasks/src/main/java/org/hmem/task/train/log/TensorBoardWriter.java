package org.hmem.task.train.log;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Writes a TensorBoard event file ({@code events.out.tfevents.<unix seconds>.<hostname>}) in a run directory, so that
 * {@code tensorboard --logdir} shows our runs next to the reference's PyTorch runs.
 *
 * <p>The file is a sequence of TFRecord-framed ({@link TfRecordFraming}) {@code Event} protos ({@link EventEncoder}):
 * first a {@code file_version: "brain.Event:2"} header, then one event per {@link #scalar}/{@link #text} call.
 * Writes are buffered in memory; {@link #flush()} pushes them to the file and asks the OS to put them on disk.
 *
 * <p>If a file of that name already exists (two writers in one directory within the same second), a numeric suffix
 * {@code .1}, {@code .2}, ... is appended rather than overwriting it; TensorBoard picks up any name containing
 * {@code tfevents}. Methods are synchronized so that a logger shared between threads still writes whole records.
 */
public final class TensorBoardWriter implements ScalarLogger {

    private static final String PREFIX = "events.out.tfevents.";
    private static final int MAX_NAME_ATTEMPTS = 1000;

    private final Path file;
    private final FileOutputStream fileStream;
    private final BufferedOutputStream out;
    private boolean closed;

    /** Creates {@code runDir} (and parents) if needed and starts a new event file in it. */
    public TensorBoardWriter(Path runDir) {
        Objects.requireNonNull(runDir, "runDir");
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create TensorBoard run directory " + runDir, e);
        }
        Instant now = Instant.now();
        String base = PREFIX + now.getEpochSecond() + "." + sanitize(hostname());
        Path chosen = null;
        FileOutputStream stream = null;
        for (int attempt = 0; attempt < MAX_NAME_ATTEMPTS && stream == null; attempt++) {
            chosen = runDir.resolve(attempt == 0 ? base : base + "." + attempt);
            try {
                stream = new FileOutputStream(Files.createFile(chosen).toFile());
            } catch (FileAlreadyExistsException e) {
                // another writer started in this directory within the same second; try the next suffix
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create TensorBoard event file " + chosen, e);
            }
        }
        if (stream == null) {
            throw new UncheckedIOException(new IOException("cannot create TensorBoard event file in " + runDir
                    + ": " + MAX_NAME_ATTEMPTS + " files named " + base + "[.n] already exist"));
        }
        this.file = chosen;
        this.fileStream = stream;
        this.out = new BufferedOutputStream(stream, 1 << 16);
        try {
            writeRecord(EventEncoder.fileVersion(seconds(now)));
            flush();
        } catch (RuntimeException e) {
            closeQuietly(stream, e);
            throw e;
        }
    }

    /** The event file this writer appends to. */
    public Path file() {
        return file;
    }

    /** Logs {@code value} as a 32-bit float (TensorBoard's {@code simple_value}); use the CSV for full precision. */
    @Override
    public synchronized void scalar(String tag, long step, double value) {
        writeRecord(EventEncoder.scalar(wallTime(), step, checkTag(tag), value));
    }

    @Override
    public synchronized void text(String tag, long step, String text) {
        Objects.requireNonNull(text, "text");
        writeRecord(EventEncoder.text(wallTime(), step, checkTag(tag), text));
    }

    @Override
    public synchronized void flush() {
        ensureOpen();
        try {
            out.flush();
            fileStream.getFD().sync();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush TensorBoard event file " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close TensorBoard event file " + file, e);
        }
    }

    @Override
    public String toString() {
        return "TensorBoardWriter[" + file + "]";
    }

    private void writeRecord(byte[] event) {
        ensureOpen();
        try {
            TfRecordFraming.writeRecord(out, event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to TensorBoard event file " + file, e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("TensorBoard event file " + file + " is already closed");
        }
    }

    private static void closeQuietly(FileOutputStream stream, RuntimeException cause) {
        try {
            stream.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    static String checkTag(String tag) {
        Objects.requireNonNull(tag, "tag");
        if (tag.isBlank()) {
            throw new IllegalArgumentException("scalar/text tag must not be blank");
        }
        return tag;
    }

    private static double wallTime() {
        return seconds(Instant.now());
    }

    private static double seconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    /** The machine name, as in the reference's file names; "localhost" when the OS will not tell. */
    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Keeps the file name portable: anything but letters, digits, '.', '_' and '-' becomes '_'. */
    private static String sanitize(String host) {
        String s = host.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() ? "localhost" : s;
    }
}
