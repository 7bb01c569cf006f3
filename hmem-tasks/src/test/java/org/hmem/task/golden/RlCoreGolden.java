package org.hmem.task.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.hmem.engine.golden.Compare;
import org.hmem.engine.golden.GoldenCase;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.optim.Adam;
import org.hmem.engine.optim.GradientClipping;
import org.hmem.task.model.HebbianParams;
import org.hmem.task.model.NeuronParams;
import org.hmem.task.rl.ActorCritic;
import org.hmem.task.rl.Categorical;
import org.hmem.task.rl.PpoLoss;
import org.hmem.task.rl.RecurrentPolicy;
import org.hmem.task.rl.SpikingMemoryCore;

/**
 * The spiking actor-critic of the reinforcement-learning task (spec §4.8, §9.3, §9.5) against the reference: the core
 * over K environment steps of N environments from a random carried state, with an episode reset in one environment;
 * the heads, log-probabilities, entropy, the PPO loss on every clipping branch, its gradients, and one Adam step after
 * global-norm clipping. Spikes (and so the core's outputs, which are spike counts) must match exactly; continuous
 * values within {@link Compare#FORWARD}, gradients within {@link Compare#GRADIENT} (the embedding's within twice that).
 */
final class RlCoreGolden {

    static final String KIND = "rl_core";

    /** The 19 state tensors' names in the reference's order. */
    static final List<String> STATE = List.of("mem", "enc_z", "enc_v", "enc_r", "wkey_z", "wkey_v", "wkey_r",
            "wval_z", "wval_v", "wval_r", "wkey_trace", "wval_trace", "rkey_z", "rkey_v", "rkey_r", "rval_z", "rval_v",
            "rval_r", "rbuffer");

    private RlCoreGolden() {
    }

    static void check(GoldenCase c) {
        int k = c.configInt("K"), n = c.configInt("N"), m = c.configInt("memory_size");
        int obsSize = c.configInt("observation_size"), actions = c.configInt("num_actions");
        assertEquals(30, c.configInt("readout_window"));
        HebbianParams hebbian = ModelGoldenChecks.hebbian(c);
        NeuronParams neuron = neuron(c);
        SpikingMemoryCore core = new SpikingMemoryCore("net.net", obsSize, c.configInt("embedding_size"), m,
                c.configInt("num_time_steps"), c.configInt("readout_delay"), hebbian.rule(), hebbian.tauTrace(),
                neuron.neuron(), 0, 3);
        RecurrentPolicy<SpikingMemoryCore.State> policy = new RecurrentPolicy<>(core, actions);
        load(c, policy);

        // rows are time-major (k * N + e); the core runs one environment's steps at a time
        float[] obs = c.input("observations").floats();
        float[] masks = c.input("masks").floats();
        int rows = k * n;
        float[] features = new float[rows * m];
        SpikingMemoryCore.State[] finals = new SpikingMemoryCore.State[n];
        SpikingMemoryCore.Sequence[] seqs = new SpikingMemoryCore.Sequence[n];
        float[][] envObs = new float[n][k * obsSize];
        for (int e = 0; e < n; e++) {
            float[] envMasks = new float[k];
            for (int s = 0; s < k; s++) {
                System.arraycopy(obs, (s * n + e) * obsSize, envObs[e], s * obsSize, obsSize);
                envMasks[s] = masks[s * n + e];
            }
            SpikingMemoryCore.State start = state(c, "state0_", e, core);
            float[] out = new float[k * m];
            seqs[e] = core.newSequence();
            seqs[e].forward(envObs[e], 0, envMasks, 0, k, start, out, 0);
            finals[e] = core.newState();
            seqs[e].copyFinalState(finals[e]);
            for (int s = 0; s < k; s++) {
                SpikingMemoryCore.StepTape tp = seqs[e].tape(s);
                assertSpikeCount(c, "encoding", s, n, e, tp.encoder().spikes());
                assertSpikeCount(c, "write_key", s, n, e, tp.writer().keys().spikes());
                assertSpikeCount(c, "write_val", s, n, e, tp.writer().values().spikes());
                assertSpikeCount(c, "read_key", s, n, e, tp.reader().keys().spikes());
                assertSpikeCount(c, "read_val", s, n, e, tp.reader().values().spikes());
            }
            for (int s = 0; s < k; s++) {
                System.arraycopy(out, s * m, features, (s * n + e) * m, m);
            }
        }
        Compare.exact("core_outputs", c.output("core_outputs").values(), features, rows * m);
        for (int t = 0; t < STATE.size(); t++) {
            double[] expected = c.output("state_final_" + STATE.get(t)).values();
            float[] actual = new float[expected.length];
            int per = expected.length / n;
            for (int e = 0; e < n; e++) {
                float[] mine = finals[e].tensors().get(t).clone();
                if (t == 0) {
                    transposeMemory(mine);
                }
                System.arraycopy(mine, 0, actual, e * per, per);
            }
            Compare.close("state_final_" + STATE.get(t), expected, actual, actual.length, Compare.FORWARD);
        }

        ActorCritic heads = policy.heads();
        ActorCritic.Tape tape = heads.newTape();
        float[] logits = new float[rows * actions], values = new float[rows];
        heads.forward(obs, 0, features, 0, rows, logits, 0, values, 0, tape);
        Compare.close("actor_features", c.output("actor_features").values(), tape.actorFeatures(), rows * m,
                Compare.FORWARD);
        Compare.close("value", c.output("value").values(), values, rows, Compare.FORWARD);
        Compare.close("action_logits", c.output("action_logits").values(), logits, rows * actions, Compare.FORWARD);
        float[] logProbs = new float[rows * actions];
        float[] modes = new float[rows];
        double entropy = 0;
        for (int r = 0; r < rows; r++) {
            Categorical.logSoftmax(logits, r * actions, actions, logProbs, r * actions);
            modes[r] = Categorical.mode(logits, r * actions, actions);
            entropy += Categorical.entropy(logProbs, r * actions, actions) / rows;
        }
        Compare.close("action_log_softmax", c.output("action_log_softmax").values(), logProbs, rows * actions,
                Compare.FORWARD);
        Compare.exact("mode_action", c.output("mode_action").values(), modes, rows);
        Compare.close("entropy", c.output("entropy").values()[0], entropy, Compare.FORWARD);

        PpoLoss loss = new PpoLoss(c.config("ppo_clip_param"), c.config("value_coefficient"),
                c.config("entropy_coefficient"));
        int[] taken = c.input("actions").ints();
        float[] oldLogProbs = c.input("old_action_log_probs").floats(), oldValues = c.input("old_values").floats();
        float[] returns = c.input("returns").floats(), advantages = c.input("advantages").floats();
        PpoLoss.Terms terms = new PpoLoss.Terms();
        float[] gLogits = new float[rows * actions], gValues = new float[rows], scratch = new float[actions];
        float[] takenLogProbs = new float[rows];
        for (int r = 0; r < rows; r++) {
            takenLogProbs[r] = logProbs[r * actions + taken[r]];
            loss.row(logits, r * actions, actions, taken[r], values[r], oldLogProbs[r], oldValues[r], returns[r],
                    advantages[r], rows, scratch, terms, gLogits, r * actions, gValues, r);
        }
        Compare.close("action_log_probs", c.output("action_log_probs").values(), takenLogProbs, rows,
                Compare.FORWARD);
        Compare.close("value_loss", c.loss("value_loss"), terms.valueLoss, Compare.FORWARD);
        Compare.close("policy_loss", c.loss("policy_loss"), terms.policyLoss, Compare.FORWARD);
        Compare.close("entropy (loss term)", c.loss("entropy"), terms.entropy, Compare.FORWARD);
        Compare.close("loss", c.loss("loss"), loss.total(terms), Compare.FORWARD);

        Gradients grads = new Gradients(policy.parameters());
        float[] gFeatures = new float[rows * m];
        heads.backward(gLogits, 0, gValues, 0, tape, grads, gFeatures, 0);
        for (int e = 0; e < n; e++) {
            float[] gOut = new float[k * m];
            for (int s = 0; s < k; s++) {
                System.arraycopy(gFeatures, (s * n + e) * m, gOut, s * m, m);
            }
            seqs[e].backward(gOut, 0, grads);
        }
        policy.zeroGrad();
        grads.addTo();
        for (Map.Entry<String, GoldenCase.Ref> e : c.grads("loss").entrySet()) {
            Parameter p = policy.namedParameters().get(e.getKey());
            // the embedding's gradient sums the x80 broadcast current's gradient over every step of every
            // environment step (float32: 1.04e-4 relative at worst), hence twice the usual tolerance
            double tol = e.getKey().endsWith("embedding_layer.weight") ? 2 * Compare.GRADIENT : Compare.GRADIENT;
            Compare.close("d loss / d " + e.getKey(), e.getValue().values(), p.grad(), p.size(), tol);
        }
        for (Parameter p : policy.parameters()) {
            if (!p.trainable()) {
                for (float g : p.grad()) {
                    assertEquals(0f, g, p.name() + " is frozen and must get no gradient");
                }
            }
        }
        double norm = GradientClipping.clip(policy.parameters(), c.config("max_grad_norm"));
        Compare.close("total gradient norm", c.optimizer().get("grad_total_l2_norm").getAsDouble(), norm,
                Compare.GRADIENT);
        Adam adam = new Adam(policy.parameters(), c.config("learning_rate"), 0.9, 0.999, c.config("adam_eps"));
        adam.step();
        for (Map.Entry<String, GoldenCase.Ref> e : c.paramsAfterStep().entrySet()) {
            Parameter p = policy.namedParameters().get(e.getKey());
            Compare.close("Adam step: " + e.getKey(), e.getValue().values(), p.data(), p.size(), Compare.FORWARD);
        }
    }

    /** Spike counts per population, environment step and environment: where a mismatch starts. */
    private static void assertSpikeCount(GoldenCase c, String population, int step, int n, int e, float[] spikes) {
        double expected = c.debug("spike_counts_" + population).values()[step * n + e];
        int count = 0;
        for (int i = 0; i < c.configInt("num_time_steps") * (population.equals("encoding") ? 80 : c.configInt(
                "memory_size")); i++) {
            count += (int) spikes[i];
        }
        assertEquals(expected, count, population + " spikes at environment step " + step + " of environment " + e);
    }

    static NeuronParams neuron(GoldenCase c) {
        return new NeuronParams((float) c.config("neuron", "thr"), c.configBool("neuron", "perfect_reset"),
                c.configInt("neuron", "refractory_time_steps"), (float) c.config("neuron", "tau_mem"),
                (float) c.config("neuron", "dampening_factor"));
    }

    /** Environment e's slice of the stored 19 state tensors. */
    static SpikingMemoryCore.State state(GoldenCase c, String prefix, int e, SpikingMemoryCore core) {
        SpikingMemoryCore.State s = core.newState();
        List<float[]> tensors = s.tensors();
        for (int t = 0; t < STATE.size(); t++) {
            float[] all = c.input(prefix + STATE.get(t)).floats();
            float[] mine = tensors.get(t);
            System.arraycopy(all, e * mine.length, mine, 0, mine.length);
        }
        transposeMemory(s.tensors().get(0));
        return s;
    }

    /** The reference's M[i, j] (value-major) to the engine's key-major layout, or back: a square transpose. */
    static void transposeMemory(float[] m) {
        int size = (int) Math.round(Math.sqrt(m.length));
        for (int i = 0; i < size; i++) {
            for (int j = i + 1; j < size; j++) {
                float t = m[i * size + j];
                m[i * size + j] = m[j * size + i];
                m[j * size + i] = t;
            }
        }
    }

    static void load(GoldenCase c, RecurrentPolicy<?> policy) {
        Map<String, Parameter> params = policy.namedParameters();
        assertEquals(c.parameters().keySet(), params.keySet(), "parameter names");
        assertEquals(List.copyOf(c.parameters().keySet()), List.copyOf(params.keySet()), "parameter order");
        for (Map.Entry<String, GoldenCase.Ref> e : c.parameters().entrySet()) {
            Parameter p = params.get(e.getKey());
            assertEquals(c.parameterTrainable(e.getKey()), p.trainable(), e.getKey() + " trainable");
            float[] v = e.getValue().floats();
            assertEquals(p.size(), v.length, e.getKey() + " size");
            p.set(v);
        }
        assertTrue(params.size() > 10);
    }
}
