package org.hmem.task.train;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.hmem.engine.optim.Adam;
import org.hmem.engine.optim.GradientClipping;
import org.hmem.engine.optim.StepDecaySchedule;
import org.hmem.task.train.log.ScalarLogger;

/**
 * The epoch loop of the supervised task scripts (spec §7.1-§7.4): step learning-rate decay at each epoch's start,
 * one optimiser step per batch (loss, activity regulariser from {@code regularizerFromEpoch}, global-norm clipping,
 * Adam), validation, best/last checkpoints, scalar logging.
 */
public final class Trainer<D, W> {

    /** Persists the run after each epoch. */
    @FunctionalInterface
    public interface Checkpointer {
        void save(RunState state, boolean isBest);
    }

    private final SupervisedStep<D, W> step;
    private final Adam optimizer;
    private final TrainingOptions options;
    private final PrintStream out;

    public Trainer(SupervisedStep<D, W> step, Adam optimizer, TrainingOptions options, PrintStream out) {
        this.step = step;
        this.optimizer = optimizer;
        this.options = options;
        this.out = out;
    }

    /** Trains from {@code state.nextEpoch()} to the last epoch; {@code state} is updated as epochs finish. */
    public void fit(RunState state, EpochData<D> data, Checkpointer checkpointer, ScalarLogger log) {
        StepDecaySchedule schedule = new StepDecaySchedule(options.learningRate(), options.learningRateDecay(),
                options.decayEvery());
        long start = System.nanoTime();
        double lastEpochSeconds = 0;
        for (int epoch = state.nextEpoch(); epoch < options.epochs(); epoch++) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (options.timeBudgetMinutes() > 0 && elapsed + lastEpochSeconds > 60 * options.timeBudgetMinutes()) {
                out.printf(Locale.ROOT, "stopping before epoch %d: the time budget of %.1f min would be exceeded "
                        + "(%.1f min used, last epoch %.1f min); resume with --resume to continue%n", epoch,
                        options.timeBudgetMinutes(), elapsed / 60, lastEpochSeconds / 60);
                break;
            }
            long epochStart = System.nanoTime();
            double lr = schedule.at(epoch);
            optimizer.setLearningRate(lr);
            Meters train = trainEpoch(epoch, data);
            Meters val = evaluate(data.validation());
            boolean best = state.finishEpoch(epoch, val.accuracy());
            out.printf(Locale.ROOT, "Epoch %d: train loss %.4f acc %.3f%% | val loss %.4f acc %.3f%% | lr %.3g | "
                            + "reg %.4g | %.1f s (%.1f samples/s)%s%n", epoch, train.loss(), train.accuracy(),
                    val.loss(), val.accuracy(), lr, train.regLoss(), train.seconds(), train.samplesPerSecond(),
                    best ? " | new best" : "");
            log.scalar("Loss/train", epoch, train.loss());
            log.scalar("Acc/train", epoch, train.accuracy());
            log.scalar("Loss/val", epoch, val.loss());
            log.scalar("Acc/val", epoch, val.accuracy());
            log.scalar("Misc/lr", epoch, lr);
            if (!step.isNonSpiking()) {
                log.scalar("Misc/reg_loss", epoch, train.regLoss());
            }
            log.flush();
            checkpointer.save(state, best);
            lastEpochSeconds = (System.nanoTime() - epochStart) / 1e9;
        }
    }

    private Meters trainEpoch(int epoch, EpochData<D> data) {
        Meters m = new Meters();
        int batches = data.trainBatches(epoch);
        double regScale = epoch >= options.regularizerFromEpoch() ? options.l2() : 0;
        for (int i = 0; i < batches; i++) {
            D batch = data.trainBatch(epoch, i);
            long t0 = System.nanoTime();
            step.model().zeroGrad();
            StepResult r = step.train(batch, 1, regScale);
            GradientClipping.clip(step.parameters(), options.maxGradNorm());
            optimizer.step();
            double seconds = (System.nanoTime() - t0) / 1e9;
            m.add(r, seconds);
            if (options.printFreq() > 0 && (i % options.printFreq() == 0 || i == batches - 1)) {
                out.printf(Locale.ROOT, "Epoch: [%d][%" + digits(batches) + "d/%d]  Time %.2f (%.2f)  "
                                + "Loss %.4f (%.4f)  Acc %.2f (%.2f)  Reg %.4g%n", epoch, i + 1, batches, seconds,
                        m.seconds() / m.batches(), r.loss(), m.loss(), r.accuracy(), m.accuracy(), r.regLoss());
            }
        }
        return m;
    }

    /** Mean loss and accuracy over the given batches, forward only. */
    public Meters evaluate(List<D> batches) {
        Meters m = new Meters();
        for (D batch : batches) {
            long t0 = System.nanoTime();
            StepResult r = step.evaluate(batch);
            m.add(r, (System.nanoTime() - t0) / 1e9);
        }
        return m;
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }

    /** Sample-weighted averages over an epoch. */
    public static final class Meters {
        private double lossSum;
        private double regSum;
        private long correct;
        private long samples;
        private int batches;
        private double seconds;

        void add(StepResult r, double secs) {
            lossSum += r.loss() * r.batch();
            regSum += r.regLoss() * r.batch();
            correct += r.correct();
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

        public double accuracy() {
            return samples == 0 ? Double.NaN : 100.0 * correct / samples;
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
