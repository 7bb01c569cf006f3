package org.hmem.engine.surrogate;

import org.hmem.engine.simd.VectorSurrogate;

/**
 * Pseudo-derivative used in place of the Heaviside step's derivative during backpropagation.
 *
 * <p>The forward spike function is always {@code z = 1[vScaled > 0]}; implementations only define the backward
 * pass, as a function of the threshold-normalised potential {@code vScaled = (v - thr) / thr}.
 */
public interface SurrogateGradient {

    /** {@code dz/dvScaled} at the given normalised potential. */
    float derivative(float vScaled);

    /**
     * The same function for SIMD lanes, or null when this surrogate has none (neurons then run their scalar loop).
     * Called only when {@code Simd.enabled()}; must return a form giving bit-identical results.
     */
    default VectorSurrogate vectorForm() {
        return null;
    }
}
