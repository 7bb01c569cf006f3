package org.hmem.task.rl;

import java.util.SplittableRandom;

import org.hmem.engine.parallel.BatchParallel;
import org.hmem.engine.tensor.CarriedState;

/**
 * A recurrent policy acting in N environments without gradients (spec §9.3 {@code get_action}, {@code get_value}):
 * each environment's core state is carried from step to step and reset where the mask is 0; environments are
 * processed in parallel over the worker threads. Sampling uses one random stream per environment, so actions do not
 * depend on the thread count.
 */
public final class PolicyActor<S extends CarriedState> {

    private final RecurrentPolicy<S> policy;
    private final BatchParallel parallel;
    private final int n;
    private final int obsSize;
    private final int actionCount;
    private final S[] states;
    private final SplittableRandom[] rngs;
    private final Worker[] workers;

    private final class Worker {
        final RecurrentCore.Sequence<S> seq = policy.core().newSequence();
        final ActorCritic.Tape heads = policy.heads().newTape();
        final float[] core = new float[policy.core().outputSize()];
        final float[] logits = new float[actionCount];
        final float[] logProbs = new float[actionCount];
        final float[] value = new float[1];
        final float[] mask = new float[1];

        Worker() {
            seq.forwardOnly(true);
        }

        /** Core and heads of environment i's observation; the state advances only if {@code advance}. */
        void run(int i, float[] obs, float[] masks, boolean advance) {
            mask[0] = masks[i];
            seq.forward(obs, i * obsSize, mask, 0, 1, states[i], core, 0);
            // the parameters stay as they are until this call of act or values returns
            seq.reuseWeights(true);
            if (advance) {
                seq.copyFinalState(states[i]);
            }
            policy.heads().forward(obs, i * obsSize, core, 0, 1, logits, 0, value, 0, heads);
        }
    }

    @SuppressWarnings("unchecked")
    public PolicyActor(RecurrentPolicy<S> policy, int envs, BatchParallel parallel, long seed) {
        this.policy = policy;
        this.parallel = parallel;
        this.n = envs;
        this.obsSize = policy.observationSize();
        this.actionCount = policy.actions();
        this.states = (S[]) new CarriedState[n];
        this.rngs = new SplittableRandom[n];
        for (int i = 0; i < n; i++) {
            states[i] = policy.core().newState();
        }
        reseed(seed);
        this.workers = new PolicyActor.Worker[parallel.threads()];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker();
        }
    }

    /** The parameters may have changed since the last call: each worker's first environment derives afresh. */
    private void freshWeights() {
        for (Worker wk : workers) {
            wk.seq.reuseWeights(false);
        }
    }

    /** Restarts the sampling streams: environment i's from the i-th split of {@code seed}. */
    public void reseed(long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            rngs[i] = seeds.split();
        }
    }

    /** Environment i's carried state (live). */
    public S state(int i) {
        return states[i];
    }

    /**
     * One step in every environment: {@code obs} (n, observationSize) and {@code masks} (n) in; the chosen actions
     * (sampled, or the most probable with {@code deterministic}), their log-probabilities and the values out
     * ({@code logProbs} and {@code values} may be null).
     */
    public void act(float[] obs, float[] masks, boolean deterministic, int[] actions, float[] logProbs,
                    float[] values) {
        freshWeights();
        parallel.forEach(n, (w, i) -> {
            Worker wk = workers[w];
            wk.run(i, obs, masks, true);
            Categorical.logSoftmax(wk.logits, 0, actionCount, wk.logProbs, 0);
            int a = deterministic ? Categorical.mode(wk.logits, 0, actionCount)
                    : Categorical.sample(wk.logProbs, 0, actionCount, rngs[i]);
            actions[i] = a;
            if (logProbs != null) {
                logProbs[i] = wk.logProbs[a];
            }
            if (values != null) {
                values[i] = wk.value[0];
            }
        });
    }

    /** The values of {@code obs} from the carried states, which stay as they are ({@code get_value}). */
    public void values(float[] obs, float[] masks, float[] values) {
        freshWeights();
        parallel.forEach(n, (w, i) -> {
            Worker wk = workers[w];
            wk.run(i, obs, masks, false);
            values[i] = wk.value[0];
        });
    }
}
