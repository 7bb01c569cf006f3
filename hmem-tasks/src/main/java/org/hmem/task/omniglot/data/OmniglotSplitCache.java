package org.hmem.task.omniglot.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

import org.hmem.task.data.CacheFile;

/**
 * One binary cache file per processed split, so that a second run starts in a fraction of a second instead of
 * decoding tens of thousands of PNGs.
 *
 * <p>A cache is only used when it provably belongs to the current inputs: its header holds a format version and a
 * SHA-256 key over everything the content depends on (the split file's bytes, each zip's size and modification time,
 * {@link OmniglotPreprocessing#VERSION} and the format version), and a CRC-32C over the whole file ends it
 * ({@link CacheFile}). A missing, stale, foreign or damaged file raises {@link CacheFile.Unusable} with the reason,
 * and the caller rebuilds it.
 *
 * <p>Payload (big-endian, {@link DataOutputStream} conventions; magic {@code HMEMOMNI}): UTF split id, int class
 * count, per class (UTF character, int rotation, int size), per item UTF file name, int byte count and the packed
 * images ({@link OmniglotImageBits}).
 */
final class OmniglotSplitCache {

    /** Version of the file layout; part of the key, so a layout change rebuilds every cache. */
    static final int FORMAT_VERSION = 1;

    private static final CacheFile FILE = new CacheFile("HMEMOMNI", FORMAT_VERSION, "an Omniglot cache",
            "the split file, the zips or the preprocessing changed");

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
     * @throws CacheFile.Unusable if it is missing, unreadable, stale, foreign or damaged
     */
    static OmniglotSplit read(Path file, OmniglotSplitName split, byte[] key) throws CacheFile.Unusable {
        ByteBuffer payload = FILE.read(file, key);
        try {
            return parse(new DataInputStream(new ByteArrayInputStream(payload.array(),
                    payload.arrayOffset() + payload.position(), payload.remaining())), split);
        } catch (IOException | RuntimeException e) {
            // the checksum matched, so this is a file of another writer; whatever it holds, it is rebuilt
            throw new CacheFile.Unusable("cache damaged: " + e);
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
        FILE.write(file, key, buffer.toByteArray());
    }
}
