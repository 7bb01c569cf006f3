package org.hmem.task.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.plasticity.InvertedOjaSoftBound;
import org.hmem.engine.neuron.IafPscDelta;
import org.junit.jupiter.api.Test;

/**
 * The spiking core over several environment steps: a rollout recomputed segment by segment gives what one kept in
 * full gives, bit for bit; an episode start (mask 0) equals a zero state whatever the carried state was.
 */
class SpikingMemoryCoreTest {

    private static final int OBS = 12, E = 16, M = 12, T = 40, K = 5;

    private static SpikingMemoryCore core(int segment) {
        SpikingMemoryCore c = new SpikingMemoryCore("net.net", OBS, E, M, T, 1, new InvertedOjaSoftBound(1f, 0.3f,
                0.3f), 20f, IafPscDelta.defaults(), 0, segment);
        c.initialize(new SplittableRandom(3));
        // stronger memory weights so that every population fires
        for (float[] w : List.of(c.writing().weight().data(), c.reading().weight().data())) {
            for (int i = 0; i < w.length; i++) {
                w[i] *= 5f;
            }
        }
        return c;
    }

    private static float[] uniform(SplittableRandom rng, int n, double lo, double hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        }
        return a;
    }

    @Test
    void recomputingSegmentsGivesTheSameOutputsStatesAndGradients() {
        SplittableRandom rng = new SplittableRandom(7);
        float[] obs = uniform(rng, K * OBS, 0, 3);
        float[] masks = {1, 1, 0, 1, 1};
        float[] gOut = uniform(rng, K * M, -1, 1);
        float[][] outs = new float[2][K * M];
        float[][][] grads = new float[2][][];
        SpikingMemoryCore.State[] finals = new SpikingMemoryCore.State[2];
        int[] segments = {K, 2};
        for (int v = 0; v < 2; v++) {
            SpikingMemoryCore c = core(segments[v]);
            SpikingMemoryCore.Sequence seq = c.newSequence();
            seq.forward(obs, 0, masks, 0, K, c.newState(), outs[v], 0);
            finals[v] = c.newState();
            seq.copyFinalState(finals[v]);
            Gradients g = new Gradients(c.parameters());
            seq.backward(gOut, 0, g);
            List<Parameter> params = c.parameters();
            grads[v] = new float[params.size()][];
            for (int p = 0; p < params.size(); p++) {
                float[] b = g.of(params.get(p));
                grads[v][p] = b == null ? new float[0] : b.clone();
            }
        }
        float spikes = 0;
        for (float x : outs[0]) {
            spikes += x;
        }
        assertTrue(spikes > 20, "the read values must spike: " + spikes);
        assertArrayEquals(outs[0], outs[1], "outputs");
        assertTrue(finals[0].bitwiseEquals(finals[1]), "final states");
        boolean any = false;
        for (int p = 0; p < grads[0].length; p++) {
            assertArrayEquals(grads[0][p], grads[1][p], "gradient " + p);
            for (float x : grads[0][p]) {
                any |= x != 0f;
            }
        }
        assertTrue(any, "gradients must not all be zero");
    }

    @Test
    void aForwardOnlySequenceGivesTheSameOutputsAndRefusesBackward() {
        SplittableRandom rng = new SplittableRandom(5);
        float[] obs = uniform(rng, K * OBS, 0, 3);
        float[] masks = {1, 1, 1, 1, 1};
        SpikingMemoryCore c = core(K);
        float[] kept = new float[K * M], acting = new float[K * M];
        c.newSequence().forward(obs, 0, masks, 0, K, c.newState(), kept, 0);
        SpikingMemoryCore.Sequence seq = c.newSequence();
        seq.forwardOnly(true);
        seq.forward(obs, 0, masks, 0, K, c.newState(), acting, 0);
        assertArrayEquals(kept, acting);
        assertThrows(IllegalStateException.class, () -> seq.backward(new float[K * M], 0,
                new Gradients(c.parameters())));
    }

    @Test
    void anEpisodeStartForgetsTheCarriedState() {
        SplittableRandom rng = new SplittableRandom(11);
        float[] obs = uniform(rng, 2 * OBS, 0, 1);
        SpikingMemoryCore c = core(4);
        SpikingMemoryCore.State carried = c.newState();
        SpikingMemoryCore.Sequence seq = c.newSequence();
        float[] warm = new float[2 * M];
        seq.forward(obs, 0, new float[] {1, 1}, 0, 2, c.newState(), warm, 0);
        seq.copyFinalState(carried);
        assertFalse(carried.bitwiseEquals(c.newState()), "the warm-up must leave a non-zero state");

        float[] fromCarriedReset = new float[2 * M], fromZero = new float[2 * M];
        SpikingMemoryCore.State a = c.newState(), b = c.newState();
        seq.forward(obs, 0, new float[] {0, 1}, 0, 2, carried, fromCarriedReset, 0);
        seq.copyFinalState(a);
        seq.forward(obs, 0, new float[] {1, 1}, 0, 2, c.newState(), fromZero, 0);
        seq.copyFinalState(b);
        assertArrayEquals(fromZero, fromCarriedReset);
        assertTrue(a.bitwiseEquals(b));
        float[] fromCarried = new float[2 * M];
        seq.forward(obs, 0, new float[] {1, 1}, 0, 2, carried, fromCarried, 0);
        assertFalse(Arrays.equals(fromZero, fromCarried), "without the reset the memory shows");
    }
}
