package org.hmem.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tiled transposes against the definition, on shapes below, at and across the tile side, ragged ends included. */
class TransposeTest {

    @ParameterizedTest
    @CsvSource({"1, 1", "1, 70", "70, 1", "31, 33", "32, 32", "64, 96", "100, 256", "256, 784", "129, 65"})
    void transposeAndAddTransposedMatchTheDefinition(int rows, int cols) {
        Random rng = new Random(rows * 1000L + cols);
        float[] a = new float[rows * cols];
        float[] base = new float[rows * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextFloat() - 0.5f;
            base[i] = rng.nextFloat() - 0.5f;
        }
        float[] t = new float[a.length];
        FloatOps.transpose(a, rows, cols, t);
        float[] sum = base.clone();
        FloatOps.addTransposed(a, rows, cols, sum);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float x = a[r * cols + c];
                assertEquals(x, t[c * rows + r], "transpose (" + r + ", " + c + ")");
                assertEquals(base[c * rows + r] + x, sum[c * rows + r], "addTransposed (" + r + ", " + c + ")");
            }
        }
    }
}
