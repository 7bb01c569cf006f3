package org.hmem.engine.nn;

import java.util.List;

/**
 * Fully connected layer {@code y = x W^T (+ b)} with {@code W} of shape (out, in), applied row by row to
 * {@code rows} input vectors of one sample.
 */
public final class Linear implements Module {

    private final Parameter weight;
    private final Parameter bias;
    private final int in;
    private final int out;

    /** Creates {@code <prefix>.weight} (and {@code <prefix>.bias}) with zero values; initialise with {@code Init}. */
    public Linear(String prefix, int in, int out, boolean bias) {
        this.in = in;
        this.out = out;
        this.weight = new Parameter(prefix + ".weight", true, out, in);
        this.bias = bias ? new Parameter(prefix + ".bias", true, out) : null;
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    /** {@code y[r] = W x[r] (+ b)} for r < rows. x is (rows, in) at xOff, y is (rows, out) at yOff (overwritten). */
    public void forward(float[] x, int xOff, int rows, float[] y, int yOff) {
        float[] w = weight.data();
        float[] b = bias == null ? null : bias.data();
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * in;
            int yr = yOff + r * out;
            for (int o = 0; o < out; o++) {
                int wr = o * in;
                float acc = 0f;
                for (int k = 0; k < in; k++) {
                    acc += x[xr + k] * w[wr + k];
                }
                y[yr + o] = b == null ? acc : acc + b[o];
            }
        }
    }

    /**
     * Accumulates weight (and bias) gradients into {@code grads} and, if {@code gx != null}, adds {@code gy W} to
     * {@code gx}.
     */
    public void backward(float[] gy, int gyOff, float[] x, int xOff, int rows, Gradients grads,
                         float[] gx, int gxOff) {
        float[] w = weight.data();
        float[] gw = grads.of(weight);
        float[] gb = bias == null ? null : grads.of(bias);
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * in;
            int yr = gyOff + r * out;
            for (int o = 0; o < out; o++) {
                float g = gy[yr + o];
                if (g == 0f) {
                    continue;
                }
                int wr = o * in;
                if (gw != null) {
                    for (int k = 0; k < in; k++) {
                        gw[wr + k] += g * x[xr + k];
                    }
                }
                if (gb != null) {
                    gb[o] += g;
                }
                if (gx != null) {
                    int gr = gxOff + r * in;
                    for (int k = 0; k < in; k++) {
                        gx[gr + k] += g * w[wr + k];
                    }
                }
            }
        }
    }
}
