package org.hmem.engine.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file so that readers, and a process killed at any moment, see either the old content or the complete
 * new content, never a torn mixture.
 *
 * <p>Training runs for hours and is killed (pre-emption, Ctrl-C, out of memory) at arbitrary points; writing a
 * checkpoint in place would then destroy the only good copy. So the content goes to a temporary file beside the
 * target, is forced to the disk, and only then renamed over the target: a rename within one directory is atomic on
 * POSIX file systems. Forcing before the rename matters, otherwise a power loss could leave the renamed file
 * empty. The directory is forced afterwards so the rename itself survives a crash, where the platform allows it.
 */
public final class AtomicFiles {

    /** What the name of every temporary file of {@link #write} contains. */
    private static final String TEMP_MARK = ".tmp-";


    /** Produces the file's content. It may close the stream it is given; that only flushes. */
    @FunctionalInterface
    public interface IoWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final int BUFFER_BYTES = 1 << 16;
    private static final int NAME_ATTEMPTS = 100;

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically with the bytes {@code writer} produces, creating missing parent directories.
     * If the writer or any file operation fails, the temporary file is deleted, {@code target} keeps its old content
     * (or stays absent), and the exception propagates.
     */
    public static void write(Path target, IoWriter writer) throws IOException {
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        if (dir == null || file.getFileName() == null) {
            throw new IOException("cannot write a file at " + target + ": it names no file");
        }
        Files.createDirectories(dir);
        Path temp = createTemp(dir, file.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
                writer.writeTo(new FlushOnClose(out));
                out.flush();
                channel.force(true);
            }
            move(temp, file);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        syncDirectory(dir);
    }

    /**
     * Deletes the temporary files of {@link #write} in {@code dir} that are older than {@code age}: a save killed in
     * the middle leaves one behind, while a running save's file is seconds old. Returns the deleted files.
     */
    public static List<Path> removeStaleTemporaries(Path dir, Duration age) throws IOException {
        List<Path> removed = new ArrayList<>();
        Instant before = Instant.now().minus(age);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*" + TEMP_MARK + "*")) {
            for (Path f : files) {
                if (Files.isRegularFile(f) && Files.getLastModifiedTime(f).toInstant().isBefore(before)
                        && Files.deleteIfExists(f)) {
                    removed.add(f);
                }
            }
        }
        return removed;
    }

    /** Why a file operation failed, in words: Java's messages often name only the path. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (" + e.getMessage() + ")";
        }
        if (e instanceof NoSuchFileException) {
            return "a folder on the way does not exist (" + e.getMessage() + ")";
        }
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            return "a file is in the way where a folder is needed (" + e.getMessage() + ")";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + " (" + fs.getFile() + ")";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * Creates an empty, uniquely named temporary file with the platform's default permissions; unlike
     * {@link Files#createTempFile}, which would make the final checkpoint readable by its owner only.
     */
    private static Path createTemp(Path dir, String name) throws IOException {
        FileAlreadyExistsException last = null;
        for (int i = 0; i < NAME_ATTEMPTS; i++) {
            String suffix = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
            Path temp = dir.resolve("." + name + TEMP_MARK + suffix);
            try {
                FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                last = e;
            }
        }
        throw new IOException("could not create a temporary file for " + name + " in " + dir, last);
    }

    private static void move(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Makes the rename durable. Some platforms (Windows) cannot open a directory as a channel; the rename has
     * already happened then, so there is nothing better to do than carry on.
     */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here; the file content itself is already on disk
        }
    }

    /** Keeps a writer that closes its stream from closing the channel before it is forced to disk. */
    private static final class FlushOnClose extends FilterOutputStream {
        FlushOnClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
