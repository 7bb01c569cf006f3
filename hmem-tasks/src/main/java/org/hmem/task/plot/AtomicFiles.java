package org.hmem.task.plot;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file only with complete content: the body writes a hidden sibling temp file, which is then renamed over
 * the target. A crash or exception mid-write leaves the old file untouched and removes the temp file.
 */
final class AtomicFiles {

    /** Writes the complete content to the given (not yet existing) temp path. */
    @FunctionalInterface
    interface Body {
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFiles() {
    }

    static void write(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        // Same directory as the target so the final rename does not cross file systems.
        Path temp = abs.resolveSibling("." + abs.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean moved = false;
        try {
            body.writeTo(temp);
            if (!Files.isRegularFile(temp)) {
                throw new IOException("writer produced no file for " + abs);
            }
            try {
                Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
