package org.hmem.engine.nn;

import org.hmem.engine.tensor.FloatOps;

/**
 * Checkpointing of a memory matrix that evolves over a sequence, so that BPTT never keeps one copy per step.
 *
 * <p>The forward pass saves the memory entering every {@code interval}-th step. Backward walks the segments from
 * last to first; for each it replays the segment's updates from its checkpoint and keeps the memory entering each
 * of its steps. Storage is {@code (ceil(T/K) + K)} copies instead of {@code T}; with {@code K = ceil(sqrt(T))} that
 * is about {@code 2 sqrt(T)}, at the price of one extra update per step. Replay repeats the identical float
 * operations, so the recomputed memories are bit-identical to the forward ones.
 */
public final class MemoryCheckpoints {

    /** Re-applies step {@code t}'s memory update in place (the same operation the forward pass ran). */
    @FunctionalInterface
    public interface Replay {
        void step(int t, float[] m, int mOff);
    }

    private final int requestedInterval;
    private int interval;
    private int size;
    private int steps;
    private float[] saved = new float[0];
    private float[] segment = new float[0];
    private int segmentIndex = -1;

    /** {@code interval <= 0} chooses {@code ceil(sqrt(T))} per sequence. */
    public MemoryCheckpoints(int interval) {
        this.requestedInterval = interval;
    }

    /** Prepares for a sequence of {@code steps} steps of a memory of {@code size} floats. */
    public void begin(int steps, int size) {
        this.steps = steps;
        this.size = size;
        this.interval = requestedInterval > 0 ? requestedInterval : Math.max(1, (int) Math.ceil(Math.sqrt(steps)));
        int segments = segments();
        saved = FloatOps.ensure(saved, segments * size);
        segment = FloatOps.ensure(segment, Math.min(interval, Math.max(steps, 1)) * size);
        segmentIndex = -1;
    }

    public int interval() {
        return interval;
    }

    public int segments() {
        return (steps + interval - 1) / interval;
    }

    /** Call before running step {@code t}: saves {@code m} if t starts a segment. */
    public void beforeStep(int t, float[] m, int mOff) {
        if (t % interval == 0) {
            System.arraycopy(m, mOff, saved, (t / interval) * size, size);
        }
    }

    /**
     * Makes the memory entering every step of the segment containing {@code t} available, replaying updates from the
     * segment's checkpoint when that segment is not already loaded.
     */
    public void load(int t, Replay replay) {
        int seg = t / interval;
        if (seg == segmentIndex) {
            return;
        }
        int start = seg * interval;
        int len = Math.min(interval, steps - start);
        System.arraycopy(saved, seg * size, segment, 0, size);
        for (int k = 1; k < len; k++) {
            System.arraycopy(segment, (k - 1) * size, segment, k * size, size);
            replay.step(start + k - 1, segment, k * size);
        }
        segmentIndex = seg;
    }

    /** Array holding the memory entering step {@code t}; valid after {@link #load} of t's segment. */
    public float[] buffer() {
        return segment;
    }

    /** Offset of the memory entering step {@code t} in {@link #buffer()}. */
    public int offset(int t) {
        return (t % interval) * size;
    }

    /** Floats held for checkpoints and one segment: the working set this scheme needs per sequence. */
    public long floatsHeld() {
        return (long) segments() * size + (long) Math.min(interval, steps) * size;
    }
}
