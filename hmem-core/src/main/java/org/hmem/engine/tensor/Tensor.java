package org.hmem.engine.tensor;

import java.util.Arrays;

/** A shaped, row-major float32 array: the unit of checkpoints and reference data. */
public record Tensor(int[] shape, float[] data) {

    public Tensor {
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size
                    + " values, got " + data.length);
        }
        shape = shape.clone();
    }

    public static Tensor scalar(double value) {
        return new Tensor(new int[0], new float[] {(float) value});
    }

    public int size() {
        return data.length;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
