package org.hmem.engine.simd;

import jdk.incubator.vector.FloatVector;

/**
 * The SIMD form of a surrogate gradient: the same pseudo-derivative, lane by lane, performing exactly the float
 * operations of the scalar {@code SurrogateGradient#derivative} so that both give the same bits. Offered by the
 * surrogate itself ({@code SurrogateGradient#vectorForm}) and only asked for when {@link Simd#enabled()}.
 */
public interface VectorSurrogate {

    /** {@code dz/dvScaled} per lane. */
    FloatVector derivative(FloatVector vScaled);
}
