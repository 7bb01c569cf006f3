package org.hmem.task.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

import org.hmem.engine.io.AtomicFiles;

/**
 * A binary cache of preprocessed data that is only used when it provably belongs to the current inputs: an 8-byte
 * magic naming its kind, an int format version, a 32-byte key (a SHA-256 over everything the content depends on),
 * the payload, and a CRC-32C of all bytes before it. A missing, stale, foreign or damaged file raises
 * {@link Unusable} with the reason, and the caller rebuilds it; files are replaced atomically
 * ({@link AtomicFiles#write}), so a run killed while writing leaves the old file or none.
 */
public final class CacheFile {

    /** Bytes of the key. */
    public static final int KEY_BYTES = 32;

    /** Why a cache file cannot be used; the message is the reason, for the log line. */
    public static final class Unusable extends Exception {
        public Unusable(String reason) {
            super(reason);
        }
    }

    private final byte[] magic;
    private final int format;
    private final String kind;
    private final String staleReason;

    /**
     * @param magic eight ASCII characters naming the kind of file
     * @param format the payload layout's version
     * @param kind what the file is, for messages ("an FSDD cache")
     * @param staleReason why a key would differ, for messages ("the recordings or the preprocessing changed")
     */
    public CacheFile(String magic, int format, String kind, String staleReason) {
        this.magic = magic.getBytes(StandardCharsets.US_ASCII);
        if (this.magic.length != 8) {
            throw new IllegalArgumentException("the magic must be 8 ASCII characters: " + magic);
        }
        this.format = format;
        this.kind = kind;
        this.staleReason = staleReason;
    }

    private int headerBytes() {
        return magic.length + Integer.BYTES + KEY_BYTES;
    }

    /**
     * The payload of {@code file}, checked against {@code key} and its checksum.
     *
     * @throws Unusable if the file is missing, unreadable, stale, foreign or damaged
     */
    public ByteBuffer read(Path file, byte[] key) throws Unusable {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Unusable("no cache file yet");
        } catch (IOException e) {
            throw new Unusable("cannot read the cache file: " + AtomicFiles.reason(e));
        }
        int header = headerBytes();
        if (bytes.length < header + Long.BYTES || !Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length)) {
            throw new Unusable("the cache file is not " + kind);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int found = in.getInt(magic.length);
        if (found != format) {
            throw new Unusable("cache written in format " + found + ", this version reads format " + format);
        }
        if (!Arrays.equals(bytes, magic.length + Integer.BYTES, header, key, 0, KEY_BYTES)) {
            throw new Unusable("cache stale: " + staleReason + " since it was written");
        }
        int end = bytes.length - Long.BYTES;
        if (in.getLong(end) != crc(bytes, end)) {
            throw new Unusable("cache damaged: checksum mismatch");
        }
        return ByteBuffer.wrap(bytes, header, end - header).slice();
    }

    /**
     * Writes {@code payload} under {@code key} atomically to {@code file}, creating the directory.
     *
     * @throws IOException if the file cannot be written; the old file, if any, is then unchanged
     */
    public void write(Path file, byte[] key, byte[] payload) throws IOException {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a key has " + KEY_BYTES + " bytes, not " + key.length);
        }
        CRC32C crc = new CRC32C();
        crc.update(magic);
        crc.update(ByteBuffer.allocate(Integer.BYTES).putInt(0, format).array());
        crc.update(key);
        crc.update(payload);
        long sum = crc.getValue();
        AtomicFiles.write(file, stream -> {
            DataOutputStream out = new DataOutputStream(stream);
            out.write(magic);
            out.writeInt(format);
            out.write(key);
            out.write(payload);
            out.writeLong(sum);
            out.flush();
        });
    }

    private static long crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }
}
