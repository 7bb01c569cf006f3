package org.hmem.engine.surrogate;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import org.hmem.engine.simd.VectorSurrogate;

/**
 * Triangular pseudo-derivative {@code gamma * max(0, 1 - |x|)} with dampening factor {@code gamma}
 * (Bellec et al., "A solution to the learning dilemma for recurrent networks of spiking neurons", 2020),
 * as used by the H-Mem reference (spec §1.4).
 */
public final class TriangleSurrogate implements SurrogateGradient {

    private final float dampening;

    public TriangleSurrogate(float dampening) {
        if (!(dampening >= 0f)) {
            throw new IllegalArgumentException("dampening factor must be >= 0, got " + dampening);
        }
        this.dampening = dampening;
    }

    public float dampening() {
        return dampening;
    }

    @Override
    public float derivative(float vScaled) {
        float tri = 1f - Math.abs(vScaled);
        return tri > 0f ? dampening * tri : 0f;
    }

    @Override
    public VectorSurrogate vectorForm() {
        return new Lanes(dampening);
    }

    /**
     * {@link #derivative} per lane, with the constants broadcast once. Its method is kept within the JIT's always-inline
     * size (35 bytes of bytecode), so that kernels calling it never box vectors. Loaded only when SIMD is enabled.
     */
    private static final class Lanes implements VectorSurrogate {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
        private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
        private static final FloatVector ZERO = FloatVector.zero(S);
        private final FloatVector damp;

        Lanes(float dampening) {
            this.damp = FloatVector.broadcast(S, dampening);
        }

        @Override
        public FloatVector derivative(FloatVector vScaled) {
            FloatVector tri = ONE.sub(vScaled.abs());
            return ZERO.blend(damp.mul(tri), tri.compare(VectorOperators.GT, 0f));
        }
    }
}
