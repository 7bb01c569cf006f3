package org.hmem.task.omniglot.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.hmem.engine.io.AtomicFiles;

/**
 * One binary cache file per processed split, so that a second run starts in a fraction of a second instead of
 * decoding tens of thousands of PNGs.
 *
 * <p>A cache is only used when it provably belongs to the current inputs: its header holds a format version and a
 * SHA-256 key over everything the content depends on (the split file's bytes, each zip's size and modification time,
 * {@link OmniglotPreprocessing#VERSION} and the format version), and a CRC-32C over the whole file ends it. A
 * missing, stale, foreign or damaged file raises {@link Unusable} with the reason, and the caller rebuilds it. Files
 * are replaced atomically ({@link AtomicFiles#write}), so a run killed while writing leaves the old file or none.
 *
 * <p>Layout (big-endian, {@link DataOutputStream} conventions): magic {@code HMEMOMNI}, int format version,
 * 32-byte key, UTF split id, int class count, per class (UTF character, int rotation, int size), per item UTF file
 * name, int byte count and the packed images ({@link OmniglotImageBits}), then the long CRC-32C of all bytes before.
 */
final class OmniglotSplitCache {

    /** Version of the file layout; part of the key, so a layout change rebuilds every cache. */
    static final int FORMAT_VERSION = 1;

    private static final byte[] MAGIC = "HMEMOMNI".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_BYTES = 32;
    private static final int HEADER_BYTES = MAGIC.length + Integer.BYTES + KEY_BYTES;

    /** Why a cache file cannot be used; the message is the reason, for the log line. */
    static final class Unusable extends Exception {
        Unusable(String reason) {
            super(reason);
        }
    }

    private OmniglotSplitCache() {
    }

    /** The cache file of {@code split} in {@code dir}. */
    static Path file(Path dir, OmniglotSplitName split) {
        return dir.resolve("omniglot-vinyals-" + split.id() + ".bin");
    }

    /**
     * The key of the inputs of {@code split}.
     *
     * @throws OmniglotDataException if a zip's size or modification time cannot be read
     */
    static byte[] key(OmniglotFiles files, OmniglotSplitName split, OmniglotSplitFile splitFile) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        ByteBuffer numbers = ByteBuffer.allocate(64);
        numbers.putInt(FORMAT_VERSION).putInt(OmniglotPreprocessing.VERSION).putInt(split.ordinal());
        byte[] content = splitFile.content();
        numbers.putLong(content.length);
        sha.update(numbers.array(), 0, numbers.position());
        sha.update(content);
        for (Path zip : files.zips()) {
            try {
                numbers.clear();
                numbers.putLong(Files.size(zip)).putLong(Files.getLastModifiedTime(zip).toMillis());
                sha.update(numbers.array(), 0, numbers.position());
            } catch (IOException e) {
                throw new OmniglotDataException("cannot read the size of " + zip + ": " + e.getMessage(), e);
            }
        }
        return sha.digest();
    }

    /**
     * Reads the cache file, checking that it belongs to {@code key} and is intact.
     *
     * @throws Unusable if it is missing, unreadable, stale, foreign or damaged
     */
    static OmniglotSplit read(Path file, OmniglotSplitName split, byte[] key) throws Unusable {
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
            throw new Unusable("the cache file is not an Omniglot cache");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes);
        int format = header.getInt(MAGIC.length);
        if (format != FORMAT_VERSION) {
            throw new Unusable("cache written in format " + format + ", this version reads format " + FORMAT_VERSION);
        }
        if (!Arrays.equals(bytes, MAGIC.length + Integer.BYTES, HEADER_BYTES, key, 0, KEY_BYTES)) {
            throw new Unusable("cache stale: the split file, the zips or the preprocessing changed since it was "
                    + "written");
        }
        int end = bytes.length - Long.BYTES;
        if (header.getLong(end) != crc(bytes, end)) {
            throw new Unusable("cache damaged: checksum mismatch");
        }
        try {
            return parse(new DataInputStream(new ByteArrayInputStream(bytes, HEADER_BYTES, end - HEADER_BYTES)),
                    split);
        } catch (IOException | RuntimeException e) {
            // the checksum matched, so this is a file of another writer; whatever it holds, it is rebuilt
            throw new Unusable("cache damaged: " + e);
        }
    }

    private static OmniglotSplit parse(DataInputStream in, OmniglotSplitName split) throws IOException {
        String id = in.readUTF();
        if (!id.equals(split.id())) {
            throw new IOException("holds split " + id + ", expected " + split.id());
        }
        int numClasses = count(in.readInt());
        List<OmniglotClassRef> classes = new ArrayList<>(numClasses);
        int[] classStart = new int[numClasses + 1];
        for (int c = 0; c < numClasses; c++) {
            classes.add(new OmniglotClassRef(in.readUTF(), in.readInt()));
            classStart[c + 1] = Math.addExact(classStart[c], count(in.readInt()));
        }
        String[] itemFiles = new String[classStart[numClasses]];
        for (int i = 0; i < itemFiles.length; i++) {
            itemFiles[i] = in.readUTF();
        }
        byte[] bits = new byte[count(in.readInt())];
        in.readFully(bits);
        if (in.available() != 0) {
            throw new IOException(in.available() + " bytes after the images");
        }
        return new OmniglotSplit(split, classes, classStart, itemFiles, bits);
    }

    private static int count(int value) throws IOException {
        if (value < 0 || value > 1 << 28) {
            throw new EOFException("implausible count " + value);
        }
        return value;
    }

    /**
     * Writes {@code data} atomically to {@code file}, creating the directory.
     *
     * @throws IOException if the file cannot be written; the old file, if any, is then unchanged
     */
    static void write(Path file, byte[] key, OmniglotSplit data) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(data.packedBits().length + 40 * data.numItems());
        DataOutputStream out = new DataOutputStream(buffer);
        out.write(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.write(key);
        out.writeUTF(data.name().id());
        out.writeInt(data.numClasses());
        for (int c = 0; c < data.numClasses(); c++) {
            OmniglotClassRef ref = data.classRef(c);
            out.writeUTF(ref.character());
            out.writeInt(ref.rotation());
            out.writeInt(data.classSize(c));
        }
        for (int i = 0; i < data.numItems(); i++) {
            out.writeUTF(data.itemFile(i));
        }
        out.writeInt(data.packedBits().length);
        out.write(data.packedBits());
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
