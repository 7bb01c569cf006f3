package org.hmem.engine.nn;

import java.util.Arrays;
import java.util.List;

import org.hmem.engine.plasticity.PlasticityRule;
import org.hmem.engine.tensor.FloatOps;

/**
 * Non-spiking writing layer (spec §3.7): per item {@code k = ReLU(W_k x)}, {@code v = ReLU(W_v x)},
 * {@code M <- M + Delta(pre = k, post = v, M)}; no traces, no key-to-value current. Memory key-major.
 */
public final class WritingLayerRelu implements Module {

    private final Parameter w;
    private final int in;
    private final int n;
    private final PlasticityRule rule;
    private final int checkpointInterval;

    public WritingLayerRelu(String prefix, int in, int n, PlasticityRule rule, int checkpointInterval) {
        this.in = in;
        this.n = n;
        this.rule = rule;
        this.checkpointInterval = checkpointInterval;
        this.w = new Parameter(prefix + ".W", true, 2 * n, in);
    }

    public Parameter weight() {
        return w;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(w);
    }

    public Tape newTape() {
        return new Tape(this);
    }

    /** Per-sample record: activations {@code [item * 2N + o]} (keys then values) and memory checkpoints. */
    public static final class Tape {
        private final MemoryCheckpoints checkpoints;
        private final float[] memory;
        private final float[] gMemory;
        private final float[] gk;
        private final float[] gv;
        private float[] act = new float[0];
        private float[] gPre = new float[0];
        private float[] x;
        private int xOff;
        private int items;
        private float[] initial;

        private Tape(WritingLayerRelu l) {
            checkpoints = new MemoryCheckpoints(l.checkpointInterval);
            memory = new float[l.n * l.n];
            gMemory = new float[l.n * l.n];
            gk = new float[l.n];
            gv = new float[l.n];
        }

        /** Final memory, key-major. */
        public float[] memory() {
            return memory;
        }

        /**
         * The memory the following forward calls start from (key-major, copied at each start), e.g. the previous
         * call's final memory of the same sample; null (the default) for zeros.
         */
        public void startFrom(float[] memory) {
            this.initial = memory;
        }

        /** After backward: {@code dL/d(initial memory)}, key-major. */
        public float[] initialMemoryGradient() {
            return gMemory;
        }

        /** Keys of item l at {@code l * 2N}, values at {@code l * 2N + N}. */
        public float[] activations() {
            return act;
        }
    }

    public void forward(float[] x, int xOff, int items, Tape tape) {
        tape.x = x;
        tape.xOff = xOff;
        tape.items = items;
        int n2 = 2 * n;
        tape.act = FloatOps.ensure(tape.act, items * n2);
        tape.checkpoints.begin(items, n * n);
        if (tape.initial == null) {
            Arrays.fill(tape.memory, 0f);
        } else {
            System.arraycopy(tape.initial, 0, tape.memory, 0, n * n);
        }
        float[] wd = w.data();
        for (int s = 0; s < items; s++) {
            int a = s * n2;
            for (int o = 0; o < n2; o++) {
                float pre = FloatOps.dotScalar(in, wd, o * in, x, xOff + s * in);
                tape.act[a + o] = pre > 0f ? pre : 0f;
            }
            tape.checkpoints.beforeStep(s, tape.memory, 0);
            rule.update(tape.memory, 0, tape.act, a, tape.act, a + n, n, n);
        }
    }

    /**
     * @param gKeys {@code dL/dkeys} (items, N) or null; {@code gValues} likewise; {@code gMemoryFinal} key-major or
     *              null. Not modified.
     */
    public void backward(float[] gKeys, float[] gValues, float[] gMemoryFinal, Tape tape, Gradients grads,
                         float[] gx, int gxOff) {
        int n2 = 2 * n;
        float[] gm = tape.gMemory;
        if (gMemoryFinal != null) {
            System.arraycopy(gMemoryFinal, 0, gm, 0, n * n);
        } else {
            Arrays.fill(gm, 0f);
        }
        tape.gPre = FloatOps.ensure(tape.gPre, n2);
        float[] gPre = tape.gPre;
        float[] wd = w.data();
        float[] gW = grads.of(w);
        MemoryCheckpoints.Replay replay = (s, mem, off) ->
                rule.update(mem, off, tape.act, s * n2, tape.act, s * n2 + n, n, n);
        for (int s = tape.items - 1; s >= 0; s--) {
            int a = s * n2;
            Arrays.fill(tape.gk, 0f);
            Arrays.fill(tape.gv, 0f);
            tape.checkpoints.load(s, replay);
            rule.backward(gm, 0, tape.checkpoints.buffer(), tape.checkpoints.offset(s), tape.act, a, tape.act, a + n,
                    tape.gk, 0, tape.gv, 0, n, n);
            for (int i = 0; i < n; i++) {
                float gki = tape.gk[i] + (gKeys == null ? 0f : gKeys[s * n + i]);
                float gvi = tape.gv[i] + (gValues == null ? 0f : gValues[s * n + i]);
                gPre[i] = tape.act[a + i] > 0f ? gki : 0f;
                gPre[n + i] = tape.act[a + n + i] > 0f ? gvi : 0f;
            }
            int xs = tape.xOff + s * in;
            for (int o = 0; o < n2; o++) {
                float g = gPre[o];
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
