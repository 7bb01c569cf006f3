package org.hmem.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CarriedStateTest {

    private record Two(float[] a, float[] b) implements CarriedState {
        @Override
        public List<float[]> tensors() {
            return List.of(a, b);
        }
    }

    @Test
    void copyZeroAndCompareWorkOnEveryTensor() {
        Two x = new Two(new float[] {1, 2}, new float[] {3});
        Two y = new Two(new float[2], new float[1]);
        assertFalse(x.bitwiseEquals(y));
        y.copyFrom(x);
        assertTrue(x.bitwiseEquals(y));
        assertArrayEquals(new float[] {3}, y.b());
        y.zero();
        assertArrayEquals(new float[2], y.a());
        assertArrayEquals(new float[1], y.b());
        assertFalse(new Two(new float[] {0f}, new float[0]).bitwiseEquals(new Two(new float[] {-0f}, new float[0])),
                "bitwise: -0 differs from +0");
    }

    @Test
    void statesOfOtherLayoutsAreRefused() {
        Two x = new Two(new float[2], new float[1]);
        assertThrows(IllegalArgumentException.class, () -> x.copyFrom(new Two(new float[3], new float[1])));
    }
}
