package org.hmem.task.crossmodal.pretrain;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.hmem.engine.conv.SampleRunner;
import org.hmem.engine.io.HmemVersion;
import org.hmem.engine.optim.Adam;
import org.hmem.engine.optim.StepDecaySchedule;
import org.hmem.engine.tensor.Tensor;
import org.hmem.task.crossmodal.DigitClassifier;
import org.hmem.task.crossmodal.data.LabelledImages;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.train.EpochBudget;
import org.hmem.task.train.RunNames;
import org.hmem.task.train.TrainingFailure;
import org.hmem.task.train.TrainingFlags;

/**
 * The training procedure of {@code utils/pretrain_digit_classifier.py} (spec §7.1, §8.10): the official training
 * set split 90/10 into training and validation; per epoch the step-decayed learning rate
 * ({@code lr · decay^floor(epoch / every)}), one Adam step (β 0.9/0.999, ε 1e-8, no weight decay, no clipping) per
 * shuffled batch of mean cross-entropy, then the validation loss; a checkpoint after every epoch and a {@code _best}
 * copy whenever the validation loss is the lowest so far; finally the last and the best network are tested on the
 * official test set (top-1 and top-5 accuracy and loss).
 *
 * <p>The initialisation, the split and each epoch's batch order derive from {@code --seed}, so a run repeats exactly
 * for the same seed and thread count. The best network is a copy of that epoch's weights (not an alias of the live
 * ones, the bug spec §13 item 34 describes for the sibling script).
 */
public final class DigitClassifierTraining {

    /** The metadata {@code task} of the checkpoints. */
    public static final String TASK = "digit_classifier_pretraining";

    /**
     * What a run did.
     *
     * @param epochs         epochs trained in this run (fewer than asked when the time budget stopped it)
     * @param bestEpoch      the epoch of the lowest validation loss (0-based), -1 if none was trained
     * @param bestValLoss    that loss (infinite if none was trained)
     * @param lastCheckpoint the checkpoint after the last epoch, null if none was trained
     * @param bestCheckpoint the {@code _best} checkpoint, null if none was trained
     * @param lastTest       test scores of the last network
     * @param bestTest       test scores of the best network (the same when it is the last one)
     * @param imagesPerSecond training images per second of training-step time (0 if none was trained)
     * @param valLosses      the validation loss of every epoch trained, in order
     */
    public record Result(int epochs, int bestEpoch, double bestValLoss, Path lastCheckpoint, Path bestCheckpoint,
                         Scores lastTest, Scores bestTest, double imagesPerSecond, List<Double> valLosses) {
    }

    private final FlagValues v;
    private final DigitData data;
    private final TrainValSplit split;
    private final DigitClassifier model;
    private final DigitBatches batches;
    private final long orderSeed;
    private final PrintStream out;

    /**
     * A run with the flags {@code v} on {@code data}, training {@code model} (freshly initialised, or resumed).
     * {@code v}'s {@code --seed} decides the split and the batch order; the caller initialises the model.
     */
    DigitClassifierTraining(FlagValues v, DigitData data, DigitClassifier model, SampleRunner runner,
                            PrintStream out) {
        this.v = v;
        this.data = data;
        SplittableRandom seeds = seeds(v.get(DigitClassifierFlags.SEED));
        seeds.nextLong(); // the initialisation's, see initialSeed
        this.split = TrainValSplit.of(data.train(), seeds.nextLong());
        this.orderSeed = seeds.nextLong();
        this.model = model;
        this.batches = new DigitBatches(model, runner);
        this.out = out;
    }

    /** The seeds of a run in the order they are drawn: initialisation, split, batch order. */
    private static SplittableRandom seeds(long seed) {
        return new SplittableRandom(seed);
    }

    /** The seed of the initialisation that {@code --seed} gives. */
    static long initialSeed(long seed) {
        return seeds(seed).nextLong();
    }

    /** Trains, writes the checkpoints and tests the last and the best network. */
    public Result run() {
        int epochs = v.get(TrainingFlags.EPOCHS);
        int firstEpoch = v.get(DigitClassifierFlags.START_EPOCH);
        int batchSize = v.get(DigitClassifierFlags.BATCH_SIZE);
        double budgetMinutes = v.get(TrainingFlags.TIME_BUDGET);
        Path dir = v.path(TrainingFlags.CHECKPOINT_DIR);
        String suffix = data.modality().checkpointSuffix();
        String stamp = RunNames.newStamp(dir, suffix);
        Path lastFile = dir.resolve(RunNames.base(stamp, suffix) + RunNames.LAST_SUFFIX);
        Path bestFile = dir.resolve(RunNames.base(stamp, suffix) + RunNames.BEST_SUFFIX);
        out.printf(Locale.ROOT, "=> digit classifier on %s (batch norm %s): epochs %d..%d, %d training and %d "
                + "validation images, batches of %d%n", data.modality().description(),
                model.useBatchNorm() ? "on" : "off", firstEpoch, epochs - 1, split.train().size(), split.val().size(),
                batchSize);
        out.println("=> checkpoints: " + lastFile + " and " + bestFile.getFileName());

        Adam adam = new Adam(model.parameters(), v.get(DigitClassifierFlags.LEARNING_RATE));
        StepDecaySchedule schedule = new StepDecaySchedule(v.get(DigitClassifierFlags.LEARNING_RATE),
                v.get(TrainingFlags.LEARNING_RATE_DECAY), v.get(TrainingFlags.DECAY_LEARNING_RATE_EVERY));
        EpochBudget budget = new EpochBudget(budgetMinutes);
        double trainSeconds = 0;
        long trainImages = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        Map<String, Tensor> bestState = null;
        int trained = 0;
        List<Double> valLosses = new ArrayList<>();
        for (int epoch = firstEpoch; epoch < epochs; epoch++) {
            if (budget.stopsBefore(epoch, "", out)) {
                break;
            }
            long epochStart = System.nanoTime();
            double lr = schedule.at(epoch);
            adam.setLearningRate(lr);
            Scores fit = trainEpoch(adam, epoch, batchSize);
            double fitSeconds = (System.nanoTime() - epochStart) / 1e9;
            trainSeconds += fitSeconds;
            trainImages += fit.images();
            Scores check = batches.evaluate(split.val(), batchSize);
            if (!Double.isFinite(check.loss())) {
                throw new TrainingFailure("epoch " + epoch + ": the validation loss is " + check.loss()
                        + (trained > 0 ? "; " + lastFile + " holds the network of the epoch before" : ""));
            }
            valLosses.add(check.loss());
            boolean isBest = check.loss() < bestLoss;
            Map<String, Tensor> state = model.stateDict();
            if (isBest) {
                bestLoss = check.loss();
                bestEpoch = epoch;
                bestState = state;
            }
            Map<String, String> meta = metadata(epoch + 1, bestLoss, check, stamp);
            DigitClassifierCheckpoint.write(lastFile, state, data.modality(), model.height(), model.width(), meta);
            if (isBest) {
                DigitClassifierCheckpoint.write(bestFile, state, data.modality(), model.height(), model.width(),
                        meta);
            }
            trained++;
            double epochSeconds = budget.epochEnds();
            out.printf(Locale.ROOT, "Epoch %d: train %s | val %s %s | lr %.3g | %.1f s, %.0f images/s%n", epoch, fit,
                    check, isBest ? "(best)" : String.format(Locale.ROOT, "(best loss %.4f)", bestLoss), lr,
                    epochSeconds, fit.images() / fitSeconds);
        }
        double throughput = trainSeconds > 0 ? trainImages / trainSeconds : 0;
        return testLastAndBest(trained, bestEpoch, bestLoss, bestState, lastFile, bestFile, batchSize, throughput,
                valLosses);
    }

    /** One epoch of shuffled batches with an Adam step each; returns the epoch's training scores. */
    private Scores trainEpoch(Adam adam, int epoch, int batchSize) {
        LabelledImages train = split.train();
        int[] order = shuffled(train.size(), new SplittableRandom(orderSeed + epoch));
        int count = (order.length + batchSize - 1) / batchSize;
        int printFreq = v.get(DigitClassifierFlags.PRINT_FREQ);
        String counter = "%" + Integer.toString(count).length() + "d";
        Scores epochScores = new Scores();
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            Scores s = batches.train(train, order, i * batchSize, Math.min(order.length, (i + 1) * batchSize));
            if (!Double.isFinite(s.loss())) {
                // stop before the optimiser spreads it into the weights; the last checkpoint stays good
                throw new TrainingFailure("epoch " + epoch + ", batch " + i + ": the training loss is " + s.loss());
            }
            adam.step();
            epochScores.addAll(s);
            if (printFreq > 0 && (i % printFreq == 0 || i == count - 1)) {
                out.printf(Locale.ROOT, "Epoch: [%d][" + counter + "/%d]  Loss %.4f (%.4f)  Acc@1 %.2f (%.2f)  "
                        + "Acc@5 %.2f (%.2f)  Time %.2f s%n", epoch, i + 1, count, s.loss(), epochScores.loss(),
                        100 * s.top1(), 100 * epochScores.top1(), 100 * s.top5(), 100 * epochScores.top5(),
                        (System.nanoTime() - t0) / 1e9);
            }
        }
        return epochScores;
    }

    /** 0 .. n-1 in a random order (Fisher-Yates). */
    private static int[] shuffled(int n, SplittableRandom rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private Result testLastAndBest(int trained, int bestEpoch, double bestLoss, Map<String, Tensor> bestState,
                                   Path lastFile, Path bestFile, int batchSize, double throughput,
                                   List<Double> valLosses) {
        if (trained == 0) {
            out.println("=> no epoch was trained and no checkpoint written; testing the initial network");
            Scores s = test(batches, data, batchSize, "initial network", out);
            return new Result(0, -1, bestLoss, null, null, s, s, 0, List.of());
        }
        int lastEpoch = v.get(DigitClassifierFlags.START_EPOCH) + trained - 1;
        Scores last = test(batches, data, batchSize, "last network, epoch " + lastEpoch, out);
        Scores best = last;
        if (bestEpoch != lastEpoch) {
            model.loadStateDict(bestState);
            best = test(batches, data, batchSize, String.format(Locale.ROOT,
                    "best network, epoch %d, val loss %.4f", bestEpoch, bestLoss), out);
        } else {
            out.println("=> the best network is the last one");
        }
        out.printf(Locale.ROOT, "=> training throughput: %.0f images/s%n", throughput);
        return new Result(trained, bestEpoch, bestLoss, lastFile, bestFile, last, best, throughput,
                List.copyOf(valLosses));
    }

    /** Scores on the whole official test set, printed as {@code * Test (label): Loss ... Acc@1 ... Acc@5 ...}. */
    static Scores test(DigitBatches batches, DigitData data, int batchSize, String label, PrintStream out) {
        long t0 = System.nanoTime();
        Scores s = batches.evaluate(data.test(), batchSize);
        out.printf(Locale.ROOT, " * Test (%s): %s  over %d images (%.1f s)%n", label, s, s.images(),
                (System.nanoTime() - t0) / 1e9);
        return s;
    }

    private Map<String, String> metadata(int epoch, double bestLoss, Scores val, String stamp) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("task", TASK);
        meta.put("hmem_version", HmemVersion.current());
        meta.put("epoch", Integer.toString(epoch));
        meta.put("best_loss", Double.toString(bestLoss));
        meta.put("val_loss", Double.toString(val.loss()));
        meta.put("val_acc1", Double.toString(val.top1()));
        meta.put("use_batch_norm", Boolean.toString(model.useBatchNorm()));
        meta.put("time_stamp", stamp);
        meta.put("saved_at", Instant.now().toString());
        meta.put("params", v.toParams().toString());
        return meta;
    }
}
