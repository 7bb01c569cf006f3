package org.hmem.engine.nn;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Private gradient accumulators of one worker thread, one buffer per trainable parameter. Workers process disjoint
 * samples and write only here; {@link #addTo} folds them into {@link Parameter#grad()} in a fixed worker order, so
 * results do not depend on scheduling.
 */
public final class Gradients {

    private final Map<Parameter, float[]> buffers = new IdentityHashMap<>();
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

    public void zero() {
        for (float[] b : buffers.values()) {
            Arrays.fill(b, 0f);
        }
    }

    /** Adds every buffer to its parameter's gradient. */
    public void addTo() {
        for (Parameter p : params) {
            float[] b = buffers.get(p);
            if (b == null) {
                continue;
            }
            float[] g = p.grad();
            for (int i = 0; i < g.length; i++) {
                g[i] += b[i];
            }
        }
    }
}
