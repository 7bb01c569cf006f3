package org.hmem.task.crossmodal.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.hmem.engine.io.AtomicFiles;

/**
 * One binary cache file per preprocessed FSDD split, so that only the first run pays for the MFCCs of every
 * recording.
 *
 * <p>A cache is only used when it provably belongs to the current inputs: its header holds a format version and a
 * SHA-256 key over everything the images depend on (the split's sorted file names with each file's size and
 * modification time, {@link Mfcc#VERSION}, {@code num_mfcc}, {@code num_mfcc_time_samples}, the split and the format
 * version), and a CRC-32C over the whole file ends it. A missing, stale, foreign or damaged file raises
 * {@link Unusable} with the reason, and the caller rebuilds it. Files are replaced atomically
 * ({@link AtomicFiles#write}), so a run killed while writing leaves the old file or none.
 *
 * <p>Layout (big-endian): magic {@code HMEMFSDD}, int format version, 32-byte key, int item count, int num_mfcc,
 * int time samples, per item the file name (unsigned short byte count, UTF-8) and a label byte, the images as
 * floats, then the long CRC-32C of all bytes before.
 */
final class FsddSplitCache {

    /** Version of the file layout; part of the key, so a layout change rebuilds every cache. */
    static final int FORMAT_VERSION = 1;

    private static final byte[] MAGIC = "HMEMFSDD".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_BYTES = 32;
    private static final int HEADER_BYTES = MAGIC.length + Integer.BYTES + KEY_BYTES;

    /** Why a cache file cannot be used; the message is the reason, for the log line. */
    static final class Unusable extends Exception {
        Unusable(String reason) {
            super(reason);
        }
    }

    private FsddSplitCache() {
    }

    /** The cache file of a split and image size in {@code dir}: other settings get their own file. */
    static Path file(Path dir, CrossModalSplit split, Mfcc mfcc) {
        return dir.resolve("fsdd-mfcc" + mfcc.numMfcc() + "x" + mfcc.timeSamples() + "-" + split.id() + ".bin");
    }

    /**
     * The key of the inputs of a split.
     *
     * @param recordings the split's files, sorted by name
     * @throws CrossModalDataException if a file's size or modification time cannot be read
     */
    static byte[] key(List<Path> recordings, CrossModalSplit split, Mfcc mfcc) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        ByteBuffer numbers = ByteBuffer.allocate(64);
        numbers.putInt(FORMAT_VERSION).putInt(Mfcc.VERSION).putInt(mfcc.numMfcc()).putInt(mfcc.timeSamples())
                .putInt(split.ordinal()).putInt(recordings.size());
        sha.update(numbers.array(), 0, numbers.position());
        for (Path file : recordings) {
            sha.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            try {
                numbers.clear();
                numbers.put((byte) 0).putLong(Files.size(file)).putLong(Files.getLastModifiedTime(file).toMillis());
                sha.update(numbers.array(), 0, numbers.position());
            } catch (IOException e) {
                throw new CrossModalDataException("cannot read the size of " + file + ": " + e.getMessage(), e);
            }
        }
        return sha.digest();
    }

    /**
     * Reads the cache file, checking that it belongs to {@code key} and is intact.
     *
     * @throws Unusable if it is missing, unreadable, stale, foreign or damaged
     */
    static FsddSplit read(Path file, CrossModalSplit split, Mfcc mfcc, byte[] key) throws Unusable {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Unusable("no cache file yet");
        } catch (IOException e) {
            throw new Unusable("cannot read the cache file: " + AtomicFiles.reason(e));
        }
        if (bytes.length < HEADER_BYTES + Long.BYTES
                || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new Unusable("the cache file is not an FSDD cache");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int format = in.getInt(MAGIC.length);
        if (format != FORMAT_VERSION) {
            throw new Unusable("cache written in format " + format + ", this version reads format " + FORMAT_VERSION);
        }
        if (!Arrays.equals(bytes, MAGIC.length + Integer.BYTES, HEADER_BYTES, key, 0, KEY_BYTES)) {
            throw new Unusable("cache stale: the recordings, the preprocessing or its settings changed since it was "
                    + "written");
        }
        int end = bytes.length - Long.BYTES;
        if (in.getLong(end) != crc(bytes, end)) {
            throw new Unusable("cache damaged: checksum mismatch");
        }
        try {
            return parse(ByteBuffer.wrap(bytes, HEADER_BYTES, end - HEADER_BYTES).slice(), split, mfcc);
        } catch (RuntimeException e) {
            // the checksum matched, so this is a file of another writer; whatever it holds, it is rebuilt
            throw new Unusable("cache damaged: " + e);
        }
    }

    private static FsddSplit parse(ByteBuffer in, CrossModalSplit split, Mfcc mfcc) {
        int count = in.getInt();
        if (in.getInt() != mfcc.numMfcc() || in.getInt() != mfcc.timeSamples() || count < 0 || count > 1 << 24) {
            throw new IllegalStateException("header does not match the settings");
        }
        String[] files = new String[count];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            byte[] name = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(name);
            files[i] = new String(name, StandardCharsets.UTF_8);
            labels[i] = in.get();
        }
        float[] images = new float[Math.multiplyExact(count, mfcc.imageSize())];
        in.asFloatBuffer().get(images);
        in.position(in.position() + images.length * Float.BYTES);
        if (in.hasRemaining()) {
            throw new IllegalStateException(in.remaining() + " bytes after the images");
        }
        return new FsddSplit(split, mfcc.numMfcc(), mfcc.timeSamples(), files, labels, images);
    }

    /**
     * Writes {@code data} atomically to {@code file}, creating the directory.
     *
     * @throws IOException if the file cannot be written; the old file, if any, is then unchanged
     */
    static void write(Path file, byte[] key, FsddSplit data) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(HEADER_BYTES + 40 * data.size()
                + data.images().length * Float.BYTES);
        DataOutputStream out = new DataOutputStream(buffer);
        out.write(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.write(key);
        out.writeInt(data.size());
        out.writeInt(data.numMfcc());
        out.writeInt(data.timeSamples());
        for (int i = 0; i < data.size(); i++) {
            byte[] name = data.file(i).getBytes(StandardCharsets.UTF_8);
            out.writeShort(name.length);
            out.write(name);
            out.writeByte(data.label(i));
        }
        ByteBuffer floats = ByteBuffer.allocate(data.images().length * Float.BYTES);
        floats.asFloatBuffer().put(data.images());
        out.write(floats.array());
        out.flush();
        byte[] bytes = buffer.toByteArray();
        long crc = crc(bytes, bytes.length);
        AtomicFiles.write(file, stream -> {
            DataOutputStream fileOut = new DataOutputStream(stream);
            fileOut.write(bytes);
            fileOut.writeLong(crc);
            fileOut.flush();
        });
    }

    private static long crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }
}
