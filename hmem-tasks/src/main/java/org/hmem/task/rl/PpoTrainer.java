package org.hmem.task.rl;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

import org.hmem.engine.nn.Gradients;
import org.hmem.engine.optim.GradientClipping;
import org.hmem.engine.optim.Optimizer;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.engine.tensor.CarriedState;
import org.hmem.engine.tensor.FloatOps;
import org.hmem.engine.tensor.Tensor;
import org.hmem.task.sampling.SamplerSeeds;

/**
 * Rollouts and PPO updates of a recurrent policy on vectorised environments (spec §9.4–§9.6): act S steps (sampled
 * actions), bootstrap the last value, compute discounted returns and normalised advantages, then for each epoch the
 * recurrent minibatches: each environment of a minibatch re-runs its S steps from the rollout's start state with
 * the stored masks (BPTT over all of them), its rows' PPO loss gradients flow back through heads and core, and the
 * summed gradient is clipped and applied.
 *
 * <p>Environments are processed in parallel over the worker threads, each with its own core workspace, heads tape and
 * gradient buffers; gradients are summed in worker order, so a run is reproducible for a given thread count. Acting
 * is {@link PolicyActor}'s (one sampling stream per environment); the minibatch permutation has a stream of its own.
 * Both streams are functions of the seed and the update's index, so a run resumed from {@link #runState()} continues
 * exactly as it would have.
 */
public final class PpoTrainer<S extends CarriedState> {

    /** Tags of the random streams of action sampling and of the minibatch permutation. */
    private static final long ACTIONS = 0x416374696f6e7331L, MINIBATCHES = 0x4d696e6962617463L;

    /** The averages over an update's minibatches (spec §9.5 step 3). */
    public record UpdateStats(double loss, double valueLoss, double policyLoss, double entropy,
                              double explainedVariance) {
    }

    private final RecurrentPolicy<S> policy;
    private final VectorEnvironment envs;
    private final PpoConfig config;
    private final BatchParallel parallel;
    private final int n;
    private final int obsSize;
    private final int features;
    private final int actionCount;
    private final Rollout rollout;
    private final PolicyActor<S> actor;
    private final S[] starts;
    private final long seed;
    private final Worker[] workers;
    private final int[] stepActions;
    private final float[] stepMasks;
    private final float[] stepLogProbs;
    private final float[] stepValues;
    private final float[] stepObs;
    private final float[] stepRewards;
    private final boolean[] stepDones;
    private final int[] finished;
    private final float[] newValues;
    private long envSteps;

    /** One worker thread's workspace. */
    private final class Worker {
        final RecurrentCore.Sequence<S> seq = policy.core().newSequence();
        final ActorCritic.Tape heads = policy.heads().newTape();
        final Gradients grads = new Gradients(policy.parameters());
        final PpoLoss.Terms terms = new PpoLoss.Terms();
        float[] core = new float[0];
        float[] gCore = new float[0];
        float[] logits = new float[0];
        float[] gLogits = new float[0];
        float[] values = new float[0];
        float[] gValues = new float[0];
        final float[] logProbs = new float[actionCount];

        void ensure(int rows) {
            core = FloatOps.ensure(core, rows * features);
            gCore = FloatOps.ensure(gCore, rows * features);
            logits = FloatOps.ensure(logits, rows * actionCount);
            gLogits = FloatOps.ensure(gLogits, rows * actionCount);
            values = FloatOps.ensure(values, rows);
            gValues = FloatOps.ensure(gValues, rows);
        }
    }

    @SuppressWarnings("unchecked")
    public PpoTrainer(RecurrentPolicy<S> policy, VectorEnvironment envs, PpoConfig config, BatchParallel parallel,
                      long seed) {
        if (envs.count() % config.minibatches() != 0) {
            throw new IllegalArgumentException("the number of environments (" + envs.count()
                    + ") must be a multiple of the number of PPO minibatches (" + config.minibatches() + ")");
        }
        this.policy = policy;
        this.envs = envs;
        this.config = config;
        this.parallel = parallel;
        this.n = envs.count();
        this.obsSize = policy.observationSize();
        this.features = policy.core().outputSize();
        this.actionCount = policy.actions();
        this.rollout = new Rollout(n, config.steps(), obsSize);
        this.seed = seed;
        this.actor = new PolicyActor<>(policy, n, parallel, seed);
        this.starts = (S[]) new CarriedState[n];
        for (int i = 0; i < n; i++) {
            starts[i] = policy.core().newState();
        }
        this.workers = new PpoTrainer.Worker[parallel.threads()];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker();
        }
        stepActions = new int[n];
        stepMasks = new float[n];
        stepLogProbs = new float[n];
        stepValues = new float[n];
        stepObs = new float[n * obsSize];
        stepRewards = new float[n];
        stepDones = new boolean[n];
        finished = new int[n];
        newValues = new float[n * config.steps()];
        envs.reset(stepObs);
        for (int i = 0; i < n; i++) {
            System.arraycopy(stepObs, i * obsSize, rollout.obs, rollout.obsOffset(i, 0), obsSize);
        }
    }

    /**
     * What continues the run exactly after this update besides the policy and the optimiser: every environment's
     * carried core state ({@code core.<k>}, one (N, size) tensor per state tensor), the observations and masks the
     * next rollout starts from. The environments store their games themselves; the random streams are functions of
     * the seed and the update.
     */
    public Map<String, Tensor> runState() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("obs", new Tensor(new int[] {n, obsSize}, stepObs.clone()));
        float[] masks = new float[n];
        for (int i = 0; i < n; i++) {
            masks[i] = rollout.masks[rollout.at(i, 0)];
        }
        out.put("masks", new Tensor(new int[] {n}, masks));
        List<float[]> first = actor.state(0).tensors();
        for (int k = 0; k < first.size(); k++) {
            int len = first.get(k).length;
            float[] all = new float[n * len];
            for (int i = 0; i < n; i++) {
                System.arraycopy(actor.state(i).tensors().get(k), 0, all, i * len, len);
            }
            out.put("core." + k, new Tensor(new int[] {n, len}, all));
        }
        return out;
    }

    /** Continues from {@link #runState()} of a run with the same settings, after {@code envSteps} env steps. */
    public void restore(Map<String, Tensor> state, long envSteps) {
        float[] obs = require(state, "obs", n * obsSize);
        float[] masks = require(state, "masks", n);
        System.arraycopy(obs, 0, stepObs, 0, stepObs.length);
        for (int i = 0; i < n; i++) {
            System.arraycopy(obs, i * obsSize, rollout.obs, rollout.obsOffset(i, 0), obsSize);
            rollout.masks[rollout.at(i, 0)] = masks[i];
        }
        List<float[]> first = actor.state(0).tensors();
        for (int k = 0; k < first.size(); k++) {
            int len = first.get(k).length;
            float[] all = require(state, "core." + k, n * len);
            for (int i = 0; i < n; i++) {
                System.arraycopy(all, i * len, actor.state(i).tensors().get(k), 0, len);
            }
        }
        this.envSteps = envSteps;
    }

    private static float[] require(Map<String, Tensor> state, String name, int size) {
        Tensor t = state.get(name);
        if (t == null || t.data().length != size) {
            throw new IllegalArgumentException("the stored run state's '" + name + "' is "
                    + (t == null ? "missing" : "of " + t.data().length + " values, expected " + size));
        }
        return t.data();
    }

    public Rollout rollout() {
        return rollout;
    }

    /** Environment steps taken so far (all environments). */
    public long envSteps() {
        return envSteps;
    }

    /**
     * Acts S steps in the environments (sampling actions without gradients), reporting each finished game's length
     * to {@code games}, then bootstraps the value of the last observation and computes returns and advantages.
     */
    public void collect(int update, IntConsumer games) {
        actor.reseed(SamplerSeeds.random(ACTIONS, seed, update).nextLong());
        int steps = config.steps();
        for (int i = 0; i < n; i++) {
            starts[i].copyFrom(actor.state(i));
        }
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < n; i++) {
                stepMasks[i] = rollout.masks[rollout.at(i, s)];
            }
            actor.act(stepObs, stepMasks, false, stepActions, stepLogProbs, stepValues);
            for (int i = 0; i < n; i++) {
                rollout.actions[rollout.atStep(i, s)] = stepActions[i];
                rollout.logProbs[rollout.atStep(i, s)] = stepLogProbs[i];
                rollout.values[rollout.at(i, s)] = stepValues[i];
            }
            envs.step(stepActions, stepObs, stepRewards, stepDones, finished);
            envSteps += n;
            for (int i = 0; i < n; i++) {
                System.arraycopy(stepObs, i * obsSize, rollout.obs, rollout.obsOffset(i, s + 1), obsSize);
                rollout.masks[rollout.at(i, s + 1)] = stepDones[i] ? 0f : 1f;
                rollout.rewards[rollout.atStep(i, s)] = stepRewards[i];
                if (stepDones[i]) {
                    games.accept(finished[i]);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            stepMasks[i] = rollout.masks[rollout.at(i, steps)];
        }
        actor.values(stepObs, stepMasks, stepValues);
        for (int i = 0; i < n; i++) {
            rollout.values[rollout.at(i, steps)] = stepValues[i];
        }
        rollout.computeReturns(config.gamma());
        rollout.computeAdvantages();
    }

    /** PPO epochs over the collected rollout with the optimiser at its current learning rate. */
    public UpdateStats update(int update, Optimizer optimizer) {
        SplittableRandom shuffle = SamplerSeeds.random(MINIBATCHES, seed, update);
        int per = n / config.minibatches();
        int steps = config.steps();
        int rows = per * steps;
        int[] perm = new int[n];
        double loss = 0, valueLoss = 0, policyLoss = 0, entropy = 0, ev = 0;
        int updates = 0;
        PpoLoss.Terms terms = new PpoLoss.Terms();
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            permutation(perm, shuffle);
            for (int b = 0; b < config.minibatches(); b++) {
                final int first = b * per;
                for (Worker wk : workers) {
                    wk.grads.zero();
                    wk.terms.clear();
                }
                parallel.forEach(per, (w, j) -> trainEnvironment(workers[w], perm[first + j], j, rows));
                policy.zeroGrad();
                terms.clear();
                for (Worker wk : workers) {
                    wk.grads.addTo();
                    terms.add(wk.terms);
                }
                GradientClipping.clip(policy.parameters(), config.maxGradNorm());
                optimizer.step();
                loss += config.loss().total(terms);
                valueLoss += terms.valueLoss;
                policyLoss += terms.policyLoss;
                entropy += terms.entropy;
                ev += explainedVariance(perm, first, per);
                updates++;
            }
        }
        rollout.afterUpdate();
        return new UpdateStats(loss / updates, valueLoss / updates, policyLoss / updates, entropy / updates,
                ev / updates);
    }

    /** Environment i's S steps from the rollout's start state: forward, its rows' PPO loss, backward. */
    private void trainEnvironment(Worker wk, int i, int slot, int rows) {
        int steps = config.steps();
        wk.ensure(steps);
        int obsOff = rollout.obsOffset(i, 0);
        wk.seq.forward(rollout.obs, obsOff, rollout.masks, rollout.at(i, 0), steps, starts[i], wk.core, 0);
        policy.heads().forward(rollout.obs, obsOff, wk.core, 0, steps, wk.logits, 0, wk.values, 0, wk.heads);
        for (int s = 0; s < steps; s++) {
            int st = rollout.atStep(i, s), at = rollout.at(i, s);
            config.loss().row(wk.logits, s * actionCount, actionCount, rollout.actions[st], wk.values[s],
                    rollout.logProbs[st], rollout.values[at], rollout.returns[at], rollout.advantages[st], rows,
                    wk.logProbs, wk.terms, wk.gLogits, s * actionCount, wk.gValues, s);
            newValues[slot * steps + s] = wk.values[s];
        }
        Arrays.fill(wk.gCore, 0, steps * features, 0f);
        policy.heads().backward(wk.gLogits, 0, wk.gValues, 0, wk.heads, wk.grads, wk.gCore, 0);
        wk.seq.backward(wk.gCore, 0, wk.grads);
    }

    /** {@code 1 - Var(R - v) / Var(R)} over a minibatch's rows (population variances; NaN when Var(R) is 0). */
    private double explainedVariance(int[] perm, int first, int per) {
        int steps = config.steps(), count = per * steps;
        double sr = 0, sd = 0;
        for (int j = 0; j < per; j++) {
            for (int s = 0; s < steps; s++) {
                float r = rollout.returns[rollout.at(perm[first + j], s)];
                sr += r;
                sd += r - newValues[j * steps + s];
            }
        }
        double mr = sr / count, md = sd / count, vr = 0, vd = 0;
        for (int j = 0; j < per; j++) {
            for (int s = 0; s < steps; s++) {
                float r = rollout.returns[rollout.at(perm[first + j], s)];
                double d = r - newValues[j * steps + s];
                vr += (r - mr) * (r - mr);
                vd += (d - md) * (d - md);
            }
        }
        return vr == 0 ? Double.NaN : 1 - vd / vr;
    }

    private static void permutation(int[] perm, SplittableRandom rng) {
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
    }

}
