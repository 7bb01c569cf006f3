package org.hmem.task.concentration;

import java.io.PrintStream;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.hmem.engine.parallel.BatchParallel;
import org.hmem.engine.tensor.CarriedState;
import org.hmem.task.concentration.env.ConcentrationConfig;
import org.hmem.task.concentration.env.Deck;
import org.hmem.task.concentration.env.OptimalFlips;
import org.hmem.task.concentration.env.VecEnv;
import org.hmem.task.rl.PolicyActor;
import org.hmem.task.rl.RecurrentPolicy;

/**
 * The evaluation the reference intended (spec §9.7; its own crashes, §13.3 item 26): fresh environments seeded
 * {@code env_seed + 1 + i}, zero states, deterministic (most probable) actions, until the requested number of games
 * has finished or 10 000 vector steps have passed; the games' flips summarised next to the perfect-memory optimum and
 * to an agent that flips uniformly random cells. Environment i contributes its first games up to an equal share of
 * the total, so the sample is not biased towards short games.
 */
final class Evaluation {

    /** The reference's limit on vector steps. */
    static final int MAX_VECTOR_STEPS = 10_000;

    /** Flips per finished game, the histogram of lengths, and whether the step limit cut the evaluation short. */
    record Result(int games, double mean, int min, int max, Map<Integer, Integer> histogram, boolean truncated) {
    }

    private Evaluation() {
    }

    static <S extends CarriedState> Result agent(RecurrentPolicy<S> policy, ConcentrationConfig config, Deck deck,
                                                  int envs, long envSeed, int games, BatchParallel parallel) {
        VecEnv env = new VecEnv(config, deck, envs, envSeed + 1, null);
        PolicyActor<S> actor = new PolicyActor<>(policy, envs, parallel, envSeed);
        float[] masks = new float[envs];
        int[] actions = new int[envs];
        env.reset();
        // each environment contributes its first games up to a fixed quota: counting whichever games end first
        // until the total is reached would favour short games (the long ones still running are left out)
        int[] quota = new int[envs];
        for (int i = 0; i < envs; i++) {
            quota[i] = games / envs + (i < games % envs ? 1 : 0);
        }
        Summary summary = new Summary();
        int steps = 0;
        while (summary.games < games && steps < MAX_VECTOR_STEPS) {
            actor.act(env.observations(), masks, true, actions, null, null);
            env.step(actions);
            steps++;
            for (int i = 0; i < envs; i++) {
                masks[i] = env.dones()[i] ? 0f : 1f;
                if (env.dones()[i] && quota[i] > 0) {
                    quota[i]--;
                    summary.add(env.finishedSteps(i));
                }
            }
        }
        return summary.result(summary.games < games);
    }

    /** {@code games} games of an agent that flips uniformly random cells (on the same deck and seeds). */
    static Result randomAgent(ConcentrationConfig config, Deck deck, long envSeed, int games) {
        VecEnv env = new VecEnv(config, deck, 1, envSeed + 1, null);
        SplittableRandom rng = new SplittableRandom(envSeed);
        int[] action = new int[1];
        env.reset();
        Summary summary = new Summary();
        while (summary.games < games) {
            action[0] = rng.nextInt(config.numActions());
            env.step(action);
            if (env.dones()[0]) {
                summary.add(env.finishedSteps(0));
            }
        }
        return summary.result(false);
    }

    static void print(Result agent, Result random, ConcentrationConfig config, PrintStream out) {
        out.printf(Locale.ROOT, " * Evaluation: %d games%s, flips mean %.3f (min %d, max %d)%n", agent.games(),
                agent.truncated() ? " (stopped after " + MAX_VECTOR_STEPS + " vector steps)" : "", agent.mean(),
                agent.min(), agent.max());
        out.println("   game lengths (flips: games): " + agent.histogram());
        out.printf(Locale.ROOT, "   optimum with perfect memory (%d cells): %.3f flips; random agent: %.2f flips "
                + "(%d games)%n", config.numCells(), OptimalFlips.expectedFlips(config.numCells()), random.mean(),
                random.games());
    }

    private static final class Summary {
        final TreeMap<Integer, Integer> histogram = new TreeMap<>();
        int games;
        long sum;
        int min = Integer.MAX_VALUE;
        int max;

        void add(int flips) {
            histogram.merge(flips, 1, Integer::sum);
            games++;
            sum += flips;
            min = Math.min(min, flips);
            max = Math.max(max, flips);
        }

        Result result(boolean truncated) {
            return new Result(games, games == 0 ? Double.NaN : (double) sum / games, games == 0 ? 0 : min, max,
                    Collections.unmodifiableSortedMap(new TreeMap<>(histogram)), truncated);
        }
    }
}
