package org.hmem.task.omniglot.pretrain;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.hmem.engine.conv.ProtoNet;
import org.hmem.engine.conv.SampleRunner;
import org.hmem.engine.init.Init;
import org.hmem.engine.io.HmemVersion;
import org.hmem.engine.loss.PrototypicalLoss;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.optim.Adam;
import org.hmem.engine.optim.StepDecaySchedule;
import org.hmem.engine.tensor.Tensor;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.omniglot.data.OmniglotSplit;
import org.hmem.task.omniglot.data.OmniglotSplitName;
import org.hmem.task.train.EpochBudget;
import org.hmem.task.train.RunNames;
import org.hmem.task.train.TrainingFailure;
import org.hmem.task.train.TrainingFlags;

/**
 * The training procedure of {@code utils/pretrain_protonet.py} (spec §8.9): per epoch {@code --iterations} training
 * episodes with one Adam step each (β 0.9/0.999, ε 1e-8, no weight decay) at the StepLR learning rate of the epoch,
 * then as many validation episodes; a checkpoint after every epoch and a {@code _best} copy whenever the mean
 * validation accuracy reaches the best so far ({@code >=}, as the reference); finally the last and the best network
 * are tested on {@value #TEST_ROUNDS} × {@code --iterations} test episodes.
 *
 * <p>Fixed reference bug (spec §13 item 34): the reference's "best model" is an alias of the live weights, so its
 * "testing with best model" re-tests the last one; here the best epoch's weights are a copy. Both tests use the same
 * test episodes (the reference's second test continues its sampler and so draws other ones), which makes the two
 * numbers comparable. Every epoch and episode is a pure function of the seeds, so a run repeats exactly for the same
 * seeds and thread count.
 */
public final class ProtoNetPretraining {

    /** The metadata {@code task} of the checkpoints. */
    public static final String TASK = "omniglot_protonet_pretraining";
    /** Passes over {@code --iterations} test episodes (the reference's {@code test()} loops ten times). */
    public static final int TEST_ROUNDS = 10;

    /**
     * What a run did.
     *
     * @param epochs           epochs trained (fewer than {@code --epochs} when the time budget stopped the run)
     * @param bestEpoch        the epoch of the best validation accuracy (0-based), -1 if none was trained
     * @param bestValAccuracy  its mean validation accuracy, a fraction
     * @param lastCheckpoint   the checkpoint after the last epoch, null if none was trained
     * @param bestCheckpoint   the {@code _best} checkpoint, null if none was trained
     * @param lastTestAccuracy mean test accuracy of the last network
     * @param bestTestAccuracy mean test accuracy of the best network (the same number when it is the last one)
     */
    public record Result(int epochs, int bestEpoch, double bestValAccuracy, Path lastCheckpoint, Path bestCheckpoint,
                         double lastTestAccuracy, double bestTestAccuracy) {
    }

    private final FlagValues v;
    private final EpisodeSource train;
    private final EpisodeSource val;
    private final EpisodeSource test;
    private final ProtoNet net;
    private final ProtoNetEpisodes episodes;
    private final PrintStream out;

    /**
     * A run with the flags {@code v} on the splits {@code splits} hands out (train, val and test are all taken
     * here, so a data problem shows before training starts).
     */
    public ProtoNetPretraining(FlagValues v, Function<OmniglotSplitName, OmniglotSplit> splits, SampleRunner runner,
                               PrintStream out) {
        this.v = v;
        long seed = v.get(PretrainFlags.SAMPLER_SEED);
        this.train = EpisodeSource.of(splits.apply(OmniglotSplitName.TRAIN), PretrainFlags.trainEpisodes(v), seed);
        this.val = EpisodeSource.of(splits.apply(OmniglotSplitName.VAL), PretrainFlags.valEpisodes(v), seed);
        this.test = EpisodeSource.of(splits.apply(OmniglotSplitName.TEST), PretrainFlags.valEpisodes(v), seed);
        this.net = newNetwork(v.get(PretrainFlags.USE_BATCH_NORM), v.get(PretrainFlags.SEED));
        this.episodes = new ProtoNetEpisodes(net, runner);
        this.out = out;
    }

    /**
     * A network as the reference creates it: its convolutions keep PyTorch's default initialisation (it never
     * re-initialises them), {@code kaiming_uniform(a = √5)}, i.e. U(−1/√fan_in, 1/√fan_in) with fan_in = 9·C_in;
     * batch norm starts at weight 1, bias 0.
     */
    static ProtoNet newNetwork(boolean batchNorm, long seed) {
        ProtoNet net = new ProtoNet(batchNorm);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < ProtoNet.BLOCKS; i++) {
            Parameter w = net.conv(i).weight();
            Init.uniform(w, 1 / Math.sqrt(w.size() / (double) w.dim(0)), rng);
        }
        return net;
    }

    /** Trains, writes the checkpoints and tests the last and the best network. */
    public Result run() {
        int epochs = v.get(PretrainFlags.EPOCHS);
        int iterations = v.get(PretrainFlags.ITERATIONS);
        double budgetMinutes = v.get(PretrainFlags.TIME_BUDGET);
        Path dir = v.path(TrainingFlags.CHECKPOINT_DIR);
        String suffix = "protonet_omniglot-" + train.shape().support() + "-shot-" + val.shape().ways() + "-way";
        String stamp = RunNames.newStamp(dir, suffix);
        Path lastFile = dir.resolve(RunNames.base(stamp, suffix) + RunNames.LAST_SUFFIX);
        Path bestFile = dir.resolve(RunNames.base(stamp, suffix) + RunNames.BEST_SUFFIX);
        out.printf(Locale.ROOT, "=> ProtoNet pretraining on Omniglot (batch norm %s): %d epochs of %d episodes, "
                + "training %s, validation and test %s%n", net.useBatchNorm() ? "on" : "off", epochs, iterations,
                train.shape(), val.shape());
        out.println("=> checkpoints: " + lastFile + " and " + bestFile.getFileName());

        Adam adam = new Adam(net.parameters(), v.get(PretrainFlags.LEARNING_RATE));
        StepDecaySchedule schedule = new StepDecaySchedule(v.get(PretrainFlags.LEARNING_RATE),
                v.get(PretrainFlags.LR_SCHEDULER_GAMMA), v.get(PretrainFlags.LR_SCHEDULER_STEP));
        EpochBudget budget = new EpochBudget(budgetMinutes);
        double bestAcc = 0;
        int bestEpoch = -1;
        Map<String, Tensor> bestState = null;
        int trained = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            if (budget.stopsBefore(epoch, "", out)) {
                break;
            }
            double lr = schedule.at(epoch);
            adam.setLearningRate(lr);
            ProtoNetEpisodes.Mean fit = trainEpoch(adam, epoch, iterations);
            ProtoNetEpisodes.Mean check = episodes.evaluate(val, epoch, 1, iterations);
            if (!Double.isFinite(check.loss())) {
                throw new TrainingFailure("epoch " + epoch + ": the validation loss is " + check.loss()
                        + (trained > 0 ? "; " + lastFile + " holds the network of the epoch before" : ""));
            }
            boolean isBest = check.accuracy() >= bestAcc;
            Map<String, Tensor> state = ProtoNetCheckpoint.stateDict(net);
            if (isBest) {
                bestAcc = check.accuracy();
                bestEpoch = epoch;
                bestState = state;
            }
            Map<String, String> meta = metadata(epoch + 1, bestAcc, check.accuracy(), stamp);
            ProtoNetCheckpoint.write(lastFile, state, meta);
            if (isBest) {
                ProtoNetCheckpoint.write(bestFile, state, meta);
            }
            trained = epoch + 1;
            double epochSeconds = budget.epochEnds();
            out.printf(Locale.ROOT, "Epoch %d: train loss %.4f acc %.4f | val loss %.4f acc %.4f %s | lr %.3g | "
                    + "%.1f s%n", epoch, fit.loss(), fit.accuracy(), check.loss(), check.accuracy(),
                    isBest ? "(best)" : String.format(Locale.ROOT, "(best %.4f)", bestAcc), lr, epochSeconds);
        }
        return testLastAndBest(trained, bestEpoch, bestAcc, bestState, lastFile, bestFile, iterations);
    }

    /** One epoch of training episodes; returns their mean loss and accuracy. */
    private ProtoNetEpisodes.Mean trainEpoch(Adam adam, int epoch, int iterations) {
        int printFreq = v.get(PretrainFlags.PRINT_FREQ);
        String counter = "%" + Integer.toString(iterations).length() + "d";
        double loss = 0;
        double accuracy = 0;
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            PrototypicalLoss.Result r = episodes.train(train, epoch, i);
            if (!Double.isFinite(r.loss())) {
                // stop before the optimiser spreads it into the weights; the last checkpoint stays good
                throw new TrainingFailure("epoch " + epoch + ", episode " + i + ": the training loss is "
                        + r.loss());
            }
            adam.step();
            loss += r.loss();
            accuracy += r.accuracy();
            if (printFreq > 0 && (i % printFreq == 0 || i == iterations - 1)) {
                out.printf(Locale.ROOT, "Epoch: [%d][" + counter + "/%d]  Loss %.4f (%.4f)  Acc %.4f (%.4f)  "
                        + "Time %.2f s%n", epoch, i + 1, iterations, r.loss(), loss / (i + 1), r.accuracy(),
                        accuracy / (i + 1), (System.nanoTime() - t0) / 1e9);
            }
        }
        return new ProtoNetEpisodes.Mean(loss / iterations, accuracy / iterations, iterations);
    }

    private Result testLastAndBest(int trained, int bestEpoch, double bestAcc, Map<String, Tensor> bestState,
                                   Path lastFile, Path bestFile, int iterations) {
        if (trained == 0) {
            out.println("=> no epoch was trained and no checkpoint written; testing the initial network");
            double acc = test(episodes, test, iterations, "initial network", out);
            return new Result(0, -1, 0, null, null, acc, acc);
        }
        double last = test(episodes, test, iterations, "last network, epoch " + (trained - 1), out);
        double best = last;
        if (bestEpoch != trained - 1) {
            net.loadStateDict(bestState);
            best = test(episodes, test, iterations, String.format(Locale.ROOT, "best network, epoch %d, val acc %.4f",
                    bestEpoch, bestAcc), out);
        } else {
            out.println("=> the best network is the last one");
        }
        return new Result(trained, bestEpoch, bestAcc, lastFile, bestFile, last, best);
    }

    /**
     * Mean accuracy over {@value #TEST_ROUNDS} × {@code iterations} episodes of {@code test} (sampler epochs 0 to
     * 9), printed as {@code * Test (label): Acc ...}.
     */
    static double test(ProtoNetEpisodes episodes, EpisodeSource test, int iterations, String label,
                       PrintStream out) {
        long t0 = System.nanoTime();
        ProtoNetEpisodes.Mean m = episodes.evaluate(test, 0, TEST_ROUNDS, iterations);
        out.printf(Locale.ROOT, " * Test (%s): Acc %.4f  Loss %.4f  over %d episodes of %s (%.1f s)%n", label,
                m.accuracy(), m.loss(), m.episodes(), test.shape(), (System.nanoTime() - t0) / 1e9);
        return m.accuracy();
    }

    private Map<String, String> metadata(int epoch, double bestAcc, double valAcc, String stamp) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("task", TASK);
        meta.put("hmem_version", HmemVersion.current());
        meta.put("epoch", Integer.toString(epoch));
        meta.put("best_acc", Double.toString(bestAcc));
        meta.put("val_acc", Double.toString(valAcc));
        meta.put("use_batch_norm", Boolean.toString(net.useBatchNorm()));
        meta.put("time_stamp", stamp);
        meta.put("saved_at", Instant.now().toString());
        meta.put("params", v.toParams().toString());
        return meta;
    }
}
