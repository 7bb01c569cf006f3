package org.hmem.task.model;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.hmem.engine.conv.SpikingImageEncoder;
import org.hmem.engine.neuron.SpikeBuffer;
import org.hmem.engine.neuron.SpikeTrain;

/**
 * The spike caches of a model's frozen CNNs, one per data set (the key, compared by identity), each made on first
 * use; and the step that takes an item's CNN spikes from a cache or computes them.
 *
 * @param <K> the data set type
 */
public final class SpikeCaches<K> {

    private final Map<K, SpikeCache> caches = new IdentityHashMap<>();
    private final Function<K, SpikeCache> factory;
    private final Function<K, String> name;

    /**
     * @param factory makes the cache of a data set
     * @param name how {@link #release} names a data set
     */
    public SpikeCaches(Function<K, SpikeCache> factory, Function<K, String> name) {
        this.factory = factory;
        this.name = name;
    }

    /** The cache of {@code key}'s items. */
    public synchronized SpikeCache of(K key) {
        return caches.computeIfAbsent(key, factory);
    }

    /** Items held, over all caches. */
    public synchronized int filled() {
        int n = 0;
        for (SpikeCache c : caches.values()) {
            n += c.filled();
        }
        return n;
    }

    /** Closes the caches (deleting spill files) and says what they held. */
    public synchronized String release() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<K, SpikeCache> e : caches.entrySet()) {
            SpikeCache c = e.getValue();
            sb.append(String.format(Locale.ROOT, "%s%s: %d items (%s)", sb.length() == 0 ? "" : "; ",
                    name.apply(e.getKey()), c.filled(), c.inMemory() ? "in memory" : "in a temporary file"));
            c.close();
        }
        caches.clear();
        return sb.toString();
    }

    /**
     * The CNN spikes of one input (values at {@code x[off ..]}, item {@code item} of {@code cache}'s data set) into
     * {@code out} at {@code outOff}: from the cache when it has them, else computed by {@code encoder} on {@code tape}
     * (and cached). A frozen CNN's spikes get zero sensitivity: nothing upstream of them learns.
     *
     * @param cache the item's cache, or null to compute
     * @param scratch a cache scratch of the worker ({@link SpikeCache#newScratch})
     */
    public static void encode(SpikingImageEncoder encoder, float[] x, int off, SpikeCache cache, int item,
                              SpikeBuffer out, int outOff, SpikingImageEncoder.Tape tape, long[] scratch,
                              boolean frozen) {
        int size = out.size() * encoder.encoding().stepsPerItem();
        if (cache == null || !cache.get(item, out.spikes(), outOff, scratch)) {
            SpikeTrain spikes = encoder.forward(x, off, tape);
            System.arraycopy(spikes.spikes(), 0, out.spikes(), outOff, size);
            if (!frozen) {
                System.arraycopy(spikes.sensitivity(), 0, out.sensitivity(), outOff, size);
            }
            if (cache != null) {
                cache.put(item, spikes.spikes(), 0, scratch);
            }
        }
        if (frozen) {
            Arrays.fill(out.sensitivity(), outOff, outOff + size, 0f);
        }
    }
}
