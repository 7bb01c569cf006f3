package org.hmem.engine.nn;

import java.util.List;

/**
 * Lookup table (num, dim). An optional padding index names a row that is zero and never receives a gradient
 * (PyTorch {@code padding_idx} semantics, spec §3.4).
 */
public final class Embedding implements Module {

    private final Parameter weight;
    private final int num;
    private final int dim;
    private final int paddingIdx;

    /** {@code paddingIdx < 0} means none. Creates {@code <prefix>.weight}. */
    public Embedding(String prefix, int num, int dim, int paddingIdx) {
        if (paddingIdx >= num) {
            throw new IllegalArgumentException("padding index " + paddingIdx + " outside 0.." + (num - 1));
        }
        this.num = num;
        this.dim = dim;
        this.paddingIdx = paddingIdx;
        this.weight = new Parameter(prefix + ".weight", true, num, dim);
    }

    public Parameter weight() {
        return weight;
    }

    public int num() {
        return num;
    }

    public int dim() {
        return dim;
    }

    public int paddingIdx() {
        return paddingIdx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight);
    }

    /** Zeroes the padding row (after initialisation, as PyTorch does). */
    public void zeroPaddingRow() {
        if (paddingIdx >= 0) {
            java.util.Arrays.fill(weight.data(), paddingIdx * dim, (paddingIdx + 1) * dim, 0f);
        }
    }

    /** {@code y[r] = W[idx[r]]} for {@code count} indices. */
    public void forward(int[] idx, int idxOff, int count, float[] y, int yOff) {
        float[] w = weight.data();
        for (int r = 0; r < count; r++) {
            int id = idx[idxOff + r];
            if (id < 0 || id >= num) {
                throw new IndexOutOfBoundsException("embedding index " + id + " outside 0.." + (num - 1));
            }
            System.arraycopy(w, id * dim, y, yOff + r * dim, dim);
        }
    }

    /** Scatters {@code gy} rows into the weight gradient, skipping the padding row. */
    public void backward(int[] idx, int idxOff, int count, float[] gy, int gyOff, Gradients grads) {
        float[] gw = grads.of(weight);
        if (gw == null) {
            return;
        }
        for (int r = 0; r < count; r++) {
            int id = idx[idxOff + r];
            if (id == paddingIdx) {
                continue;
            }
            int row = id * dim;
            int gr = gyOff + r * dim;
            for (int k = 0; k < dim; k++) {
                gw[row + k] += gy[gr + k];
            }
        }
    }
}
