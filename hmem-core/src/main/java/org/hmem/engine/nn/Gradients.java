package org.hmem.engine.nn;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.hmem.engine.tensor.FloatOps;

/**
 * Private gradient accumulators of one worker thread, one buffer per trainable parameter. Workers process disjoint
 * samples and write only here; {@link #addTo} folds them into {@link Parameter#grad()} in a fixed worker order, so
 * results do not depend on scheduling.
 */
public final class Gradients {

    private final Map<Parameter, float[]> buffers = new IdentityHashMap<>();
    private final Map<Parameter, float[]> transposed = new IdentityHashMap<>();
    private final List<Parameter> params;

    public Gradients(List<Parameter> params) {
        this.params = List.copyOf(params);
        for (Parameter p : params) {
            if (p.trainable()) {
                buffers.put(p, new float[p.size()]);
            }
        }
    }

    /** The accumulator of {@code p}, or {@code null} if {@code p} is frozen (callers then skip that gradient). */
    public float[] of(Parameter p) {
        return buffers.get(p);
    }

    /**
     * A second accumulator of the 2-D parameter {@code p} (rows, cols) in transposed layout, {@code [c * rows + r]},
     * for layers whose gradient comes out column by column (a dense layer's outer products over its active inputs);
     * {@link #addTo} adds it transposed, so a layer need not transpose per sample. {@code null} if {@code p} is
     * frozen.
     */
    public float[] ofTransposed(Parameter p) {
        if (!buffers.containsKey(p)) {
            return null;
        }
        return transposed.computeIfAbsent(p, k -> {
            if (k.shape().length != 2) {
                throw new IllegalArgumentException(k.name() + " is not a matrix");
            }
            return new float[k.size()];
        });
    }

    public void zero() {
        for (float[] b : buffers.values()) {
            Arrays.fill(b, 0f);
        }
        for (float[] b : transposed.values()) {
            Arrays.fill(b, 0f);
        }
    }

    /** Adds every buffer to its parameter's gradient (a transposed one transposed back). */
    public void addTo() {
        addTo(params, direct(), transposed());
    }

    /**
     * The buffers in parameter order, {@code null} for a frozen parameter: what another process needs to add this
     * worker's gradients with {@link #addTo(List, float[][], float[][])}.
     */
    public float[][] direct() {
        float[][] out = new float[params.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = buffers.get(params.get(i));
        }
        return out;
    }

    /** The transposed buffers in parameter order, {@code null} where a parameter has none. */
    public float[][] transposed() {
        float[][] out = new float[params.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = transposed.get(params.get(i));
        }
        return out;
    }

    /**
     * Adds a worker's buffers, {@link #direct()} and {@link #transposed()} of a {@code Gradients} over the same
     * parameters (possibly in another process), to the parameters' gradients, in the same order of operations as
     * {@link #addTo()}, so the sums are the same to the bit.
     */
    public static void addTo(List<Parameter> params, float[][] direct, float[][] transposed) {
        for (int k = 0; k < params.size(); k++) {
            float[] b = direct[k];
            if (b == null) {
                continue;
            }
            Parameter p = params.get(k);
            float[] g = p.grad();
            for (int i = 0; i < g.length; i++) {
                g[i] += b[i];
            }
            float[] t = transposed[k];
            if (t != null) {
                FloatOps.addTransposed(t, p.dim(1), p.dim(0), g);
            }
        }
    }
}
