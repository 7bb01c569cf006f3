package org.hmem.task.rl;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.hmem.engine.init.Init;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Linear;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.tensor.FloatOps;

/**
 * The actor and critic heads on a recurrent core's features (spec §4.8, §3.8): actor features
 * {@code tanh(A2 tanh(A0 f))}, action logits {@code dist(actor features)}, value
 * {@code critic_linear(tanh(C2 tanh(C0 [obs, f])))} — the critic also sees the raw observation. Parameter names as the
 * reference's {@code Policy}: {@code dist.linear.*}, {@code net.actor.{0,2}.*}, {@code net.critic.{0,2}.*},
 * {@code net.critic_linear.*}.
 */
public final class ActorCritic implements Module {

    private final int obsSize;
    private final int featureSize;
    private final int hidden;
    private final int actions;
    private final Linear dist;
    private final Linear actor0;
    private final Linear actor2;
    private final Linear critic0;
    private final Linear critic2;
    private final Linear criticLinear;

    public ActorCritic(int obsSize, int featureSize, int actions) {
        this.obsSize = obsSize;
        this.featureSize = featureSize;
        this.hidden = featureSize;
        this.actions = actions;
        dist = new Linear("dist.linear", hidden, actions, true);
        actor0 = new Linear("net.actor.0", featureSize, hidden, true);
        actor2 = new Linear("net.actor.2", hidden, hidden, true);
        critic0 = new Linear("net.critic.0", obsSize + featureSize, hidden, true);
        critic2 = new Linear("net.critic.2", hidden, hidden, true);
        criticLinear = new Linear("net.critic_linear", hidden, 1, true);
    }

    public int actions() {
        return actions;
    }

    /** The action head first, as the reference's state dict lists it. */
    public List<Parameter> distParameters() {
        return dist.parameters();
    }

    /** Actor and critic, in the reference's order. */
    public List<Parameter> netParameters() {
        return Module.collect(actor0, actor2, critic0, critic2, criticLinear);
    }

    @Override
    public List<Parameter> parameters() {
        return Module.collect(dist, actor0, actor2, critic0, critic2, criticLinear);
    }

    /** Orthogonal weights (gain sqrt 2; the action head 0.01) and zero biases (spec §3.8, §4.8). */
    public void initialize(SplittableRandom rng) {
        for (Linear l : List.of(actor0, actor2, critic0, critic2, criticLinear)) {
            Init.orthogonal(l.weight(), Init.SQRT2, rng);
            Init.constant(l.bias(), 0f);
        }
        Init.orthogonal(dist.weight(), 0.01, rng);
        Init.constant(dist.bias(), 0f);
    }

    public Tape newTape() {
        return new Tape();
    }

    /** Activations of up to {@code rows} rows, for backward. */
    public final class Tape {
        private float[] a1 = new float[0];
        private float[] a2 = new float[0];
        private float[] criticIn = new float[0];
        private float[] c1 = new float[0];
        private float[] c2 = new float[0];
        private float[] g1 = new float[0];
        private float[] g2 = new float[0];
        private float[] gIn = new float[0];
        private float[] features;
        private int featuresOff;
        private int rows;

        private Tape() {
        }

        private void ensure(int rows) {
            a1 = FloatOps.ensure(a1, rows * hidden);
            a2 = FloatOps.ensure(a2, rows * hidden);
            criticIn = FloatOps.ensure(criticIn, rows * (obsSize + featureSize));
            c1 = FloatOps.ensure(c1, rows * hidden);
            c2 = FloatOps.ensure(c2, rows * hidden);
            g1 = FloatOps.ensure(g1, rows * hidden);
            g2 = FloatOps.ensure(g2, rows * hidden);
            gIn = FloatOps.ensure(gIn, rows * (obsSize + featureSize));
        }

        /** Actor features (rows, hidden) of the last forward. */
        public float[] actorFeatures() {
            return a2;
        }
    }

    /**
     * Heads of {@code rows} rows.
     *
     * @param obs (rows, obsSize); {@code features} (rows, featureSize): kept by reference for backward
     * @param logits (rows, actions) and {@code values} (rows) are written
     */
    public void forward(float[] obs, int obsOff, float[] features, int fOff, int rows, float[] logits, int lOff,
                        float[] values, int vOff, Tape tape) {
        tape.ensure(rows);
        tape.features = features;
        tape.featuresOff = fOff;
        tape.rows = rows;
        int cin = obsSize + featureSize;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(obs, obsOff + r * obsSize, tape.criticIn, r * cin, obsSize);
            System.arraycopy(features, fOff + r * featureSize, tape.criticIn, r * cin + obsSize, featureSize);
        }
        actor0.forward(features, fOff, rows, tape.a1, 0);
        tanh(tape.a1, rows * hidden);
        actor2.forward(tape.a1, 0, rows, tape.a2, 0);
        tanh(tape.a2, rows * hidden);
        dist.forward(tape.a2, 0, rows, logits, lOff);
        critic0.forward(tape.criticIn, 0, rows, tape.c1, 0);
        tanh(tape.c1, rows * hidden);
        critic2.forward(tape.c1, 0, rows, tape.c2, 0);
        tanh(tape.c2, rows * hidden);
        criticLinear.forward(tape.c2, 0, rows, values, vOff);
    }

    /**
     * From {@code dL/dlogits} and {@code dL/dvalues} of the last forward's rows to the parameters and
     * {@code dL/dfeatures} (added into {@code gFeatures}).
     */
    public void backward(float[] gLogits, int glOff, float[] gValues, int gvOff, Tape tape, Gradients grads,
                         float[] gFeatures, int gfOff) {
        int rows = tape.rows, cin = obsSize + featureSize;
        // actor
        Arrays.fill(tape.g2, 0, rows * hidden, 0f);
        dist.backward(gLogits, glOff, tape.a2, 0, rows, grads, tape.g2, 0);
        tanhBackward(tape.g2, tape.a2, rows * hidden);
        Arrays.fill(tape.g1, 0, rows * hidden, 0f);
        actor2.backward(tape.g2, 0, tape.a1, 0, rows, grads, tape.g1, 0);
        tanhBackward(tape.g1, tape.a1, rows * hidden);
        actor0.backward(tape.g1, 0, tape.features, tape.featuresOff, rows, grads, gFeatures, gfOff);
        // critic
        Arrays.fill(tape.g2, 0, rows * hidden, 0f);
        criticLinear.backward(gValues, gvOff, tape.c2, 0, rows, grads, tape.g2, 0);
        tanhBackward(tape.g2, tape.c2, rows * hidden);
        Arrays.fill(tape.g1, 0, rows * hidden, 0f);
        critic2.backward(tape.g2, 0, tape.c1, 0, rows, grads, tape.g1, 0);
        tanhBackward(tape.g1, tape.c1, rows * hidden);
        Arrays.fill(tape.gIn, 0, rows * cin, 0f);
        critic0.backward(tape.g1, 0, tape.criticIn, 0, rows, grads, tape.gIn, 0);
        for (int r = 0; r < rows; r++) {
            FloatOps.axpy(featureSize, 1f, tape.gIn, r * cin + obsSize, gFeatures, gfOff + r * featureSize);
        }
    }

    private static void tanh(float[] a, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = (float) Math.tanh(a[i]);
        }
    }

    /** {@code g *= 1 - y^2} with y = tanh(x) the forward output. */
    private static void tanhBackward(float[] g, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            g[i] *= 1f - y[i] * y[i];
        }
    }
}
