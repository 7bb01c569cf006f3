package org.hmem.engine.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD versions of the engine's hot loops. Only ever loaded when {@link Simd#enabled()}.
 *
 * <p>Rules every kernel follows: scalar operands are broadcast once outside the loops (on Java 17, lane-wise
 * operations with a scalar argument inside a loop are not optimised); the tail that does not fill a vector runs
 * the scalar expression; kernels used by forward passes perform exactly the scalar code's float operations per
 * element (no fused multiply-add, same association), so their results are bit-identical.
 */
public final class VectorKernels {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorKernels() {
    }

    static String describe() {
        return S.vectorBitSize() + "-bit, " + S.length() + " floats";
    }
}
