package org.hmem.task.train;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.hmem.engine.optim.GradientClipping;
import org.hmem.engine.optim.Optimizer;
import org.hmem.engine.optim.StepDecaySchedule;
import org.hmem.task.train.log.ScalarLogger;

/**
 * The epoch loop of the supervised task scripts (spec §7.1-§7.4): step learning-rate decay at each epoch's start,
 * one optimiser step per batch (task loss, activity regulariser from its first epoch, global-norm clipping),
 * validation, best/last checkpoints by the objective's deciding metric, scalar logging. Any {@link Optimizer} works;
 * the batches' passes run wherever the {@link StepRunner} runs them.
 */
public final class Trainer {

    /** Persists the run after each epoch. */
    @FunctionalInterface
    public interface Checkpointer {
        void save(RunState state, boolean isBest);
    }

    private final StepRunner steps;
    private final Optimizer optimizer;
    private final TrainingOptions options;
    private final PrintStream out;
    private final List<Metric> metrics;

    public Trainer(StepRunner steps, Optimizer optimizer, TrainingOptions options, PrintStream out) {
        this.steps = steps;
        this.optimizer = optimizer;
        this.options = options;
        this.out = out;
        this.metrics = steps.objective().metrics();
    }

    /** Trains from {@code state.nextEpoch()} to the last epoch; {@code state} is updated as epochs finish. */
    public void fit(RunState state, EpochData<?> data, Checkpointer checkpointer, ScalarLogger log) {
        StepDecaySchedule schedule = new StepDecaySchedule(options.learningRate(), options.learningRateDecay(),
                options.decayEvery());
        Metric deciding = steps.objective().best();
        EpochBudget budget = new EpochBudget(options.timeBudgetMinutes());
        for (int epoch = state.nextEpoch(); epoch < options.epochs(); epoch++) {
            if (budget.stopsBefore(epoch, "; resume with --resume to continue", out)) {
                break;
            }
            double lr = schedule.at(epoch);
            optimizer.setLearningRate(lr);
            Meters train = trainEpoch(epoch, data);
            Meters val = evaluate(data, BatchRef.Split.VALIDATION);
            if (!Double.isFinite(val.loss())) {
                throw new TrainingFailure("epoch " + epoch + ": the validation loss is " + val.loss());
            }
            boolean best = state.finishEpoch(epoch, deciding, val.value(deciding));
            out.printf(Locale.ROOT, "Epoch %d: train %s | val %s | lr %.3g | reg %.4g | %.1f s (%.1f samples/s)%s%s%n",
                    epoch, train.describe(), val.describe(), lr, train.regLoss(), train.seconds(),
                    train.samplesPerSecond(), placement(), best ? " | new best" : "");
            log.scalar("Loss/train", epoch, train.loss());
            for (Metric m : metrics) {
                if (!m.evaluationOnly()) {
                    log.scalar(m.tag() + "/train", epoch, train.value(m));
                }
            }
            log.scalar("Loss/val", epoch, val.loss());
            for (Metric m : metrics) {
                log.scalar(m.tag() + "/val", epoch, val.value(m));
            }
            log.scalar("Misc/lr", epoch, lr);
            if (steps.spiking()) {
                log.scalar("Misc/reg_loss", epoch, train.regLoss());
            }
            log.flush();
            checkpointer.save(state, best);
            budget.epochEnds();
        }
    }

    /** " | 4 shards on 2 executors" when the passes ran on a cluster, else empty. */
    private String placement() {
        String p = steps.placement();
        return p.isEmpty() ? "" : " | " + p;
    }

    private Meters trainEpoch(int epoch, EpochData<?> data) {
        Meters m = new Meters(metrics, true);
        int batches = data.trainBatches(epoch);
        double regScale = options.regularization().weightAt(epoch);
        for (int i = 0; i < batches; i++) {
            long t0 = System.nanoTime();
            StepResult r = steps.train(BatchRef.train(epoch, i), regScale);
            // stop at the step where something stops being finite, before it reaches the parameters or a checkpoint
            Finite.require(epoch, i, r, steps.parameters(), true);
            GradientClipping.clip(steps.parameters(), options.maxGradNorm());
            optimizer.step();
            Finite.require(epoch, i, r, steps.parameters(), false);
            double seconds = (System.nanoTime() - t0) / 1e9;
            m.add(r, seconds);
            if (options.printFreq() > 0 && (i % options.printFreq() == 0 || i == batches - 1)) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                        "Epoch: [%d][%" + digits(batches) + "d/%d]  Time %.2f (%.2f)  Loss %.4f (%.4f)", epoch,
                        i + 1, batches, seconds, m.seconds() / m.batches(), r.loss(), m.loss()));
                for (int k = 0; k < metrics.size(); k++) {
                    if (metrics.get(k).evaluationOnly()) {
                        continue;
                    }
                    line.append(String.format(Locale.ROOT, "  %s %.2f (%.2f)", metrics.get(k).tag(), r.metric(k),
                            m.value(metrics.get(k))));
                }
                out.println(line.append(String.format(Locale.ROOT, "  Reg %.4g", r.regLoss())).append(placement()));
            }
        }
        return m;
    }

    /** Mean loss and metrics over the validation or test batches of {@code data}, forward only. */
    public Meters evaluate(EpochData<?> data, BatchRef.Split split) {
        Meters m = new Meters(metrics, false);
        int batches = BatchRef.count(data, split, 0);
        for (int j = 0; j < batches; j++) {
            long t0 = System.nanoTime();
            StepResult r = steps.evaluate(BatchRef.of(split, j));
            m.add(r, (System.nanoTime() - t0) / 1e9);
        }
        return m;
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }

    /** Sample-weighted averages over an epoch. */
    public static final class Meters {
        private final List<Metric> metrics;
        private final boolean training;
        private final double[] metricSums;
        private double lossSum;
        private double regSum;
        private long samples;
        private int batches;
        private double seconds;

        Meters(List<Metric> metrics, boolean training) {
            this.metrics = metrics;
            this.training = training;
            this.metricSums = new double[metrics.size()];
        }

        void add(StepResult r, double secs) {
            lossSum += r.loss() * r.batch();
            regSum += r.regLoss() * r.batch();
            for (int k = 0; k < metricSums.length; k++) {
                metricSums[k] += r.metricSums()[k];
            }
            samples += r.batch();
            batches++;
            seconds += secs;
        }

        public double loss() {
            return samples == 0 ? Double.NaN : lossSum / samples;
        }

        public double regLoss() {
            return samples == 0 ? Double.NaN : regSum / samples;
        }

        /** The mean of {@code metric} ({@link Metric#LOSS} included). */
        public double value(Metric metric) {
            if (metric.equals(Metric.LOSS)) {
                return loss();
            }
            int k = metrics.indexOf(metric);
            if (k < 0) {
                throw new IllegalArgumentException("no metric " + metric.tag());
            }
            return samples == 0 ? Double.NaN : metricSums[k] / samples;
        }

        /** "loss 0.1234 acc 56.789%": the loss and every metric (of a training epoch, those measured in it). */
        public String describe() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "loss %.4f", loss()));
            for (Metric m : metrics) {
                if (!(training && m.evaluationOnly())) {
                    sb.append(String.format(Locale.ROOT, " %s %.3f%s", m.label(), value(m), m.unit()));
                }
            }
            return sb.toString();
        }

        public long samples() {
            return samples;
        }

        public int batches() {
            return batches;
        }

        public double seconds() {
            return seconds;
        }

        public double samplesPerSecond() {
            return seconds == 0 ? 0 : samples / seconds;
        }
    }
}
