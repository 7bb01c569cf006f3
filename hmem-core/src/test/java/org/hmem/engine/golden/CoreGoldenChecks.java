package org.hmem.engine.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hmem.engine.neuron.IafPscDelta;
import org.hmem.engine.neuron.IafState;
import org.hmem.engine.neuron.IntegrateAndFire;
import org.hmem.engine.neuron.NeuronModel;
import org.hmem.engine.neuron.NeuronState;
import org.hmem.engine.neuron.NonLeakyIafPscDelta;
import org.hmem.engine.nn.DenseLayer;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.ReadingLayer;
import org.hmem.engine.nn.ReadingState;
import org.hmem.engine.nn.WritingLayer;
import org.hmem.engine.nn.WritingState;
import org.hmem.engine.plasticity.InvertedOjaSoftBound;
import org.hmem.engine.surrogate.TriangleSurrogate;

/** Golden checks for the engine's own kinds: neurons, plasticity, writing/reading/dense layers. */
public final class CoreGoldenChecks {

    private CoreGoldenChecks() {
    }

    /** Kind name to check. */
    public static Map<String, GoldenCheck> all() {
        Map<String, GoldenCheck> m = new LinkedHashMap<>();
        m.put("neuron_iaf_psc_delta", c -> neuron(c, leaky(c)));
        m.put("neuron_nonleaky_iaf", c -> neuron(c, new NonLeakyIafPscDelta((float) c.config("thr"),
                c.configBool("perfect_reset"), c.configInt("refractory_time_steps"),
                new TriangleSurrogate((float) c.config("dampening_factor")))));
        m.put("plasticity_inverted_oja", CoreGoldenChecks::plasticity);
        m.put("writing_layer", CoreGoldenChecks::writing);
        m.put("reading_layer", CoreGoldenChecks::reading);
        m.put("spiking_dense", CoreGoldenChecks::dense);
        return m;
    }

    /** The shared leaky neuron described by a case's config. */
    public static IafPscDelta leaky(GoldenCase c) {
        return new IafPscDelta((float) c.config("thr"), c.configBool("perfect_reset"),
                c.configInt("refractory_time_steps"), (float) c.config("tau_mem"),
                new TriangleSurrogate((float) c.config("dampening_factor")));
    }

    public static InvertedOjaSoftBound rule(GoldenCase c) {
        return new InvertedOjaSoftBound((float) c.config("w_max"), (float) c.config("gamma_pos"),
                (float) c.config("gamma_neg"));
    }

    static void neuron(GoldenCase c, IntegrateAndFire model) {
        int batch = c.configInt("batch_size"), steps = c.configInt("num_time_steps"), n = c.configInt("num_neurons");
        GoldenCase.Ref current = c.input("current");
        GoldenCase.Ref wSpikes = c.input("w_spikes");
        GoldenCase.Ref wMembrane = c.input("w_membrane");
        int len = batch * steps * n;
        float[] spikes = new float[len], membrane = new float[len], refractory = new float[len];
        float[] vScaled = new float[len], surrogate = new float[len];
        float[] gLoss = new float[len], gLossMembrane = new float[len];
        float thr = model.threshold();
        for (int b = 0; b < batch; b++) {
            float[] cur = Layouts.sample(current, b);
            IafState state = model.newState(n);
            float[][] rec = {membrane, surrogate};
            int base = b * steps * n;
            for (int t = 0; t < steps; t++) {
                int off = base + t * n;
                model.forwardStep(cur, t * n, state, rec, off, n);
                for (int i = 0; i < n; i++) {
                    spikes[off + i] = state.z()[i];
                    refractory[off + i] = state.r()[i];
                    vScaled[off + i] = (membrane[off + i] - thr) / thr;
                }
            }
            backward(model, Layouts.sample(wSpikes, b), null, spikes, rec, base, steps, n, gLoss, base);
            backward(model, Layouts.sample(wSpikes, b), Layouts.sample(wMembrane, b), spikes, rec, base, steps, n,
                    gLossMembrane, base);
        }
        Compare.exact("spikes", c.output("spikes").values(), spikes, len);
        Compare.exact("refractory", c.output("refractory").values(), refractory, len);
        Compare.close("membrane", c.output("membrane").values(), membrane, len, Compare.FORWARD);
        Compare.close("v_scaled", c.output("v_scaled").values(), vScaled, len, Compare.FORWARD);
        double loss = 0, lossMembrane = 0;
        for (int i = 0; i < len; i++) {
            loss += spikes[i] * wSpikes.values()[i];
            lossMembrane += membrane[i] * wMembrane.values()[i];
        }
        Compare.close("loss", c.loss("loss"), loss, Compare.FORWARD);
        Compare.close("loss_with_membrane", c.loss("loss_with_membrane"), loss + lossMembrane, Compare.FORWARD);
        Compare.close("d loss / d current", c.grads("loss").get("current").values(), gLoss, len, Compare.GRADIENT);
        Compare.close("d loss_with_membrane / d current", c.grads("loss_with_membrane").get("current").values(),
                gLossMembrane, len, Compare.GRADIENT);
    }

    private static void backward(NeuronModel model, float[] gz, float[] gv, float[] spikes, float[][] rec, int base,
                                 int steps, int n, float[] gCurrent, int gOff) {
        NeuronState adjoint = model.newState(n);
        for (int t = steps - 1; t >= 0; t--) {
            model.backwardStep(gz, t * n, gv, t * n, spikes, rec, base + t * n, adjoint, gCurrent, gOff + t * n, n);
        }
    }

    static void plasticity(GoldenCase c) {
        InvertedOjaSoftBound rule = rule(c);
        int batch = c.configInt("batch_size"), nPost = c.configInt("n_post"), nPre = c.configInt("n_pre");
        GoldenCase.Ref weights = c.input("weights");
        float[] delta = new float[batch * nPost * nPre];
        float[] gWeights = new float[delta.length];
        float[] gPre = new float[batch * nPre], gPost = new float[batch * nPost];
        for (int b = 0; b < batch; b++) {
            float[] m = Layouts.memoryToKeyMajor(weights, b);
            float[] updated = m.clone();
            float[] pre = Layouts.sample(c.input("pre"), b), post = Layouts.sample(c.input("post"), b);
            rule.update(updated, 0, pre, 0, post, 0, nPre, nPost);
            float[] d = new float[m.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = updated[i] - m[i];
            }
            System.arraycopy(Layouts.memoryFromKeyMajor(d, nPost, nPre), 0, delta, b * d.length, d.length);
            // d(sum delta*r)/dM = (dM_new/dM)^T r - r, as backward() propagates through M + delta
            float[] r = Layouts.memoryToKeyMajor(c.input("r"), b);
            float[] g = r.clone();
            rule.backward(g, 0, m, 0, pre, 0, post, 0, gPre, b * nPre, gPost, b * nPost, nPre, nPost);
            for (int i = 0; i < g.length; i++) {
                g[i] -= r[i];
            }
            System.arraycopy(Layouts.memoryFromKeyMajor(g, nPost, nPre), 0, gWeights, b * g.length, g.length);
        }
        Compare.close("delta", c.output("delta").values(), delta, delta.length, Compare.FORWARD);
        Map<String, GoldenCase.Ref> grads = c.grads("loss");
        Compare.close("d loss / d pre", grads.get("pre").values(), gPre, gPre.length, Compare.FORWARD);
        Compare.close("d loss / d post", grads.get("post").values(), gPost, gPost.length, Compare.FORWARD);
        Compare.close("d loss / d weights", grads.get("weights").values(), gWeights, gWeights.length,
                Compare.FORWARD);
    }

    static void writing(GoldenCase c) {
        int batch = c.configInt("batch_size"), in = c.configInt("input_size"), n = c.configInt("hidden_size");
        int steps = c.configInt("num_time_steps");
        assertEquals(WritingLayer.KEY_TO_VALUE_SCALE, (float) c.config("key_to_value_scale"));
        WritingLayer layer = new WritingLayer("", in, n, rule(c), (float) c.config("tau_trace"), leaky(c), 0);
        layer.weight().set(c.parameter("W").floats());
        Gradients grads = new Gradients(layer.parameters());
        WritingLayer.Tape tape = layer.newTape();
        Outputs out = new Outputs(batch);
        float[] gx = new float[batch * steps * in];
        for (int b = 0; b < batch; b++) {
            float[] x = Layouts.sample(c.input("x"), b);
            layer.forward(x, 0, steps, tape);
            WritingState last = tape.finalState();
            out.put("mem", b, Layouts.memoryFromKeyMajor(last.memory(), n, n));
            out.put("keys", b, Arrays.copyOf(tape.keys().spikes(), steps * n));
            out.put("values", b, Arrays.copyOf(tape.values().spikes(), steps * n));
            out.put("final_key_membrane", b, ((IafState) last.keys()).v().clone());
            out.put("final_key_refractory", b, ((IafState) last.keys()).r().clone());
            out.put("final_val_membrane", b, ((IafState) last.values()).v().clone());
            out.put("final_val_refractory", b, ((IafState) last.values()).r().clone());
            out.put("final_key_trace", b, last.keyTrace().clone());
            out.put("final_val_trace", b, last.valueTrace().clone());
            add(Layouts.sample(c.input("r_key"), b), tape.keys().gradient());
            add(Layouts.sample(c.input("r_val"), b), tape.values().gradient());
            add(Layouts.memoryToKeyMajor(c.input("r_mem"), b), tape.finalStateGradient().memory());
            layer.backward(tape, grads, gx, b * steps * in, null, 0);
        }
        out.compare(c, List.of("keys", "values", "final_key_refractory", "final_val_refractory"),
                List.of("mem", "final_key_membrane", "final_val_membrane", "final_key_trace", "final_val_trace"));
        double loss = out.dot("mem", c.input("r_mem")) + out.dot("keys", c.input("r_key"))
                + out.dot("values", c.input("r_val"));
        Compare.close("loss", c.loss("loss"), loss, Compare.FORWARD);
        grads.addTo();
        Map<String, GoldenCase.Ref> g = c.grads("loss");
        Compare.close("d loss / d W", g.get("W").values(), layer.weight().grad(), layer.weight().size(),
                Compare.GRADIENT);
        Compare.close("d loss / d x", g.get("x").values(), gx, gx.length, Compare.GRADIENT);
    }

    static void reading(GoldenCase c) {
        int batch = c.configInt("batch_size"), in = c.configInt("input_size"), n = c.configInt("hidden_size");
        int steps = c.configInt("num_time_steps"), delay = c.configInt("feedback_delay");
        ReadingLayer layer = new ReadingLayer("", in, n, delay, leaky(c));
        layer.weight().set(c.parameter("W").floats());
        Gradients grads = new Gradients(layer.parameters());
        ReadingLayer.Tape tape = layer.newTape();
        Outputs out = new Outputs(batch);
        float[] gx = new float[batch * steps * in];
        float[] gMem = new float[batch * n * n];
        for (int b = 0; b < batch; b++) {
            float[] m = Layouts.memoryToKeyMajor(c.input("mem"), b);
            layer.forward(Layouts.sample(c.input("x"), b), 0, steps, m, 0, tape);
            ReadingState last = tape.finalState();
            out.put("keys", b, Arrays.copyOf(tape.keys().spikes(), steps * n));
            out.put("values", b, Arrays.copyOf(tape.values().spikes(), steps * n));
            out.put("final_key_membrane", b, ((IafState) last.keys()).v().clone());
            out.put("final_key_refractory", b, ((IafState) last.keys()).r().clone());
            out.put("final_val_membrane", b, ((IafState) last.values()).v().clone());
            out.put("final_val_refractory", b, ((IafState) last.values()).r().clone());
            out.put("final_val_buffer", b, last.feedback().clone());
            float[] gm = new float[n * n];
            add(Layouts.sample(c.input("r_key"), b), tape.keys().gradient());
            add(Layouts.sample(c.input("r_val"), b), tape.values().gradient());
            layer.backward(tape, grads, gx, b * steps * in, null, 0, gm, 0);
            System.arraycopy(Layouts.memoryFromKeyMajor(gm, n, n), 0, gMem, b * n * n, n * n);
        }
        out.compare(c, List.of("keys", "values", "final_key_refractory", "final_val_refractory", "final_val_buffer"),
                List.of("final_key_membrane", "final_val_membrane"));
        double loss = out.dot("keys", c.input("r_key")) + out.dot("values", c.input("r_val"));
        Compare.close("loss", c.loss("loss"), loss, Compare.FORWARD);
        grads.addTo();
        Map<String, GoldenCase.Ref> g = c.grads("loss");
        Compare.close("d loss / d W", g.get("W").values(), layer.weight().grad(), layer.weight().size(),
                Compare.GRADIENT);
        Compare.close("d loss / d x", g.get("x").values(), gx, gx.length, Compare.GRADIENT);
        Compare.close("d loss / d mem", g.get("mem").values(), gMem, gMem.length, Compare.GRADIENT);
    }

    static void dense(GoldenCase c) {
        int batch = c.configInt("batch_size"), in = c.configInt("input_size"), h = c.configInt("hidden_size");
        int steps = c.configInt("num_time_steps");
        DenseLayer layer = new DenseLayer("", in, h, (float) c.config("tau_trace"), leaky(c));
        layer.weight().set(c.parameter("W").floats());
        for (String loss : List.of("loss", "loss_spikes")) {
            boolean withTraces = loss.equals("loss");
            layer.weight().zeroGrad();
            Gradients grads = new Gradients(layer.parameters());
            DenseLayer.Tape tape = layer.newTape();
            Outputs out = new Outputs(batch);
            float[] gx = new float[batch * steps * in];
            for (int b = 0; b < batch; b++) {
                layer.forward(Layouts.sample(c.input("x"), b), 0, steps, tape);
                IafState neurons = (IafState) tape.finalState().neurons();
                out.put("spikes", b, Arrays.copyOf(tape.population().spikes(), steps * h));
                out.put("traces", b, Arrays.copyOf(tape.traces(), steps * h));
                out.put("final_spikes", b, neurons.z().clone());
                out.put("final_membrane", b, neurons.v().clone());
                out.put("final_refractory", b, neurons.r().clone());
                out.put("final_trace", b, tape.finalState().trace().clone());
                add(Layouts.sample(c.input("r_spikes"), b), tape.population().gradient());
                if (withTraces) {
                    add(Layouts.sample(c.input("r_traces"), b), tape.tracesGradient());
                }
                layer.backward(tape, grads, gx, b * steps * in, null, 0);
            }
            out.compare(c, List.of("spikes", "final_spikes", "final_refractory"),
                    List.of("traces", "final_membrane", "final_trace"));
            double value = out.dot("spikes", c.input("r_spikes"))
                    + (withTraces ? out.dot("traces", c.input("r_traces")) : 0);
            Compare.close(loss, c.loss(loss), value, Compare.FORWARD);
            grads.addTo();
            Map<String, GoldenCase.Ref> g = c.grads(loss);
            Compare.close("d " + loss + " / d W", g.get("W").values(), layer.weight().grad(), layer.weight().size(),
                    Compare.GRADIENT);
            Compare.close("d " + loss + " / d x", g.get("x").values(), gx, gx.length, Compare.GRADIENT);
        }
    }

    /** {@code into += g} (a loss term's gradient added to an accumulator). */
    private static void add(float[] g, float[] into) {
        for (int i = 0; i < g.length; i++) {
            into[i] += g[i];
        }
    }

    /** Per-sample outputs gathered into whole-batch arrays for comparison. */
    public static final class Outputs {
        private final int batch;
        private final Map<String, float[][]> values = new LinkedHashMap<>();

        public Outputs(int batch) {
            this.batch = batch;
        }

        public void put(String name, int b, float[] v) {
            values.computeIfAbsent(name, k -> new float[batch][])[b] = v;
        }

        public float[] flat(String name) {
            float[][] parts = values.get(name);
            int per = parts[0].length;
            float[] all = new float[batch * per];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(parts[b], 0, all, b * per, per);
            }
            return all;
        }

        public double dot(String name, GoldenCase.Ref weights) {
            float[] v = flat(name);
            double s = 0;
            for (int i = 0; i < v.length; i++) {
                s += v[i] * weights.values()[i];
            }
            return s;
        }

        /** Spike-like outputs exactly, continuous ones within the forward tolerance. */
        public void compare(GoldenCase c, List<String> exact, List<String> continuous) {
            for (String name : exact) {
                GoldenCase.Ref ref = c.output(name);
                Compare.exact(name, ref.values(), flat(name), ref.size());
            }
            for (String name : continuous) {
                GoldenCase.Ref ref = c.output(name);
                Compare.close(name, ref.values(), flat(name), ref.size(), Compare.FORWARD);
            }
        }
    }
}
