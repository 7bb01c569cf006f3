package org.hmem.engine.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import org.hmem.engine.simd.Simd;
import org.junit.jupiter.api.Test;

class TriangleSurrogateTest {

    @Test
    void isTheDampenedTriangleOfSpec14() {
        TriangleSurrogate s = new TriangleSurrogate(0.3f);
        assertEquals(0.3f, s.derivative(0f));
        assertEquals(0.3f * 0.5f, s.derivative(0.5f), 1e-7f);
        assertEquals(0.3f * 0.5f, s.derivative(-0.5f), 1e-7f);
        assertEquals(0f, s.derivative(1f));
        assertEquals(0f, s.derivative(-3f));
        assertEquals(0f, s.derivative(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> new TriangleSurrogate(-1f));
    }

    @Test
    void itsSimdFormGivesTheSameBitsLaneByLane() {
        assumeTrue(Simd.enabled(), "SIMD kernels need --add-modules jdk.incubator.vector");
        VectorSpecies<Float> species = FloatVector.SPECIES_PREFERRED;
        TriangleSurrogate s = new TriangleSurrogate(0.7f);
        float[] x = new float[species.length() * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i - x.length / 2f) / (x.length / 5f);
        }
        x[3] = Float.NaN;
        x[4] = -0f;
        float[] lanes = new float[x.length];
        for (int i = 0; i < x.length; i += species.length()) {
            s.vectorForm().derivative(FloatVector.fromArray(species, x, i)).intoArray(lanes, i);
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToRawIntBits(s.derivative(x[i])), Float.floatToRawIntBits(lanes[i]), "x = " + x[i]);
        }
    }
}
