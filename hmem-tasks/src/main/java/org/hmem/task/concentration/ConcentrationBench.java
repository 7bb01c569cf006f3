package org.hmem.task.concentration;

import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.hmem.engine.optim.Adam;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.engine.tensor.CarriedState;
import org.hmem.task.concentration.env.ConcentrationConfig;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.rl.PpoTrainer;
import org.hmem.task.rl.RecurrentPolicy;
import org.hmem.task.train.TrainingFlags;

/**
 * {@code hmem bench --task concentration}: the task's defaults (4 cards, 64 environments, T 100, rollouts of 10
 * steps, 4 PPO epochs of 16 minibatches) timed per phase, next to the reference's times on the same 2-core CPU given
 * in the task's issue: acting 0.16 s per step of the 64 environments, one PPO update 94 s, whole training 6.7 env
 * steps per second.
 */
public final class ConcentrationBench {

    /** The reference on this machine (PyTorch, 2 threads): env steps/s acting, seconds per update, env steps/s. */
    static final double REF_ACTING = 64 / 0.16, REF_UPDATE_SECONDS = 94, REF_TRAINING = 6.7;

    private ConcentrationBench() {
    }

    /** The means over the timed rounds, and each round's rollout and update seconds. */
    public record Result(String model, int threads, double actingEnvStepsPerSecond, double updateSeconds,
                         double trainingEnvStepsPerSecond, double[] rolloutSecondsPerRound,
                         double[] updateSecondsPerRound) {

        /** One JSON object (a line of {@code hmem bench --task concentration --json}). */
        public String toJson(double peakRssMiB) {
            JsonObject o = new JsonObject();
            o.addProperty("measurement", "concentration");
            o.addProperty("model", model);
            o.addProperty("threads", threads);
            o.addProperty("rounds", rolloutSecondsPerRound.length);
            o.addProperty("acting_env_steps_per_s", milli(actingEnvStepsPerSecond));
            o.addProperty("update_s", milli(updateSeconds));
            o.addProperty("training_env_steps_per_s", milli(trainingEnvStepsPerSecond));
            o.add("rollout_s_per_round", rounded(rolloutSecondsPerRound));
            o.add("update_s_per_round", rounded(updateSecondsPerRound));
            o.addProperty("peak_rss_mb", milli(peakRssMiB));
            o.addProperty("reference_acting_env_steps_per_s", REF_ACTING);
            o.addProperty("reference_update_s", REF_UPDATE_SECONDS);
            o.addProperty("reference_training_env_steps_per_s", REF_TRAINING);
            return o.toString();
        }

        /** Three decimals, as the other benchmarks' JSON lines. */
        private static double milli(double v) {
            return Math.round(v * 1000.0) / 1000.0;
        }

        private static JsonArray rounded(double[] values) {
            JsonArray a = new JsonArray();
            for (double x : values) {
                a.add(milli(x));
            }
            return a;
        }
    }

    /** Measures {@code rounds} rollouts and updates after one of each as warm-up. */
    public static Result run(String model, int threads, int rounds, PrintStream out) {
        FlagValues v = ConcentrationFlags.TRAIN.defaults().with(ConcentrationFlags.MODEL_VARIANT, model)
                .with(ConcentrationFlags.RESAMPLE_CARDS, true).with(TrainingFlags.THREADS, threads);
        ConcentrationConfig config = ConcentrationTask.config(v);
        return measure(ConcentrationPolicies.build(v, config), v, config, threads, rounds, out);
    }

    private static <S extends CarriedState> Result measure(RecurrentPolicy<S> policy, FlagValues v,
                                                           ConcentrationConfig config, int threads, int rounds,
                                                           PrintStream out) {
        policy.initialize(new SplittableRandom(1));
        Adam adam = new Adam(policy.parameters(), 3e-4, 0.9, 0.999, 1e-5);
        int envs = v.get(ConcentrationFlags.NUM_ENVS);
        try (BatchParallel parallel = new BatchParallel(threads)) {
            PpoTrainer<S> trainer = new PpoTrainer<>(policy, new ConcentrationEnvironments(config, null, envs, 42),
                    ConcentrationFlags.ppo(v), parallel, 1);
            trainer.collect(0, g -> { });
            trainer.update(0, adam);
            double acting = 0, updating = 0;
            double[] rollouts = new double[rounds], updates = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                trainer.collect(r + 1, g -> { });
                long t1 = System.nanoTime();
                trainer.update(r + 1, adam);
                long t2 = System.nanoTime();
                rollouts[r] = (t1 - t0) / 1e9;
                updates[r] = (t2 - t1) / 1e9;
                acting += rollouts[r];
                updating += updates[r];
                out.printf(Locale.ROOT, "  round %d: rollout %.3f s, update %.3f s%n", r + 1, (t1 - t0) / 1e9,
                        (t2 - t1) / 1e9);
            }
            double steps = (double) rounds * envs * v.get(ConcentrationFlags.NUM_STEPS);
            return new Result(v.get(ConcentrationFlags.MODEL_VARIANT), threads, steps / acting, updating / rounds,
                    steps / (acting + updating), rollouts, updates);
        }
    }

    /** The result as table lines, with the ratios to the reference's spiking model for the spiking model. */
    public static String table(Result r, double peakRssMiB) {
        if (!r.model().equals("spiking")) {
            return String.format(Locale.ROOT, "model %s, %d threads, peak RSS %.0f MiB (the reference's times are "
                            + "of the spiking model)%n  acting: %.0f env steps/s; one PPO update: %.2f s; whole "
                            + "training: %.0f env steps/s", r.model(), r.threads(), peakRssMiB,
                    r.actingEnvStepsPerSecond(), r.updateSeconds(), r.trainingEnvStepsPerSecond());
        }
        return String.format(Locale.ROOT, "model %s, %d threads, peak RSS %.0f MiB%n"
                        + "  acting (rollout incl. value bootstrap): %8.0f env steps/s   reference %5.0f   ratio %6.1fx%n"
                        + "  one PPO update (4 x 16 minibatches):   %8.2f s              reference %5.0f s ratio %6.1fx%n"
                        + "  whole training:                        %8.0f env steps/s   reference %5.1f   ratio %6.1fx",
                r.model(), r.threads(), peakRssMiB, r.actingEnvStepsPerSecond(), REF_ACTING,
                r.actingEnvStepsPerSecond() / REF_ACTING, r.updateSeconds(), REF_UPDATE_SECONDS,
                REF_UPDATE_SECONDS / r.updateSeconds(), r.trainingEnvStepsPerSecond(), REF_TRAINING,
                r.trainingEnvStepsPerSecond() / REF_TRAINING);
    }
}
