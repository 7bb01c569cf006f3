package org.hmem.engine.surrogate;

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
}
