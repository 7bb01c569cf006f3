package org.hmem.task.model;

/**
 * The CNN output spikes of one batch's samples, bit-packed, with one bit per spike for "sensitive" (the producing
 * neuron's surrogate derivative is non-zero). From epoch 1 on a training step runs every sample's forward pass twice
 * (the activity regulariser first counts spikes over the batch, spec §7.3); the CNN is the bulk of a forward pass and
 * its output cannot change in between, so the second pass takes it from here. The sensitivity only ever selects
 * where input gradients are computed, so a bit keeps all that consumers use of it.
 *
 * <p>A memo belongs to one batch object and one training step: {@link #reset} starts it, samples are stored by
 * whichever worker runs them (distinct samples, distinct slots) and read back in the next pass over the batch, which
 * the thread pool starts only after the first has ended.
 */
public final class SampleSpikeMemo {

    private final int words;
    private Object batch;
    private long[][] spikes = new long[0][];
    private long[][] sensitive = new long[0][];
    private boolean[] filled = new boolean[0];

    /** @param values floats per sample (images x steps x neurons) */
    public SampleSpikeMemo(int values) {
        this.words = (values + 63) / 64;
    }

    /** Starts a memo for {@code batch} of {@code size} samples, forgetting the previous one. */
    public synchronized void reset(Object batch, int size) {
        this.batch = batch;
        if (spikes.length < size) {
            spikes = new long[size][words];
            sensitive = new long[size][words];
        }
        filled = new boolean[size];
    }

    /** Whether sample b of {@code batch} is stored. */
    public boolean has(Object batch, int b) {
        return batch == this.batch && b < filled.length && filled[b];
    }

    /** Stores sample b's spikes and sensitivities ({@code n} values each, from offset 0). */
    public void put(Object batch, int b, float[] z, float[] sensitivity, int n) {
        if (batch != this.batch || b >= filled.length) {
            return;
        }
        pack(z, n, spikes[b]);
        pack(sensitivity, n, sensitive[b]);
        filled[b] = true;
    }

    /** Writes sample b's spikes and sensitivities (1 where sensitive, else 0) into the arrays. */
    public void get(int b, float[] z, float[] sensitivity, int n) {
        unpack(spikes[b], n, z);
        unpack(sensitive[b], n, sensitivity);
    }

    private static void pack(float[] v, int n, long[] bits) {
        java.util.Arrays.fill(bits, 0L);
        for (int i = 0; i < n; i++) {
            if (v[i] != 0f) {
                bits[i >>> 6] |= 1L << (i & 63);
            }
        }
    }

    private static void unpack(long[] bits, int n, float[] v) {
        for (int i = 0; i < n; i++) {
            v[i] = (bits[i >>> 6] >>> (i & 63) & 1L) == 0 ? 0f : 1f;
        }
    }
}
