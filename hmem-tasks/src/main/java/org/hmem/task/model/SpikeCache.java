package org.hmem.task.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The frozen CNN's output spikes per image, bit-packed: with {@code --freeze_protonet 1} the spike train of an image
 * is a pure function of its pixels (zero initial state, fixed weights and thresholds, deterministic arithmetic), so it
 * is computed once and reused by every episode and epoch that shows the image. One record of {@code steps x size}
 * bits per item of a split; records live in memory while the whole split fits the memory budget, otherwise in a
 * temporary file that is deleted on {@link #close()}. Safe for concurrent use: a record is published only after it is
 * complete, and two workers that compute the same image write the same bits.
 */
public final class SpikeCache implements AutoCloseable {

    private final int bits;
    private final int words;
    private final AtomicIntegerArray present;
    private final long[] memory;
    private final FileChannel file;
    private final Path filePath;

    /**
     * @param items the split's number of images
     * @param bits spike bits per image (steps x neurons)
     * @param memoryBudgetBytes records beyond this size go to a temporary file in {@code spillDir}
     */
    public SpikeCache(int items, int bits, long memoryBudgetBytes, Path spillDir) {
        this.bits = bits;
        this.words = (bits + 63) / 64;
        this.present = new AtomicIntegerArray(items);
        long bytes = (long) items * words * 8;
        if (bytes <= memoryBudgetBytes && (long) items * words <= Integer.MAX_VALUE - 8) {
            memory = new long[items * words];
            file = null;
            filePath = null;
        } else {
            memory = null;
            try {
                Files.createDirectories(spillDir);
                filePath = Files.createTempFile(spillDir, "hmem-spike-cache-", ".bin");
                file = FileChannel.open(filePath, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        StandardOpenOption.DELETE_ON_CLOSE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the spike cache file in " + spillDir, e);
            }
        }
    }

    /** Whether the records are held in memory (else in a temporary file). */
    public boolean inMemory() {
        return memory != null;
    }

    /** Bytes the cache occupies in memory or on disk when every record is filled. */
    public long capacityBytes() {
        return (long) present.length() * words * 8;
    }

    /** Number of filled records. */
    public int filled() {
        int n = 0;
        for (int i = 0; i < present.length(); i++) {
            n += present.get(i);
        }
        return n;
    }

    /**
     * Copies item's spikes into {@code out[off ..]} (as 0/1 floats) and returns true, or returns false if the item
     * has not been stored yet.
     */
    public boolean get(int item, float[] out, int off, long[] scratch) {
        if (present.get(item) == 0) {
            return false;
        }
        long[] w = read(item, scratch);
        int base = memory != null ? item * words : 0;
        // zeros first, then a 1 per set bit: the spikes are sparse, and a test per bit took 4 % of a cached
        // cross-modal training step
        Arrays.fill(out, off, off + bits, 0f);
        for (int k = 0; k < words; k++) {
            long word = w[base + k];
            int at = off + (k << 6);
            while (word != 0L) {
                out[at + Long.numberOfTrailingZeros(word)] = 1f;
                word &= word - 1;
            }
        }
        return true;
    }

    /** Stores item's spikes {@code spikes[off .. off + bits)} (each 0 or 1). */
    public void put(int item, float[] spikes, int off, long[] scratch) {
        if (present.get(item) != 0) {
            return;
        }
        long[] w = memory != null ? memory : scratch;
        int base = memory != null ? item * words : 0;
        for (int k = 0; k < words; k++) {
            w[base + k] = 0L;
        }
        for (int i = 0; i < bits; i++) {
            if (spikes[off + i] != 0f) {
                w[base + (i >>> 6)] |= 1L << (i & 63);
            }
        }
        if (memory == null) {
            write(item, scratch);
        }
        present.set(item, 1);
    }

    /** A scratch buffer for {@link #get} and {@link #put}, one per thread. */
    public long[] newScratch() {
        return new long[words];
    }

    private long[] read(int item, long[] scratch) {
        if (memory != null) {
            return memory;
        }
        ByteBuffer buf = ByteBuffer.allocate(words * 8).order(ByteOrder.LITTLE_ENDIAN);
        try {
            long pos = (long) item * words * 8;
            while (buf.hasRemaining()) {
                if (file.read(buf, pos + buf.position()) < 0) {
                    throw new IOException("spike cache file ends early");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spike cache " + filePath, e);
        }
        buf.flip();
        buf.asLongBuffer().get(scratch);
        return scratch;
    }

    private void write(int item, long[] scratch) {
        ByteBuffer buf = ByteBuffer.allocate(words * 8).order(ByteOrder.LITTLE_ENDIAN);
        LongBuffer lb = buf.asLongBuffer();
        lb.put(scratch);
        try {
            long pos = (long) item * words * 8;
            while (buf.hasRemaining()) {
                file.write(buf, pos + buf.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the spike cache " + filePath, e);
        }
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
