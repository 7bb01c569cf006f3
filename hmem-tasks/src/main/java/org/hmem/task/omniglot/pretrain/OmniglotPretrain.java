package org.hmem.task.omniglot.pretrain;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Function;

import org.hmem.engine.conv.ProtoNet;
import org.hmem.engine.conv.SampleRunner;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.flags.UserError;
import org.hmem.task.omniglot.data.OmniglotPreprocessing;
import org.hmem.task.omniglot.OmniglotFlags;
import org.hmem.task.omniglot.OmniglotSplits;
import org.hmem.task.omniglot.data.OmniglotSplit;
import org.hmem.task.omniglot.data.OmniglotSplitName;
import org.hmem.task.train.MemoryBudget;
import org.hmem.task.train.TrainingFlags;

/**
 * {@code hmem omniglot pretrain} end to end: check the flags, then either train the prototypical network
 * ({@link ProtoNetPretraining}) or, with {@code --evaluate}, test the network of {@code --checkpoint_path}.
 */
public final class OmniglotPretrain {

    /**
     * Bytes one image of a training episode takes in the network's record (activations of all four blocks and the
     * gradients of the largest, with batch norm): the ProtoNet keeps about 0.4 GB for the 360 images of a default
     * episode. A validation or test image, forward only, needs about half.
     */
    private static final long TRAINING_BYTES_PER_IMAGE = 1_200_000;

    private OmniglotPretrain() {
    }

    /** Runs the command with the flags the user gave; the data come from {@code --dir}. */
    public static void run(FlagValues v, PrintStream out) {
        Function<OmniglotSplitName, OmniglotSplit> splits = new OmniglotSplits(v.path(OmniglotFlags.DIR),
                v.path(OmniglotFlags.CACHE_DIR), out)::get;
        if (v.get(PretrainFlags.EVALUATE)) {
            evaluate(v, splits, out);
        } else {
            train(v, splits, out);
        }
    }

    /** Trains with {@code v} on the splits {@code splits} hands out (tests hand out splits loaded once). */
    public static ProtoNetPretraining.Result train(FlagValues v, Function<OmniglotSplitName, OmniglotSplit> splits,
                                                   PrintStream out) {
        validate(v, out);
        try (BatchParallel par = new BatchParallel(v.get(TrainingFlags.THREADS))) {
            return new ProtoNetPretraining(v, splits, SampleRunner.of(par), out).run();
        }
    }

    /**
     * {@code --evaluate}: the mean accuracy of the network of {@code --checkpoint_path} over
     * {@value ProtoNetPretraining#TEST_ROUNDS} × {@code --iterations} test episodes of the validation shape
     * ({@code --classes_per_iteration_val}, {@code --num_samples_*_val}). The file is read before any data, and
     * decides about batch norm.
     */
    public static double evaluate(FlagValues v, Function<OmniglotSplitName, OmniglotSplit> splits, PrintStream out) {
        validate(v, out);
        ProtoNet net = load(v, out).net();
        EpisodeSource test = EpisodeSource.of(splits.apply(OmniglotSplitName.TEST), PretrainFlags.valEpisodes(v),
                v.get(PretrainFlags.SAMPLER_SEED));
        try (BatchParallel par = new BatchParallel(v.get(TrainingFlags.THREADS))) {
            ProtoNetEpisodes episodes = new ProtoNetEpisodes(net, SampleRunner.of(par));
            return ProtoNetPretraining.test(episodes, test, v.get(PretrainFlags.ITERATIONS), "checkpoint", out);
        }
    }

    /** The network of {@code --checkpoint_path}; a user error when the flag is missing or the file unreadable. */
    private static ProtoNetCheckpoint.Loaded load(FlagValues v, PrintStream out) {
        String path = v.get(PretrainFlags.CHECKPOINT_PATH);
        if (path.isBlank()) {
            throw new UserError("--evaluate needs --checkpoint_path FILE: the network to test");
        }
        ProtoNetCheckpoint.Loaded loaded = ProtoNetCheckpoint.read(Path.of(path));
        String epoch = loaded.metadata().get("epoch");
        out.println("=> loaded checkpoint " + path + (epoch != null ? " (epoch " + epoch + ")" : "") + ", batch norm "
                + (loaded.net().useBatchNorm() ? "on" : "off"));
        if (v.isGiven(PretrainFlags.USE_BATCH_NORM) && !loaded.net().useBatchNorm()) {
            out.println("note: --use_batch_norm has no effect with --evaluate; this checkpoint has no batch norm");
        }
        return loaded;
    }

    static void validate(FlagValues v, PrintStream out) {
        v.validate();
        if (v.get(PretrainFlags.CUDA)) {
            out.println("note: --cuda has no effect; hmem computes on the CPU (--threads "
                    + v.get(TrainingFlags.THREADS) + ")");
        }
        EpisodeShape train = PretrainFlags.trainEpisodes(v);
        EpisodeShape val = PretrainFlags.valEpisodes(v);
        String lower = "--classes_per_iteration_* or --num_samples_*";
        MemoryBudget.requireArray("the first convolution's output for one episode",
                (long) Math.max(train.images(), val.images()) * ProtoNet.CHANNELS * OmniglotPreprocessing.PIXELS,
                lower);
        MemoryBudget.requireHeap("the network's record of one episode", Math.max(
                train.images() * TRAINING_BYTES_PER_IMAGE, val.images() * TRAINING_BYTES_PER_IMAGE / 2), lower);
    }
}
