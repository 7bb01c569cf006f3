package org.hmem.engine.nn;

import java.util.Arrays;

/**
 * A named tensor of a model with its gradient. The name is the reference's state-dict key (e.g.
 * {@code writing_layer.W}) so checkpoints map one to one. Data are flat row-major float32.
 *
 * <p>A frozen parameter ({@code trainable == false}) is still part of the model and of checkpoints but never
 * receives a gradient, so optimisers leave it unchanged (spec §3.10).
 */
public final class Parameter {

    private final String name;
    private final int[] shape;
    private final float[] data;
    private final float[] grad;
    private boolean trainable;

    public Parameter(String name, boolean trainable, int... shape) {
        this.name = name;
        this.shape = shape.clone();
        int size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape of " + name);
            }
            size = Math.multiplyExact(size, d);
        }
        this.data = new float[size];
        this.grad = new float[size];
        this.trainable = trainable;
    }

    public String name() {
        return name;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return data.length;
    }

    public float[] data() {
        return data;
    }

    public float[] grad() {
        return grad;
    }

    public boolean trainable() {
        return trainable;
    }

    /**
     * Freezes the parameter (PyTorch's {@code requires_grad_(False)}), e.g. a pretrained encoder the user keeps fixed.
     * Call before building the gradient buffers of a training step.
     */
    public void freeze() {
        trainable = false;
    }

    public void zeroGrad() {
        Arrays.fill(grad, 0f);
    }

    /** Copies {@code values} into the data, checking the length. */
    public void set(float[] values) {
        if (values.length != data.length) {
            throw new IllegalArgumentException(name + ": expected " + data.length + " values, got " + values.length);
        }
        System.arraycopy(values, 0, data, 0, data.length);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + (trainable ? "" : " (frozen)");
    }
}
