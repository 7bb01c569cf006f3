package org.hmem.task.babi.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Reads selected regular files out of a gzip-compressed tar archive in one pass, so that the official bAbI tarball
 * can be used without unpacking it and without an archive library.
 *
 * <p>Understands what the archive formats in use produce: POSIX ustar headers (with the name prefix field), GNU long
 * names ({@code L} entries) and pax extended headers ({@code x} entries, their {@code path} record). Everything that
 * is not a regular file (directories, links, global pax headers) is skipped. Entry names are returned with a leading
 * {@code ./} removed.
 */
final class TarGzReader {

    private static final int BLOCK = 512;

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
        try (InputStream in = new BufferedInputStream(
                new GZIPInputStream(Files.newInputStream(tarGz), 1 << 16), 1 << 16)) {
            return read(in, wanted);
        }
    }

    /** As {@link #read(Path, Predicate)}, over an already decompressed tar stream. */
    static List<Entry> read(InputStream tar, Predicate<String> wanted) throws IOException {
        List<Entry> entries = new ArrayList<>();
        String longName = null;
        byte[] header = new byte[BLOCK];
        while (true) {
            int got = tar.readNBytes(header, 0, BLOCK);
            if (got == 0) {
                break; // archive without the two closing zero blocks: tolerated
            }
            if (got < BLOCK) {
                throw new EOFException("tar archive ends inside a header");
            }
            if (isZero(header)) {
                break;
            }
            checkChecksum(header);
            long size = parseNumber(header, 124, 12);
            char type = (char) header[156];
            String name = longName != null ? longName : headerName(header);
            longName = null;
            switch (type) {
                case 'L' -> longName = cString(readContent(tar, size), 0, (int) size);
                case 'x' -> {
                    String paxPath = paxPath(readContent(tar, size));
                    if (paxPath != null) {
                        longName = paxPath;
                    }
                }
                case '0', '\0', '7' -> {
                    String normalised = normalise(name);
                    if (wanted.test(normalised)) {
                        entries.add(new Entry(normalised, readContent(tar, size)));
                    } else {
                        skipContent(tar, size);
                    }
                }
                default -> skipContent(tar, size);
            }
        }
        return entries;
    }

    private static String headerName(byte[] header) {
        String name = cString(header, 0, 100);
        boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
                && header[261] == 'r';
        if (ustar) {
            String prefix = cString(header, 345, 155);
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    private static String normalise(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        return n;
    }

    /** Extracts the {@code path} record of a pax header ({@code "<len> path=<value>\n"} records). */
    private static String paxPath(byte[] pax) {
        String text = new String(pax, StandardCharsets.UTF_8);
        int pos = 0;
        while (pos < text.length()) {
            int space = text.indexOf(' ', pos);
            if (space < 0) {
                break;
            }
            int len;
            try {
                len = Integer.parseInt(text.substring(pos, space));
            } catch (NumberFormatException e) {
                break;
            }
            if (len <= 0) {
                break;
            }
            int end = Math.min(text.length(), pos + len);
            String record = text.substring(space + 1, end);
            if (record.endsWith("\n")) {
                record = record.substring(0, record.length() - 1);
            }
            if (record.startsWith("path=")) {
                return record.substring("path=".length());
            }
            pos = end;
        }
        return null;
    }

    private static byte[] readContent(InputStream tar, long size) throws IOException {
        if (size > Integer.MAX_VALUE - BLOCK) {
            throw new IOException("tar entry too large to read into memory: " + size + " bytes");
        }
        byte[] content = tar.readNBytes((int) size);
        if (content.length < size) {
            throw new EOFException("tar archive ends inside an entry");
        }
        tar.skipNBytes(padding(size));
        return content;
    }

    private static void skipContent(InputStream tar, long size) throws IOException {
        tar.skipNBytes(size + padding(size));
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The header checksum is what tells a tar archive apart from any other gzip file. */
    private static void checkChecksum(byte[] header) throws IOException {
        long stored = parseNumber(header, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xff);
        }
        if (sum != stored) {
            throw new IOException("not a tar archive (header checksum mismatch)");
        }
    }

    /** Octal (NUL/space terminated) or, if the high bit of the first byte is set, big-endian base-256. */
    private static long parseNumber(byte[] header, int offset, int length) throws IOException {
        if ((header[offset] & 0x80) != 0) {
            long value = header[offset] & 0x7f;
            for (int i = 1; i < length; i++) {
                value = (value << 8) | (header[offset + i] & 0xff);
            }
            return value;
        }
        long value = 0;
        int i = offset;
        int end = offset + length;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        for (; i < end && header[i] != ' ' && header[i] != 0; i++) {
            int digit = header[i] - '0';
            if (digit < 0 || digit > 7) {
                throw new IOException("not a tar archive (bad octal number in header)");
            }
            value = value * 8 + digit;
        }
        return value;
    }

    private static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }
}
