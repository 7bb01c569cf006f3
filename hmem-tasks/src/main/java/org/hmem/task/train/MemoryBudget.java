package org.hmem.task.train;

import java.util.Locale;

import org.hmem.task.flags.UserError;

/**
 * Checks, before anything is allocated, that what the flags ask for fits: sizes are computed in {@code long}, single
 * arrays must stay below Java's array limit, and the whole must fit the Java heap. A request that does not fit is a
 * user error naming what is too large, the flags that size it, and how to raise the heap, instead of an integer
 * overflow or an {@link OutOfMemoryError} deep inside a run.
 */
public final class MemoryBudget {

    /** The largest array the JVM allocates reliably. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** Share of the heap one request may take: the rest is the JVM's and the run's other data. */
    private static final double HEAP_SHARE = 0.8;

    private MemoryBudget() {
    }

    /**
     * Refuses an array of {@code elements} elements.
     *
     * @param lower the flags to lower, e.g. {@code --num_time_steps or --sequence_length}
     */
    public static void requireArray(String what, long elements, String lower) {
        if (elements < 0 || elements > MAX_ARRAY) {
            throw new UserError(what + " would need an array of " + elements + " elements, more than Java allows ("
                    + MAX_ARRAY + "): lower " + lower);
        }
    }

    /** Refuses {@code bytes} when they exceed the share of the heap one request may take. */
    public static void requireHeap(String what, long bytes, String lower) {
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes < 0 || bytes > HEAP_SHARE * heap) {
            throw new UserError(String.format(Locale.ROOT, "%s would take about %s, more than the Java heap of %s "
                    + "can hold: lower %s, or give Java more memory, e.g. HMEM_JAVA_OPTS=-Xmx8g ./hmem ...", what,
                    size(bytes), size(heap), lower));
        }
    }

    /**
     * Refuses a spiking memory model whose per-sample records do not fit: {@code steps} write steps of populations
     * of {@code embedding} input and {@code memory} key/value neurons, on {@code threads} workers, each with its own
     * records (spikes, membranes, surrogates, gradients, traces) and memory checkpoints (about 2 sqrt(steps) copies of
     * the M x M memory).
     */
    public static void requireSpikingWorkspace(long steps, int embedding, int memory, int threads, String lower) {
        requireArray("one sample's records", steps * 2 * Math.max(embedding, memory), lower);
        long checkpoints = 2 * (long) Math.ceil(Math.sqrt(steps)) + 1;
        long floats = steps * (14L * embedding + 10L * memory) + checkpoints * memory * (long) memory;
        requireHeap("one sample's records on each of " + threads + " threads", 4 * floats * threads,
                lower + " or --threads");
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.0f MB", bytes / (double) (1L << 20));
    }
}
