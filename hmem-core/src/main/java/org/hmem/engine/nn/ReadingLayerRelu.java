package org.hmem.engine.nn;

import java.util.Arrays;
import java.util.List;

import org.hmem.engine.tensor.FloatOps;

/**
 * Non-spiking reading layer (spec §3.7): per item {@code k = ReLU(W x)} (W of shape (N, In), no feedback) and the
 * linear read {@code v = M k} (no 0.2 factor). Memory key-major.
 */
public final class ReadingLayerRelu implements Module {

    private final Parameter w;
    private final int in;
    private final int n;

    public ReadingLayerRelu(String prefix, int in, int n) {
        this.in = in;
        this.n = n;
        this.w = new Parameter(prefix + ".W", true, n, in);
    }

    public Parameter weight() {
        return w;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(w);
    }

    public Tape newTape() {
        return new Tape();
    }

    /** Per-sample record: keys and values {@code [item * N + i]}. */
    public static final class Tape {
        private float[] keys = new float[0];
        private float[] values = new float[0];
        private float[] gk = new float[0];
        private float[] x;
        private int xOff;
        private float[] m;
        private int mOff;
        private int items;

        public float[] keys() {
            return keys;
        }

        public float[] values() {
            return values;
        }
    }

    public void forward(float[] x, int xOff, int items, float[] m, int mOff, Tape tape) {
        tape.x = x;
        tape.xOff = xOff;
        tape.m = m;
        tape.mOff = mOff;
        tape.items = items;
        tape.keys = FloatOps.ensure(tape.keys, items * n);
        tape.values = FloatOps.ensure(tape.values, items * n);
        float[] wd = w.data();
        for (int s = 0; s < items; s++) {
            int ko = s * n;
            for (int o = 0; o < n; o++) {
                float pre = FloatOps.dotScalar(in, wd, o * in, x, xOff + s * in);
                tape.keys[ko + o] = pre > 0f ? pre : 0f;
            }
            Arrays.fill(tape.values, ko, ko + n, 0f);
            for (int j = 0; j < n; j++) {
                float kj = tape.keys[ko + j];
                if (kj != 0f) {
                    FloatOps.axpy(n, kj, m, mOff + j * n, tape.values, ko);
                }
            }
        }
    }

    /** @param gm adds {@code dL/dM} (key-major) if non-null */
    public void backward(float[] gKeys, float[] gValues, Tape tape, Gradients grads, float[] gx, int gxOff,
                         float[] gm, int gmOff) {
        tape.gk = FloatOps.ensure(tape.gk, n);
        float[] wd = w.data();
        float[] gW = grads.of(w);
        for (int s = 0; s < tape.items; s++) {
            int ko = s * n;
            for (int j = 0; j < n; j++) {
                float kj = tape.keys[ko + j];
                float g = gKeys == null ? 0f : gKeys[ko + j];
                if (gValues != null) {
                    if (kj != 0f && gm != null) {
                        FloatOps.axpy(n, kj, gValues, ko, gm, gmOff + j * n);
                    }
                    g += FloatOps.dot(n, tape.m, tape.mOff + j * n, gValues, ko);
                }
                tape.gk[j] = kj > 0f ? g : 0f;
            }
            int xs = tape.xOff + s * in;
            for (int o = 0; o < n; o++) {
                float g = tape.gk[o];
                if (g == 0f) {
                    continue;
                }
                if (gW != null) {
                    FloatOps.axpy(in, g, tape.x, xs, gW, o * in);
                }
                if (gx != null) {
                    FloatOps.axpy(in, g, wd, o * in, gx, gxOff + s * in);
                }
            }
        }
    }
}
