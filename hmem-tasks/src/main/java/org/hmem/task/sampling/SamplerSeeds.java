package org.hmem.task.sampling;

import java.util.SplittableRandom;

/**
 * Random streams that are pure functions of a few integers, which is what makes the samplers random-access: batch
 * {@code (epoch, index)} can be drawn without drawing the batches before it, so a resumed run sees exactly the
 * batches the uninterrupted run would have.
 *
 * <p>The reference draws all batches from one torch generator in sequence; that stream cannot be reproduced in Java,
 * and a sequential stream would force a resumed run to replay every earlier batch. Instead each part is hashed with
 * the SplitMix64 finaliser and folded into the state, so nearby inputs (epoch 3 and 4, index 0 and 1) give unrelated
 * seeds; a stream tag keeps the samplers apart even with the same seed. Public for the other tasks' samplers
 * (cross-modal episodes), which use their own tags.
 */
public final class SamplerSeeds {

    /** Tag of the episodic sampler's streams. */
    public static final long EPISODES = 0x4570697330646573L;

    /** Tag of the prototypical sampler's streams. */
    public static final long PROTOTYPICAL = 0x50726f746f4e6574L;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SamplerSeeds() {
    }

    /** A generator determined by {@code tag} and {@code parts} alone. */
    public static SplittableRandom random(long tag, long... parts) {
        long h = mix64(tag);
        for (long part : parts) {
            h = mix64((h + GOLDEN_GAMMA) ^ mix64(part + GOLDEN_GAMMA));
        }
        return new SplittableRandom(h);
    }

    /** The SplitMix64 finaliser (Stafford's variant 13): a bijection that spreads every input bit. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
