package org.hmem.engine.neuron;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD form of {@link ExpTrace#step}: per lane exactly its float operations and flush. Needs at least one full
 * vector; a ragged end is one overlapping vector computed from the incoming trace and stored after the main loop.
 * Loaded only when SIMD is enabled.
 */
final class TraceLanes {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int LENGTH = S.length();

    private TraceLanes() {
    }

    static void step(float g, float d, float[] z, int zOff, float[] trace, float[] rec, int recOff, int n) {
        final FloatVector vG = FloatVector.broadcast(S, g), vD = FloatVector.broadcast(S, d);
        final FloatVector zero = FloatVector.zero(S), tiny = FloatVector.broadcast(S, ExpTrace.FLUSH);
        final int bound = S.loopBound(n);
        final int at = n - LENGTH;
        FloatVector tail = null;
        if (bound != n) {
            tail = vG.mul(FloatVector.fromArray(S, z, zOff + at)).add(vD.mul(FloatVector.fromArray(S, trace, at)));
            tail = tail.blend(zero, tail.abs().compare(VectorOperators.LT, tiny));
            tail.intoArray(rec, recOff + at);
        }
        for (int i = 0; i < bound; i += LENGTH) {
            FloatVector x = vG.mul(FloatVector.fromArray(S, z, zOff + i))
                    .add(vD.mul(FloatVector.fromArray(S, trace, i)));
            x = x.blend(zero, x.abs().compare(VectorOperators.LT, tiny));
            x.intoArray(trace, i);
            x.intoArray(rec, recOff + i);
        }
        if (tail != null) {
            tail.intoArray(trace, at);
        }
    }
}
