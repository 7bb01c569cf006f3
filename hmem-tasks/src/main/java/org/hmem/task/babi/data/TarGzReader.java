package org.hmem.task.babi.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Reads selected regular files out of a gzip-compressed tar archive in one pass, so that the
 * official bAbI tarball can be used without unpacking it.
 *
 * <p>The tar format itself (ustar name prefixes, GNU long names, pax headers) is left to Commons
 * Compress. What this class adds is what {@link BabiFiles} relies on: only regular files are
 * returned, entry names lose a leading {@code ./} (so {@code tar -czf x.tar.gz ./tasks_1-20_v1-2}
 * matches like the official archive), and a gzip file that holds something else than a tar archive,
 * or a tar archive cut off inside a header, is rejected instead of yielding garbage or too few
 * entries.
 */
final class TarGzReader {

    /** One regular file of the archive. */
    record Entry(String name, byte[] content) {
    }

    private TarGzReader() {
    }

    /**
     * Returns the regular files whose (normalised) name {@code wanted} accepts, in archive order.
     *
     * @throws IOException if the file cannot be read or is not a gzip-compressed tar archive
     */
    static List<Entry> read(Path tarGz, Predicate<String> wanted) throws IOException {
        List<Entry> entries = new ArrayList<>();
        // java.util.zip for the gzip layer, so that a file that is no gzip at all still reports
        // "Not in GZIP format" as before
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(
                new GZIPInputStream(Files.newInputStream(tarGz), 1 << 16), 1 << 16))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                // Commons Compress does not verify the checksum, which is what tells a tar archive
                // apart from any other gzip file whose first bytes happen to parse as a header
                if (!entry.isCheckSumOK()) {
                    throw new IOException("not a tar archive (header checksum mismatch)");
                }
                String name = normalise(entry.getName());
                if (isRegularFile(entry) && wanted.test(name)) {
                    if (entry.getSize() > Integer.MAX_VALUE - 8) {
                        throw new IOException("tar entry too large to read into memory: "
                                + entry.getSize() + " bytes");
                    }
                    entries.add(new Entry(name, tar.readAllBytes()));
                }
            }
            // a header cut short reads as the end of the archive there; a damaged download should
            // say so rather than look like an archive without the task
            if (tar.getBytesRead() % TarConstants.DEFAULT_RCDSIZE != 0) {
                throw new EOFException("tar archive ends inside a header");
            }
        }
        return entries;
    }

    /**
     * Plain and contiguous files only: {@link TarArchiveEntry#isFile()} would also accept links and
     * devices, whose (empty) content is not a bAbI file.
     */
    private static boolean isRegularFile(TarArchiveEntry entry) {
        byte type = entry.getLinkFlag();
        return type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM
                || type == TarConstants.LF_CONTIG;
    }

    private static String normalise(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        return n;
    }
}
