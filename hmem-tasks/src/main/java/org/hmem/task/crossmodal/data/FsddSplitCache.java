package org.hmem.task.crossmodal.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.hmem.task.data.CacheFile;

/**
 * One binary cache file per preprocessed FSDD split, so that only the first run pays for the MFCCs of every
 * recording.
 *
 * <p>A cache is only used when it provably belongs to the current inputs: its header holds a format version and a
 * SHA-256 key over everything the images depend on (the split's sorted file names with each file's size and
 * modification time, {@link Mfcc#VERSION}, {@code num_mfcc}, {@code num_mfcc_time_samples}, the split and the format
 * version), and a CRC-32C over the whole file ends it. A missing, stale, foreign or damaged file raises
 * {@link CacheFile.Unusable} with the reason, and the caller rebuilds it ({@link CacheFile}).
 *
 * <p>Payload (big-endian; {@link CacheFile} frames it with magic {@code HMEMFSDD}): int item count, int num_mfcc,
 * int time samples, per item the file name (unsigned short byte count, UTF-8) and a label byte, the images as
 * floats.
 */
final class FsddSplitCache {

    /** Version of the file layout; part of the key, so a layout change rebuilds every cache. */
    static final int FORMAT_VERSION = 1;

    private static final CacheFile FILE = new CacheFile("HMEMFSDD", FORMAT_VERSION, "an FSDD cache",
            "the recordings, the preprocessing or its settings changed");

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
     * @throws CacheFile.Unusable if it is missing, unreadable, stale, foreign or damaged
     */
    static FsddSplit read(Path file, CrossModalSplit split, Mfcc mfcc, byte[] key) throws CacheFile.Unusable {
        ByteBuffer payload = FILE.read(file, key);
        try {
            return parse(payload, split, mfcc);
        } catch (RuntimeException e) {
            // the checksum matched, so this is a file of another writer; whatever it holds, it is rebuilt
            throw new CacheFile.Unusable("cache damaged: " + e);
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
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(40 * data.size()
                + data.images().length * Float.BYTES);
        DataOutputStream out = new DataOutputStream(buffer);
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
        FILE.write(file, key, buffer.toByteArray());
    }
}
