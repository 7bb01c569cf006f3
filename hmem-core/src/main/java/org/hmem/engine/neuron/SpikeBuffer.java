package org.hmem.engine.neuron;

import org.hmem.engine.tensor.FloatOps;

/**
 * A spike train that a layer without neurons produces (a max-pool of spikes): its spikes, an optional sensitivity
 * record, and the gradient accumulator every {@link SpikeTrain} has. Buffers grow to the longest sequence and are
 * reused.
 */
public final class SpikeBuffer implements SpikeTrain {

    private final int size;
    private final boolean withSensitivity;
    private float[] spikes = new float[0];
    private float[] sensitivity = new float[0];
    private float[] grad = new float[0];
    private boolean gradReady;
    private int steps;

    /** @param withSensitivity whether the producer fills a sensitivity record (else every entry may matter) */
    public SpikeBuffer(int size, boolean withSensitivity) {
        this.size = size;
        this.withSensitivity = withSensitivity;
    }

    /** Prepares for {@code steps} steps (contents not cleared: the producer writes every entry). */
    public void begin(int steps) {
        this.steps = steps;
        spikes = FloatOps.ensure(spikes, steps * size);
        if (withSensitivity) {
            sensitivity = FloatOps.ensure(sensitivity, steps * size);
        }
        gradReady = false;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int steps() {
        return steps;
    }

    /** Spikes {@code [t * size + i]}, written by the producer. */
    @Override
    public float[] spikes() {
        return spikes;
    }

    @Override
    public float[] sensitivity() {
        return withSensitivity ? sensitivity : null;
    }

    @Override
    public float[] gradient() {
        if (!gradReady) {
            grad = FloatOps.ensureZeroed(grad, steps * size);
            gradReady = true;
        }
        return grad;
    }
}
